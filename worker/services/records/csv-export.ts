import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { SYSTEM_FIELDS, type SystemField } from "../../shared/config/common";
import { getItem } from "../../shared/config/snapshot";
import { BOM, escapeFormula, formatCsvRow } from "../../shared/csv";
import { canRead } from "../../shared/records/access";
import type { EntityContext } from "./entity";
import { listRecords, type ListQuery, type presentRecord } from "./read";

// CSV export of a list query (a view, where, sort, q): every matching record, fetched page by
// page with the list's keyset cursor and streamed, so memory stays flat however many there are.
// The header names fields (not labels), so an exported file imports back as it is.

export type ExportQuery = Omit<ListQuery, "limit" | "cursor">;
type Presented = ReturnType<typeof presentRecord>;
type Column = { name: string; cell: (r: Presented) => string };

const PAGE = 200;
const TRAILING = ["status", "ownerId", "createdAt", "updatedAt"] as const;

/**
 * Resolves the columns and reads the first page before answering, so a bad query is a 4xx
 * rather than a broken download; the rest is read as the client consumes the stream.
 */
export async function exportCsv(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  query: ExportQuery,
  now = Date.now(),
): Promise<ReadableStream<Uint8Array>> {
  const columns = exportColumns(ctx, principal.role, query.view);
  const page = (cursor?: string) => listRecords(tdb, ctx, principal, { ...query, limit: PAGE, cursor }, now);
  const encoder = new TextEncoder();
  const lines = (items: Presented[]) =>
    encoder.encode(items.map((r) => formatCsvRow(columns.map((c) => c.cell(r)))).join(""));
  let next = await page();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + formatCsvRow(columns.map((c) => c.name))));
      } else if (next.nextCursor === null) {
        return controller.close();
      } else {
        next = await page(next.nextCursor);
      }
      if (next.items.length) controller.enqueue(lines(next.items));
    },
  });
}

/** `id`, the view's columns (or every field the role may read), then the record's own properties. */
export function exportColumns(ctx: EntityContext, role: Principal["role"], viewKey?: string): Column[] {
  const view = viewKey ? getItem(ctx.snapshot, "view", ctx.entity, viewKey) : undefined;
  const names = view ? view.columns.map((c) => c.field) : ctx.form.fields.map((f) => f.name);
  const columns: Column[] = [];
  for (const name of new Set(["id", ...names, ...TRAILING])) {
    const field = ctx.form.fields.find((f) => f.name === name);
    if (field) {
      if (canRead(field, role)) columns.push({ name, cell: (r) => cellText(r.data[name]) });
    } else if (isSystem(name) && (name !== "status" || ctx.workflow)) {
      columns.push({ name, cell: (r) => cellText(r[name]) });
    }
  }
  return columns;
}

const isSystem = (name: string): name is SystemField => (SYSTEM_FIELDS as readonly string[]).includes(name);

// Lists as "a; b" (the import splits on ";"), booleans as true/false, numbers as JSON writes them.
function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return escapeFormula(value.map(String).join("; "));
  if (typeof value === "string") return escapeFormula(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return escapeFormula(JSON.stringify(value));
}
