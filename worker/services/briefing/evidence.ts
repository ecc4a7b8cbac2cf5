import { desc, eq, or } from "drizzle-orm";
import { tenantHub } from "../../lib/hub";
import type { SlaTimerView } from "../../shared/sla-timer";
import { inboxMessages } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { itemsOf } from "../../shared/config/snapshot";
import { canRead } from "../../shared/records/access";
import { listActivities } from "../activities";
import { pendingApprovalsOf } from "../approval-decision";
import { recordTitle } from "../records/title";
import { entityFromSnapshot, type EntityContext } from "../records/entity";
import { recordHistory } from "../records/history";
import { getRecordRow, presentRecord, type RecordRow } from "../records/read";
import { redactRecordData } from "../../shared/records/access";

// Everything a briefing may be written from, gathered with the caller's own access: the record
// and referenced records redacted for their role, history without hidden values, the record's
// activities, messages, SLA timers and open approvals. Nothing else reaches a provider.

export type Evidence = {
  entity: string;
  entityTitle: string;
  title: string;
  record: ReturnType<typeof presentRecord>;
  fields: { name: string; label: string; type: string; value: unknown }[];
  step?: { key: string; label: string; category: string; since: string };
  references: { field: string; entity: string; id: string; title: string; data: Record<string, unknown> }[];
  history: Awaited<ReturnType<typeof recordHistory>>;
  activities: Awaited<ReturnType<typeof listActivities>>;
  /** Newest first; `out` are the team's replies. */
  messages: { direction: "in" | "out"; from: string; subject: string | null; body: string; at: string }[];
  sla: SlaTimerView[];
  approvals: {
    id: string;
    approval: string;
    status: string;
    requestedAt: string;
    dueAt: string | null;
    change: Record<string, unknown> | null;
  }[];
};

export type EvidenceDeps = { env: Env; tdb: TenantDb; principal: Principal; waitUntil: (p: Promise<unknown>) => void };

const MESSAGE_CHARS = 2000;

export async function gatherEvidence(deps: EvidenceDeps, ctx: EntityContext, row: RecordRow): Promise<Evidence> {
  const { tdb, principal } = deps;
  const record = presentRecord(row, ctx, principal.role);
  const hasSla = Object.keys(itemsOf(ctx.snapshot, "sla", ctx.entity)).length > 0;
  const [history, activities, messages, sla, approvals, references] = await Promise.all([
    recordHistory(tdb, ctx, principal, row.id),
    listActivities(tdb, { recordId: row.id, limit: 100 }),
    messagesAbout(tdb, row.id),
    hasSla ? tenantHub(deps.env, principal.tenantId).slaTimers([row.id]) : Promise.resolve([]),
    pendingApprovalsOf(deps, ctx.form, row.id).then((list) =>
      list.map((v) => ({
        id: v.id,
        approval: v.approval,
        status: v.status,
        requestedAt: v.requestedAt,
        dueAt: v.dueAt,
        change: v.change as Record<string, unknown> | null,
      })),
    ),
    referencedRecords(deps, ctx, record.data),
  ]);
  const fields = ctx.form.fields
    .filter(
      (f) =>
        canRead(f, principal.role) &&
        record.data[f.name] !== undefined &&
        record.data[f.name] !== null &&
        record.data[f.name] !== "",
    )
    .map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      value: f.options ? labelOf(f.options, record.data[f.name]) : record.data[f.name],
    }));
  return {
    entity: ctx.entity,
    entityTitle: ctx.form.title,
    title: recordTitle(ctx, record.data, row.id),
    record,
    fields,
    step: stepOf(ctx, row, history),
    references,
    history: history.slice(-20),
    activities,
    messages,
    sla,
    approvals,
  };
}

function labelOf(options: { value: string; label: string }[], value: unknown): unknown {
  const label = (v: unknown) => options.find((o) => o.value === v)?.label ?? v;
  return Array.isArray(value) ? value.map(label) : label(value);
}

function stepOf(ctx: EntityContext, row: RecordRow, history: Evidence["history"]): Evidence["step"] {
  const step = ctx.workflow?.steps.find((s) => s.key === row.status);
  if (!step) return undefined;
  const moved = [...history].reverse().find((h) => h.action === "record.transitioned");
  return {
    key: step.key,
    label: step.label,
    category: step.category ?? "open",
    since: moved?.at ?? new Date(row.createdAt).toISOString(),
  };
}

/** Inbox messages of a case, or of a customer across their cases, newest first. */
async function messagesAbout(tdb: TenantDb, recordId: string): Promise<Evidence["messages"]> {
  const rows = await tdb.db
    .select({
      direction: inboxMessages.direction,
      fromEmail: inboxMessages.fromEmail,
      fromName: inboxMessages.fromName,
      subject: inboxMessages.subject,
      body: inboxMessages.body,
      receivedAt: inboxMessages.receivedAt,
    })
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, or(eq(inboxMessages.caseId, recordId), eq(inboxMessages.customerId, recordId))))
    .orderBy(desc(inboxMessages.receivedAt))
    .limit(20);
  return rows.map((m) => ({
    direction: m.direction,
    from: m.fromName ? `${m.fromName} <${m.fromEmail}>` : m.fromEmail,
    subject: m.subject,
    body: m.body.slice(0, MESSAGE_CHARS),
    at: new Date(m.receivedAt).toISOString(),
  }));
}

/** The records this one's reference fields point at, as the caller may see them (or not at all). */
async function referencedRecords(
  deps: EvidenceDeps,
  ctx: EntityContext,
  data: Record<string, unknown>,
): Promise<Evidence["references"]> {
  const refs = ctx.form.fields.filter((f) => f.type === "reference" && f.entity && typeof data[f.name] === "string");
  const found = await Promise.all(
    refs.map(async (f) => {
      const target = entityFromSnapshot(ctx.snapshot, ctx.configVersion, f.entity!);
      if (!target) return null;
      try {
        const row = await getRecordRow(deps.tdb, target, deps.principal, data[f.name] as string);
        const shown = redactRecordData(row.data, target.form, deps.principal.role);
        return {
          field: f.name,
          entity: target.entity,
          id: row.id,
          title: recordTitle(target, shown, row.id),
          data: shown,
        };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null; // not visible to the caller
        throw error;
      }
    }),
  );
  return found.filter((r) => r !== null);
}
