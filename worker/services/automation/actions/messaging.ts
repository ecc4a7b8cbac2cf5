import { sql } from "drizzle-orm";
import { runBatch } from "../../../db/batch";
import { emailOutbox } from "../../../db/schema";
import { parseDuration } from "../../../shared/config/common";
import { renderDeep, renderTemplate } from "../../../shared/template";
import { templatedHost } from "../../../shared/egress-rules";
import { MissingSecret, resolveHeaders, resolveSecret } from "../../secrets/store";
import { EgressRefused, egressFetch, egressPolicy, renderUrl } from "../../egress/egress-fetch";
import { activityStatements } from "../../activities";
import { effectInsert, once } from "../effects";
import { dispatch, fromAddressOf, newMessageId, queuedOutboxRow } from "../../email/outbound";
import { PermanentFailure, stableId, type Executor } from "./context";

// The excerpt of a webhook's answer kept in the run's steps (shown to admins).
const RESPONSE_KEEP = 500;

const ownerOf = (record: unknown) =>
  record && typeof record === "object" ? ((record as { ownerId?: string | null }).ownerId ?? null) : null;

export const notify: Executor<"notify"> = async (action, ctx) => {
  const record = ctx.run.payload.record;
  const to = action.to;
  const tags =
    typeof to === "string"
      ? [`user:${to === "$owner" ? ownerOf(record) : to}`]
      : to.role
        ? [`role:${to.role}`]
        : (to.users ?? []).map((u) => `user:${u}`);
  const message = renderTemplate(action.message, ctx.template);
  ctx.broadcast(
    {
      type: "notify",
      message,
      entity: ctx.run.entity,
      recordId: typeof record?.id === "string" ? record.id : undefined,
    },
    tags,
  );
  return { to: tags, message };
};

export const webhook: Executor<"webhook"> = async (action, ctx) => {
  const method = action.method ?? "POST";
  const body =
    method === "GET" || action.body === undefined ? undefined : JSON.stringify(renderDeep(action.body, ctx.template));
  // Secrets are resolved here, for this request only; neither they nor header values are kept.
  const resolved = await secretsOrFail(() => resolveHeaders(ctx.env, ctx.tdb, action.headers));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Pulse-8-Automations",
    "x-pulse-idempotency-key": ctx.key,
    ...resolved,
  };
  if (action.secret && body !== undefined) {
    const secret = await secretsOrFail(() => resolveSecret(ctx.env, ctx.tdb, action.secret!));
    headers["x-pulse-signature"] = `sha256=${await hmacHex(secret, body)}`;
  }
  // The host was checked to be literal at publish; checked again here against the guard.
  if (templatedHost(action.url))
    throw new PermanentFailure("the scheme and host of a webhook URL cannot be a template");
  const url = renderUrl(action.url, (placeholder) => renderTemplate(placeholder, ctx.template));
  let res: Awaited<ReturnType<typeof egressFetch>>;
  try {
    res = await egressFetch(url, { method, headers, body }, egressPolicy(ctx.env, ctx.fetch));
  } catch (error) {
    if (error instanceof EgressRefused) throw new PermanentFailure(error.message);
    throw error;
  }
  if (!res.ok) throw new Error(`webhook answered ${res.status}: ${res.excerpt.slice(0, 200)}`);
  return {
    status: res.status,
    body: res.excerpt.slice(0, RESPONSE_KEEP),
    ...(res.redirects ? { redirects: res.redirects } : {}),
  };
};

async function secretsOrFail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MissingSecret) throw new PermanentFailure(error.message);
    throw error;
  }
}

export const sendEmail: Executor<"send_email"> = async (action, ctx) => {
  const to = renderTemplate(action.to, ctx.template).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw new PermanentFailure(`"${to}" is not an email address`);
  const id = await stableId("eml", ctx.key);
  const message = {
    to,
    subject: renderTemplate(action.subject, ctx.template),
    body: renderTemplate(action.body, ctx.template),
    from: await fromAddressOf(ctx.env, ctx.tdb.tenantId),
    headers: { "Message-ID": newMessageId(ctx.env, "auto") },
  };
  const record = ctx.run.payload.record;
  // Queued with the step's effect row first: a retried step finds it and does not send again.
  const outcome = await once(() =>
    runBatch(ctx.tdb.db, [
      effectInsert(ctx.tdb, ctx.key, ctx.now),
      ctx.tdb.db.insert(emailOutbox).values(
        queuedOutboxRow(ctx.tdb, message, {
          id,
          entity: ctx.run.entity,
          recordId: typeof record?.id === "string" ? record.id : null,
          now: ctx.now,
        }),
      ),
    ]),
  );
  if ("alreadyApplied" in outcome) return { id, to, alreadyApplied: true };
  const delivery = await dispatch(ctx.env, ctx.tdb, id, message, ctx.now);
  return { id, to, status: delivery.status };
};

export const createActivity: Executor<"create_activity"> = async (action, ctx) => {
  const record = ctx.run.payload.record;
  const assigneeId = await resolveAssignee(action.assignee, ctx.run.payload.record, ctx);
  const dueMs = action.dueIn ? parseDuration(action.dueIn) : null;
  const id = await stableId("act", ctx.key);
  const { statements } = activityStatements(
    ctx.tdb,
    ctx.actor.userId,
    {
      title: renderTemplate(action.title, ctx.template),
      assigneeId,
      dueAt: dueMs ? ctx.now + dueMs : null,
      entity: ctx.run.entity,
      recordId: typeof record?.id === "string" ? record.id : undefined,
      system: true,
    },
    ctx.now,
    id,
  );
  const outcome = await once(() => runBatch(ctx.tdb.db, [effectInsert(ctx.tdb, ctx.key, ctx.now), ...statements]));
  return { id, assigneeId, ...("alreadyApplied" in outcome ? { alreadyApplied: true } : {}) };
};

/** "$owner", a user id, or the active member of a role with the fewest open activities. */
async function resolveAssignee(
  assignee: string | { role: string },
  record: Record<string, unknown> | null | undefined,
  ctx: Parameters<Executor<"create_activity">>[1],
) {
  if (assignee === "$owner") return ownerOf(record);
  if (typeof assignee === "string") return assignee;
  const rows = await ctx.tdb.db.values<[string]>(sql`
    SELECT m.user_id FROM memberships m
    WHERE m.tenant_id = ${ctx.tdb.tenantId} AND m.role = ${assignee.role} AND m.active = 1
    ORDER BY (SELECT count(*) FROM activities a WHERE a.tenant_id = m.tenant_id AND a.assignee_id = m.user_id
    AND a.status = 'open'), m.created_at
    LIMIT 1`);
  if (!rows[0]) throw new PermanentFailure(`No active member has the role ${assignee.role}`);
  return rows[0][0];
}

async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
