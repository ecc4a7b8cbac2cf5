import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { badRequest } from "../../lib/errors";
import { canRead } from "../../shared/records/access";
import { readBatch } from "../../db/batch";
import { actorView, type ActorView } from "../actors";
import type { EntityContext } from "./entity";
import { foundRecord, recordStatement, type RawRow } from "./read";
import { TIMELINE_KINDS, TIMELINE_SOURCES, type Position, type RawEntry, type TimelineKind } from "./timeline-sources";

// One timeline per record: its history, activities, messages, SLA events and approvals merged
// newest first. Paging is a keyset over (at, id) shared by every source, so a page is the
// newest `limit` entries older than the cursor whatever table they live in.

export type TimelineEntry = {
  id: string;
  at: string;
  kind: TimelineKind;
  actor?: ActorView;
  summary: string;
  data?: Record<string, unknown>;
};
export type TimelineQuery = { cursor?: string; limit?: number; kinds?: TimelineKind[] };

export async function recordTimeline(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  recordId: string,
  query: TimelineQuery = {},
) {
  const limit = query.limit ?? 50;
  const kinds = new Set<TimelineKind>(query.kinds?.length ? query.kinds : TIMELINE_KINDS);
  const after = parseCursor(query.cursor);
  const reads = TIMELINE_SOURCES.filter((s) => s.kinds.some((k) => kinds.has(k))).flatMap(
    (s) => s.read({ tdb, entity: ctx.entity, recordId }, { after, limit: limit + 1, kinds }) ?? [],
  );
  // The record and every source's page, actors' names included: one round trip.
  const [record, ...answers] = await readBatch(tdb.db, [
    recordStatement(tdb, ctx, principal, recordId),
    ...reads.map((r) => r.statement),
  ]);
  foundRecord(record as RawRow[]); // 404 unless the caller may see it
  const merged = reads
    .flatMap((r, i) => r.entries(answers[i]))
    .filter((e) => kinds.has(e.kind))
    .sort(newestFirst);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  const names = new Map(page.flatMap((e) => (e.actorId && e.actorName ? [[e.actorId, e.actorName] as const] : [])));
  const items = page.flatMap((raw) => {
    const entry = describe(raw, ctx, principal);
    return entry ? [{ ...entry, actor: actorView(raw.actorId, names) }] : [];
  });
  return { items, nextCursor: merged.length > limit && last ? encodeCursor(last) : null };
}

const newestFirst = (a: RawEntry, b: RawEntry) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

type Values = Record<string, unknown> | null;

/** The entry as the caller may see it, or null when nothing of it is theirs to see. */
function describe(raw: RawEntry, ctx: EntityContext, principal: Principal): Omit<TimelineEntry, "actor"> | null {
  const base = { id: raw.id, at: new Date(raw.at).toISOString(), kind: raw.kind };
  if (raw.kind === "history" || raw.kind === "sla" || raw.kind === "approval") {
    const { action, before, after } = raw.data as { action: string; before: Values; after: Values };
    return auditEntry(base, { action, before, after }, ctx, principal);
  }
  if (raw.kind === "activity") {
    const type = String(raw.data?.type ?? "task");
    return { ...base, summary: `${type[0]!.toUpperCase()}${type.slice(1)}: ${raw.summary}`, data: raw.data };
  }
  return raw.summary === null ? null : { ...base, summary: raw.summary, data: raw.data };
}

type Audit = { action: string; before: Values; after: Values };

function auditEntry(
  base: Pick<TimelineEntry, "id" | "at" | "kind">,
  a: Audit,
  ctx: EntityContext,
  principal: Principal,
): Omit<TimelineEntry, "actor"> | null {
  const readable = (name: string) => {
    const f = ctx.form.fields.find((x) => x.name === name);
    return f !== undefined && canRead(f, principal.role);
  };
  const label = (name: string) => ctx.form.fields.find((f) => f.name === name)?.label ?? name;
  const changes = (before: Values, after: Values) => {
    const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(readable);
    return Object.fromEntries(names.map((n) => [n, { from: before?.[n] ?? null, to: after?.[n] ?? null }]));
  };
  const step = (key: unknown) => ctx.workflow?.steps.find((s) => s.key === key)?.label ?? String(key ?? "—");
  switch (a.action) {
    case "record.created":
      return { ...base, summary: "Created", data: { changes: changes(null, a.after) } };
    case "record.deleted":
      return { ...base, summary: "Deleted" };
    case "record.transitioned":
      return {
        ...base,
        summary: `Moved from ${step(a.before?.status)} to ${step(a.after?.status)}`,
        data: { from: a.before?.status ?? null, to: a.after?.status ?? null },
      };
    case "record.updated": {
      const c = changes(a.before, a.after);
      const names = Object.keys(c);
      // A change only to fields the caller may not read is not theirs to know about.
      if (names.length === 0) return null;
      return { ...base, summary: `Changed ${names.map(label).join(", ")}`, data: { changes: c } };
    }
  }
  const after = a.after ?? {};
  if (a.action.startsWith("sla.")) {
    const what = a.action === "sla.breached" ? "SLA breached" : "SLA warning";
    return {
      ...base,
      summary: `${what}: ${String(after.metric ?? "")}`.trim(),
      data: { policy: after.policy, metric: after.metric, dueAt: after.dueAt, percent: after.percent },
    };
  }
  const approvalKey = String(after.approval ?? "");
  const approvalName = approvalKey.replaceAll("_", " ");
  const held = after.change as Values;
  const data = {
    id: after.id,
    approval: approvalKey,
    ...(held ? { change: changes(null, held) } : {}),
    ...(after.comment ? { comment: after.comment } : {}),
  };
  const verb =
    {
      "approval.requested": "Approval requested",
      "approval.approved": "Approved",
      "approval.rejected": "Rejected",
      "approval.escalated": "Approval escalated",
    }[a.action] ?? a.action;
  return { ...base, summary: `${verb}: ${approvalName}`, data };
}

function encodeCursor(p: Position): string {
  return btoa(`${p.at}.${p.id}`).replaceAll("=", "");
}

function parseCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  let text: string;
  try {
    text = atob(cursor);
  } catch {
    throw badRequest("Invalid cursor");
  }
  const m = /^(\d{1,15})\.([\w:.-]{1,120})$/.exec(text);
  if (!m) throw badRequest("Invalid cursor");
  return { at: Number(m[1]), id: m[2]! };
}
