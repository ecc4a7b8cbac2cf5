import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { runBatch, type Statement } from "../../../../worker/db/batch";
import { TenantDb } from "../../../../worker/db/tenant-db";
import { ConditionCompiler } from "../../../../worker/services/records/query";
import { foldedCopy } from "../../../../worker/services/records/folded";
import type { Condition } from "../../../../worker/shared/config/condition";
import { fieldTypesOf } from "../../../../worker/shared/config/condition-scope";
import { evaluateCondition } from "../../../../worker/shared/config/evaluate";
import type { FormConfig } from "../../../../worker/shared/config/form";

// Runs conditions both ways over the same records: the shared evaluator in JS, and the compiled
// SQL on D1 (one INSERT batch for the records, one SELECT of matching ids per condition, all
// SELECTs in one batch). Used by the differential property test and its named regressions.

export const ENTITY = "things";
export const USER = "u1";

export type TestRecord = {
  id: string;
  data: Record<string, unknown>;
  status: string | null;
  ownerId: string | null;
  createdBy: string;
  updatedBy: string;
  createdAt: number;
  updatedAt: number;
};

export const FORM: FormConfig = {
  title: "Things",
  fields: [
    { name: "t", label: "Text", type: "text" },
    { name: "ta", label: "Notes", type: "textarea" },
    { name: "em", label: "Email", type: "email" },
    { name: "ph", label: "Phone", type: "phone" },
    { name: "u", label: "Site", type: "url" },
    { name: "n", label: "Number", type: "number" },
    { name: "c", label: "Amount", type: "currency" },
    { name: "p", label: "Share", type: "percent" },
    { name: "d", label: "Due", type: "date" },
    { name: "dt", label: "At", type: "datetime" },
    { name: "b", label: "Flag", type: "boolean" },
    {
      name: "s",
      label: "Stage",
      type: "select",
      options: [
        { value: "a", label: "A" },
        { value: "b", label: "B" },
        { value: "c", label: "C" },
      ],
    },
    {
      name: "ms",
      label: "Tags",
      type: "multiselect",
      options: [
        { value: "a", label: "A" },
        { value: "b", label: "B" },
        { value: "c", label: "C" },
      ],
    },
    { name: "r", label: "Account", type: "reference", entity: "accounts" },
    { name: "us", label: "Assignee", type: "user" },
    // Computed fields (worker/shared/formula): stored like any field of their result type, so
    // conditions on them mean the same in the evaluator and in SQL.
    {
      name: "fn",
      label: "Weighted",
      type: "formula",
      formula: "round(n * p / 100 + coalesce(c, 0), 2)",
      resultType: "number",
    },
    { name: "ft", label: "Code", type: "formula", formula: 'concat(lower(t), "-", s)', resultType: "text" },
    { name: "fd", label: "Follow-up", type: "formula", formula: "addDays(d, 3)", resultType: "date" },
    { name: "fb", label: "Big", type: "formula", formula: "n > 5 or b", resultType: "boolean" },
  ],
};

const TYPES = fieldTypesOf(FORM);

/** The record as the evaluator sees it (the outbox's shape: ISO times, or the write path's ms). */
export function jsRecord(r: TestRecord, isoTimes: boolean): Record<string, unknown> {
  const time = (ms: number) => (isoTimes ? new Date(ms).toISOString() : ms);
  return {
    ...r.data,
    id: r.id,
    status: r.status,
    ownerId: r.ownerId,
    createdBy: r.createdBy,
    updatedBy: r.updatedBy,
    createdAt: time(r.createdAt),
    updatedAt: time(r.updatedAt),
  };
}

/** Inserts as the write path would (with folded copies); ids are made unique per tenant. */
export async function insertRecords(tenantId: string, rows: TestRecord[]): Promise<void> {
  const insert = env.DB.prepare(
    "INSERT INTO records (id, tenant_id, entity, data, status, version, owner_id, created_at, updated_at, " +
      "created_by, updated_by, fold) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
  );
  await env.DB.batch(
    rows.map((r) =>
      insert.bind(
        `${tenantId}/${r.id}`,
        tenantId,
        ENTITY,
        JSON.stringify(r.data),
        r.status,
        r.ownerId,
        r.createdAt,
        r.updatedAt,
        r.createdBy,
        r.updatedBy,
        JSON.stringify(foldedCopy(r.data)),
      ),
    ),
  );
}

export type Verdicts = { js: string[]; sql: string[] };

/** Per condition: the ids the evaluator accepts and the ids the compiled SQL selects (sorted). */
export async function bothSides(opts: {
  tenantId: string;
  records: TestRecord[];
  conditions: Condition[];
  now: number;
  timeZone: string;
}): Promise<Verdicts[]> {
  const tdb = new TenantDb(env.DB, opts.tenantId);
  const statements = opts.conditions.map((cond) => {
    const compiler = new ConditionCompiler({
      form: FORM,
      now: opts.now,
      userId: USER,
      resolveRef: () => undefined,
      timeZone: opts.timeZone,
    });
    const where = compiler.compile(cond);
    return tdb.db.run(
      sql`SELECT records.id AS id FROM records WHERE records.tenant_id = ${opts.tenantId}
        AND records.entity = ${ENTITY} AND ${where} ORDER BY records.id`,
    ) as unknown as Statement;
  });
  const results = await runBatch(tdb.db, statements);
  return opts.conditions.map((cond, i) => ({
    sql: (results[i]!.results as { id: string }[]).map((r) => r.id.slice(opts.tenantId.length + 1)),
    js: opts.records
      .filter((r, j) =>
        evaluateCondition(cond, {
          record: jsRecord(r, j % 2 === 0),
          now: opts.now,
          userId: USER,
          types: TYPES,
          timeZone: opts.timeZone,
        }),
      )
      .map((r) => r.id)
      .sort(),
  }));
}
