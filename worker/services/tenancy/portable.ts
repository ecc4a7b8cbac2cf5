import { and, eq } from "drizzle-orm";
import { scopeToken } from "../records/search-text";
import { isUniqueViolation } from "../../db/d1-errors";
import { memberships, users } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { badRequest, conflict } from "../../lib/errors";
import { mirrorMembers } from "./members-mirror";

/**
 * A whole tenant as NDJSON: one JSON object a line, `{ "kind", "row" }`, the row as its table
 * holds it (column names, JSON columns as their stored text), so an import is a faithful copy.
 * The first line is `{ "kind": "tenant", "format": 1, … }`; members come from the control
 * database without password hashes or sessions; everything else from the tenant's shard.
 *
 * Two uses: the admin's export (GET /api/admin/tenant/export: data portability and backup) and
 * the operator's copy when moving a tenant between shards (`full`: also the sealed secrets, the
 * outbox's unprocessed events, automation idempotency rows and import chunks, which only make
 * sense under the same tenant id). Ids are kept, so references inside records stay valid; an
 * import into a database that already holds the same ids (the source tenant's own shard) is
 * refused (409). In-flight SLA timers and queued runs live in the tenant object, not in D1: a
 * move keeps them (same tenant id, same object); an import into a fresh tenant starts without.
 */
export const EXPORT_FORMAT = 1;

type Table = { kind: string; table: string; full?: true; where?: string };

// Every tenant-scoped table of the data plane. A later feature adding one adds it here (the
// test in test/worker/services/tenancy/portable.test.ts fails on a tenant table missing from it).
export const TENANT_TABLES: Table[] = [
  { kind: "config_item", table: "config_items" },
  { kind: "config_version", table: "config_versions" },
  { kind: "config_snapshot", table: "config_snapshots" },
  { kind: "config_publish", table: "config_publish_log" },
  { kind: "record", table: "records" },
  { kind: "record_unique", table: "record_uniques" },
  { kind: "history", table: "audit_log" },
  { kind: "activity", table: "activities" },
  { kind: "approval", table: "approvals" },
  { kind: "approval_decision", table: "approval_decisions" },
  { kind: "message", table: "inbox_messages" },
  { kind: "attachment", table: "inbox_attachments" },
  { kind: "email", table: "email_outbox" },
  { kind: "notification", table: "notifications" },
  { kind: "secret", table: "tenant_secrets", full: true },
  { kind: "event", table: "events", full: true, where: "processed_at IS NULL" },
  { kind: "automation_effect", table: "automation_effects", full: true },
  { kind: "import_chunk", table: "import_chunks", full: true },
];
/** Tables with a tenant_id that are control plane or a shard's member mirror, not tenant data. */
export const NOT_EXPORTED = [
  "memberships",
  "sessions",
  "api_keys",
  "users",
  "tenants",
  "tenant_shards",
  "auth_throttle",
];

const PAGE = 500;
type Row = Record<string, unknown>;
export type Line = { kind: string; row?: Row; [k: string]: unknown };

/** The export as a stream of NDJSON lines, read page by page (≈ one query per 500 rows). */
export function exportStream(
  tdb: TenantDb,
  tenant: { id: string; slug: string; name: string },
  opts: { full?: boolean } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = exportLines(tdb, tenant, opts);
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((l) => JSON.stringify(l) + "\n").join("")));
      } catch (error) {
        console.error("export failed", tdb.tenantId, error);
        controller.error(error);
      }
    },
  });
}

/** Pages of lines (each page one query). */
export async function* exportLines(
  tdb: TenantDb,
  tenant: { id: string; slug: string; name: string },
  opts: { full?: boolean } = {},
): AsyncGenerator<Line[]> {
  yield [
    {
      kind: "tenant",
      format: EXPORT_FORMAT,
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      shard: tdb.shard,
      exportedAt: new Date().toISOString(),
      full: Boolean(opts.full),
    },
  ];
  const members = await tdb.control
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      active: memberships.active,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tdb.tenantId));
  yield members.map((m) => ({ kind: "member", row: m }));
  const d1 = tdb.db.$client;
  for (const t of TENANT_TABLES) {
    if (t.full && !opts.full) continue;
    const search =
      t.table === "records"
        ? ", (SELECT body FROM records_search WHERE records_search.rowid = records.search_rowid) AS __search"
        : "";
    for (let after = -1; ; ) {
      const { results } = await d1
        .prepare(
          `SELECT rowid AS __rowid, *${search} FROM ${t.table} WHERE tenant_id = ?${t.where ? ` AND ${t.where}` : ""}
            AND rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
        )
        .bind(tdb.tenantId, after)
        .all<Row>();
      if (results.length === 0) break;
      after = Number(results[results.length - 1]!.__rowid);
      yield results.map(({ __rowid: _, ...row }) => ({ kind: t.kind, row }));
      if (results.length < PAGE) break;
    }
  }
}

const MAX_PARAMS = 100;
const columnsCache = new Map<string, Set<string>>();

async function columnsOf(d1: D1Database, table: string): Promise<Set<string>> {
  let cols = columnsCache.get(table);
  if (!cols) {
    const { results } = await d1.prepare(`SELECT name FROM pragma_table_info(?)`).bind(table).all<{ name: string }>();
    cols = new Set(results.map((r) => r.name));
    columnsCache.set(table, cols);
  }
  return cols;
}

export type ImportCounts = Record<string, number>;

/** Parses NDJSON text into lines; a line that is not a JSON object is a 400 naming its number. */
export function parseLines(text: string): Line[] {
  const out: Line[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw badRequest(`Line ${i + 1} is not JSON`, [{ path: `line ${i + 1}`, message: "not JSON" }]);
    }
    if (!value || typeof value !== "object" || typeof (value as Line).kind !== "string")
      throw badRequest(`Line ${i + 1} has no kind`, [{ path: `line ${i + 1}`, message: "no kind" }]);
    out.push(value as Line);
  });
  return out;
}

/**
 * Writes exported lines into `tdb`'s shard under `tdb.tenantId` (whatever tenant id the lines
 * carry). Members become memberships in the control database (an account with that e-mail is
 * reused; a new one gets no password: it cannot sign in until one is set) and are mirrored.
 * Idempotent for a retried chunk only where the table's key says so; ids already present → 409.
 */
export async function importLines(
  tdb: TenantDb,
  lines: Line[],
  actorId: string | null,
  now = Date.now(),
): Promise<ImportCounts> {
  const counts: ImportCounts = {};
  const byKind = new Map<string, Row[]>();
  for (const line of lines) {
    if (line.kind === "tenant") continue;
    if (line.kind !== "member" && !TENANT_TABLES.some((t) => t.kind === line.kind))
      throw badRequest(`Unknown kind "${line.kind}"`, [{ path: "kind", message: `unknown: ${line.kind}` }]);
    if (!line.row || typeof line.row !== "object")
      throw badRequest(`A ${line.kind} line has no row`, [{ path: "row", message: "missing" }]);
    byKind.set(line.kind, [...(byKind.get(line.kind) ?? []), line.row]);
  }
  const members = byKind.get("member") ?? [];
  if (members.length) counts.member = await importMembers(tdb, members, actorId, now);
  const d1 = tdb.db.$client;
  const statements: D1PreparedStatement[] = [];
  for (const t of TENANT_TABLES) {
    const rows = byKind.get(t.kind);
    if (!rows?.length) continue;
    const allowed = await columnsOf(d1, t.table);
    let prepared = rows.map((r) => {
      const row: Row = {};
      for (const [k, v] of Object.entries(r)) {
        if (
          k === "__search" ||
          (t.table === "events" && k === "seq") ||
          (t.table === "records" && k === "search_rowid")
        )
          continue;
        if (!allowed.has(k))
          throw badRequest(`A ${t.kind} row has an unknown column "${k}"`, [{ path: k, message: "unknown column" }]);
        row[k] = v === undefined ? null : typeof v === "object" && v !== null ? JSON.stringify(v) : v;
      }
      row.tenant_id = tdb.tenantId;
      return row;
    });
    if (t.table === "records") {
      // Search rows are keyed by a shard-wide number: the records get fresh ones here, and each
      // indexed word its new (tenant, entity) scope token. A record exported without an entry keeps
      // search_rowid NULL and is indexed lazily (records/search-text.ts ensureSearchable).
      const top = await d1.prepare("SELECT coalesce(max(rowid), 0) AS n FROM records_search").first<{ n: number }>();
      let next = (top?.n ?? 0) + 1;
      const fts: Row[] = [];
      prepared = prepared.map((row, i) => {
        const body = rows[i]!.__search;
        if (typeof body !== "string") return { ...row, search_rowid: null };
        const rowid = next++;
        fts.push({ rowid, body: rescope(body, scopeToken(tdb.tenantId, String(row.entity))) });
        return { ...row, search_rowid: rowid };
      });
      statements.push(...insertStatements(d1, "records", prepared), ...insertStatements(d1, "records_search", fts));
    } else statements.push(...insertStatements(d1, t.table, prepared));
    counts[t.kind] = rows.length;
  }
  try {
    // At most a few hundred statements per chunk: the caller sends chunks (scripts/move-tenant.ts).
    for (let i = 0; i < statements.length; i += 100) await d1.batch(statements.slice(i, i + 100));
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(
        "ids_taken",
        "This database already holds rows with these ids (is it the source tenant's own shard?)",
      );
    throw error;
  }
  return counts;
}

/** An indexed body with every word's scope token replaced (the words are stored scope + word). */
function rescope(body: string, scope: string): string {
  return body
    .split(" ")
    .filter(Boolean)
    .map((w) => scope + w.slice(scope.length))
    .join(" ");
}

function insertStatements(d1: D1Database, table: string, rows: Row[]): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = Object.keys(row).sort().join(",");
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    const cols = key.split(",");
    const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
    for (let i = 0; i < group.length; i += per) {
      const slice = group.slice(i, i + per);
      const values = slice.map(() => `(${cols.map(() => "?").join(", ")})`).join(", ");
      out.push(
        d1
          .prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`)
          .bind(...slice.flatMap((r) => cols.map((c) => r[c] ?? null))),
      );
    }
  }
  return out;
}

async function importMembers(tdb: TenantDb, rows: Row[], actorId: string | null, now: number): Promise<number> {
  const mirrored: Parameters<typeof mirrorMembers>[1] = [];
  for (const m of rows) {
    const email = typeof m.email === "string" ? m.email.trim().toLowerCase() : "";
    const role = ["admin", "manager", "agent", "read_only"].includes(String(m.role))
      ? (m.role as "admin")
      : "read_only";
    if (!email || typeof m.id !== "string")
      throw badRequest("A member line needs id and email", [{ path: "member", message: "id and email" }]);
    let user = await tdb.control.query.users.findFirst({
      where: eq(users.email, email),
      columns: { id: true, name: true, createdAt: true, updatedAt: true },
    });
    if (!user) {
      user = { id: m.id, name: String(m.name ?? email), createdAt: now, updatedAt: now };
      // No password leaves an export: this account cannot sign in until one is set.
      await tdb.control
        .insert(users)
        .values({ ...user, email, passwordHash: "" })
        .onConflictDoNothing();
    }
    const existing = await tdb.control.query.memberships.findFirst({
      where: and(eq(memberships.tenantId, tdb.tenantId), eq(memberships.userId, user.id)),
    });
    const membership = existing ?? {
      tenantId: tdb.tenantId,
      userId: user.id,
      role,
      active: m.active !== false,
      createdAt: Number(m.createdAt ?? now),
      updatedAt: now,
      createdBy: actorId,
      updatedBy: actorId,
    };
    if (!existing) await tdb.control.insert(memberships).values(membership).onConflictDoNothing();
    mirrored.push({ user, membership });
  }
  await mirrorMembers(tdb, mirrored);
  return rows.length;
}
