import { sql, type SQL } from "drizzle-orm";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import type { FormConfig } from "../shared/config/form";
import { getItem, type Snapshot } from "../shared/config/snapshot";
import type { WorkflowConfig } from "../shared/config/workflow";
import { canRead } from "../shared/records/access";

// The dashboard's numbers, each computed by aggregate SQL in D1 (never by loading records into
// the Worker). Owner-scoped entities count only what the caller may see; a money field the
// caller may not read yields null sums rather than leaking totals.

type Counted = { status: string | null; n: number; total: number | null };

function visibleScope(tdb: TenantDb, entity: string, form: FormConfig | undefined, p: Principal): SQL {
  const base = sql`tenant_id = ${tdb.tenantId} AND entity = ${entity} AND deleted_at IS NULL`;
  const owned = form?.recordAccess === "owner" && (p.role === "agent" || p.role === "read_only");
  return owned ? sql`${base} AND (owner_id = ${p.userId} OR assignee_id = ${p.userId})` : base;
}

/** The money field of an entity: `amount` if there is one, else its first currency field. */
function moneyField(form: FormConfig | undefined, role: Principal["role"]): string | undefined {
  const field = form?.fields.find((f) => f.name === "amount") ?? form?.fields.find((f) => f.type === "currency");
  return field && canRead(field, role) ? field.name : undefined;
}

async function byStatus(tdb: TenantDb, scope: SQL, money: string | undefined): Promise<Counted[]> {
  const total = money ? sql.raw(`sum(json_extract(data, '$.${money}'))`) : sql`NULL`;
  const rows = await tdb.db.values<[string | null, number, number | null]>(
    sql`SELECT status, count(*), ${total} FROM records WHERE ${scope} GROUP BY status`,
  );
  return rows.map(([status, n, t]) => ({ status, n, total: t }));
}

const categoryOf = (wf: WorkflowConfig | undefined, status: string | null) =>
  wf?.steps.find((s) => s.key === status)?.category ?? "open";

const sum = (rows: Counted[], pick: (r: Counted) => number | null) => rows.reduce((acc, r) => acc + (pick(r) ?? 0), 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

async function dealMetrics(tdb: TenantDb, snapshot: Snapshot, p: Principal) {
  const form = getItem(snapshot, "form", "deals", "default");
  const wf = getItem(snapshot, "workflow", "deals", "default");
  const money = moneyField(form, p.role);
  const rows = form ? await byStatus(tdb, visibleScope(tdb, "deals", form, p), money) : [];
  const of = (category: string) => rows.filter((r) => categoryOf(wf, r.status) === category);
  const steps = wf?.steps.map((s) => s.key) ?? [];
  const order = (s: string | null) => steps.indexOf(s ?? "") + 1 || steps.length + 1;
  return {
    total: sum(rows, (r) => r.n),
    open: sum(of("open"), (r) => r.n),
    won: sum(of("won"), (r) => r.n),
    lost: sum(of("lost"), (r) => r.n),
    pipelineValue: money ? round2(sum(of("open"), (r) => r.total)) : null,
    wonValue: money ? round2(sum(of("won"), (r) => r.total)) : null,
    byStage: rows
      .sort((a, b) => order(a.status) - order(b.status))
      .map((r) => ({
        stage: r.status,
        label: wf?.steps.find((s) => s.key === r.status)?.label ?? r.status,
        count: r.n,
        value: money ? round2(r.total ?? 0) : null,
      })),
  };
}

async function caseMetrics(tdb: TenantDb, snapshot: Snapshot, p: Principal, sla: SlaCounts) {
  const form = getItem(snapshot, "form", "cases", "default");
  const wf = getItem(snapshot, "workflow", "cases", "default");
  const rows = form ? await byStatus(tdb, visibleScope(tdb, "cases", form, p), undefined) : [];
  return {
    total: sum(rows, (r) => r.n),
    open: sum(
      rows.filter((r) => categoryOf(wf, r.status) === "open"),
      (r) => r.n,
    ),
    byStatus: rows.map((r) => ({
      status: r.status,
      label: wf?.steps.find((s) => s.key === r.status)?.label ?? r.status,
      count: r.n,
    })),
    breached: sla.breached,
    slaCompliance: slaCompliance(sla),
  };
}

export type SlaCounts = {
  breached: number;
  met: number;
  breachedCompleted: number;
  records: number;
  breachedRecords: number;
};
export const NO_SLA: SlaCounts = { breached: 0, met: 0, breachedCompleted: 0, records: 0, breachedRecords: 0 };

/**
 * SLA compliance: the share (%) of SLA-bearing records that have not breached any target, running
 * or finished, so one breach always shows (a breached case still open counts against it). Null
 * while no record bears a timer.
 */
export function slaCompliance(sla: SlaCounts): number | null {
  return sla.records > 0 ? round2(((sla.records - sla.breachedRecords) / sla.records) * 100) : null;
}

export async function dashboardMetrics(
  tdb: TenantDb,
  snapshot: Snapshot,
  p: Principal,
  sla: SlaCounts = NO_SLA,
  now = Date.now(),
) {
  const customersForm = getItem(snapshot, "form", "customers", "default");
  const [customers] = customersForm
    ? await tdb.db.values<[number]>(
        sql`SELECT count(*) FROM records WHERE ${visibleScope(tdb, "customers", customersForm, p)}`,
      )
    : [[0]];
  const mine = p.role === "agent" || p.role === "read_only" ? sql` AND assignee_id = ${p.userId}` : sql``;
  const [activities] = await tdb.db.values<[number, number]>(
    sql`SELECT count(*), coalesce(sum(CASE WHEN due_at IS NOT NULL AND due_at < ${now} THEN 1 ELSE 0 END), 0)
      FROM activities WHERE tenant_id = ${tdb.tenantId} AND status = 'open'${mine}`,
  );
  return {
    customers: { total: customers?.[0] ?? 0 },
    deals: await dealMetrics(tdb, snapshot, p),
    cases: await caseMetrics(tdb, snapshot, p, sla),
    activities: { open: activities?.[0] ?? 0, overdue: activities?.[1] ?? 0 },
  };
}
