import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONDITION_OPS,
  type Condition,
  type ConditionOp,
  type ConditionScalar,
} from "../../../../worker/shared/config/condition";
import { dayInZone } from "../../../../worker/shared/config/operands";
import { KIND_OF_TYPE, OPS_OF_KIND, SYSTEM_KINDS, type ValueKind } from "../../../../worker/shared/config/operators";
import { valueTypeOf } from "../../../../worker/shared/config/field-types";
import { withFormulas } from "../../../../worker/shared/formula/fields";
import { FORM, bothSides, insertRecords, type TestRecord } from "./condition-harness";

// The differential property of CONDITIONS.md: for random conditions over every operator and
// random records of every field type, the evaluator's answer equals the compiled SQL's on D1.
// Sizes: RECORDS × CONDITIONS pairs per property run (200 × 120 = 24,000), one SELECT per
// condition, two runs (two time zones, fresh data) per `npm test`: about two seconds. The form
// has formula fields too, their values computed by the shared evaluator as on writes.

const RECORDS = 200;
const CONDITIONS = 120;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"];
// 23:30 UTC: already tomorrow east of Greenwich and still today west of it.
const NOW = Date.parse("2026-03-15T23:30:00Z");

const LETTERS = [
  "a",
  "b",
  "A",
  "B",
  "é",
  "É",
  "e",
  "E",
  "ß",
  "s",
  "S",
  "İ",
  "i",
  "I",
  "ı",
  "Σ",
  "σ",
  "ς",
  "😀",
  "\uFFFD",
  "%",
  "_",
  " ",
  "1",
  "9",
];
const text = fc.array(fc.constantFrom(...LETTERS), { maxLength: 4 }).map((cs) => cs.join(""));
const email = fc
  .tuple(fc.constantFrom("a", "A", "é", "É", "bob"), fc.constantFrom("x.com", "X.com", "bücher.de", "BÜCHER.de"))
  .map(([l, d]) => `${l}@${d}`);

function dayOffset(zone: string, days: number): string {
  return new Date(Date.parse(`${dayInZone(NOW, zone)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** A value its field type would store. */
function storedValue(type: string, zone: string): fc.Arbitrary<unknown> {
  switch (type) {
    case "text":
    case "textarea":
      return text;
    case "email":
      return email;
    case "phone":
      return fc.constantFrom("+12025550143", "+4930123456", "+33123456789");
    case "url":
      return fc.constantFrom("https://a.com/", "https://b.com/x", "http://a.com/");
    case "number":
    case "percent":
      return fc.constantFrom(-1, 0, 1, 1.5, 2, 9, 9.99, 10, 100, 1e21);
    case "currency":
      return fc.constantFrom(0, 9.99, 10, 100.5, -3);
    case "date":
      return fc.integer({ min: -9, max: 9 }).map((d) => dayOffset(zone, d));
    case "datetime":
      return fc.integer({ min: -40, max: 40 }).map((h) => new Date(NOW + h * HOUR + (h % 3) * 60_000).toISOString());
    case "boolean":
      return fc.boolean();
    case "select":
      return fc.constantFrom("a", "b", "c");
    case "multiselect":
      return fc
        .subarray(["a", "b", "c"])
        .chain((xs) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }));
    case "reference":
      return fc.constantFrom("rec1", "rec2");
    default:
      return fc.constantFrom("u1", "u2");
  }
}

const recordArb = (zone: string, i: number): fc.Arbitrary<TestRecord> =>
  fc
    .record({
      data: fc.record(
        Object.fromEntries(
          FORM.fields
            .filter((f) => f.type !== "formula")
            .map((f) => [f.name, fc.option(storedValue(f.type, zone), { freq: 4, nil: undefined })]),
        ),
        { requiredKeys: [] },
      ),
      status: fc.constantFrom("open", "closed", "", null),
      ownerId: fc.constantFrom("u1", "u2", null),
      createdAt: fc.integer({ min: -30, max: 30 }).map((h) => NOW + h * HOUR),
      updatedAt: fc.integer({ min: -30, max: 30 }).map((h) => NOW + h * HOUR),
    })
    .map((r) => ({
      ...r,
      // Formula values as the write path stores them: computed by the shared evaluator.
      data: withFormulas(FORM.fields, Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)), {
        now: NOW,
        timeZone: zone,
      }),
      id: `r${String(i).padStart(4, "0")}`,
      createdBy: "u1",
      updatedBy: "u2",
    }));

const TOKENS: Record<ValueKind, string[]> = {
  date: ["$now", "$now-1d", "$now+2d", "$now-1w", "$now-3h", "$now+12h"],
  datetime: ["$now", "$now-2h", "$now+1d", "$now-30m"],
  time: ["$now", "$now-2h", "$now+1d", "$now-30m"],
  id: ["$user"],
  text: [],
  email: [],
  choice: [],
  number: [],
  boolean: [],
  list: [],
};

type FieldPick = { name: string; kind: ValueKind; type: string };
const FIELDS: FieldPick[] = [
  ...FORM.fields.map((f) => ({ name: f.name, kind: KIND_OF_TYPE[valueTypeOf(f)], type: valueTypeOf(f) })),
  ...Object.entries(SYSTEM_KINDS).map(([name, kind]) => ({
    name,
    kind,
    type: kind === "time" ? "datetime" : kind === "choice" ? "status" : "user",
  })),
];
const QUERY_OPS: readonly ConditionOp[] = CONDITION_OPS.filter((op) => op !== "changed" && op !== "changedTo");

function operandArb(f: FieldPick, zone: string): fc.Arbitrary<ConditionScalar> {
  const own =
    f.type === "status"
      ? fc.constantFrom("open", "closed", "")
      : f.type === "multiselect"
        ? fc.constantFrom("a", "b", "c")
        : storedValue(f.type, zone);
  const tokens = TOKENS[f.kind];
  const fitting = tokens.length ? fc.oneof(own, fc.constantFrom(...tokens)) : own;
  const other = fc.constantFrom<ConditionScalar>("10", 10, true, "true", "2026-03-15", "$now", "Alice 10", "9");
  return fc.oneof(
    { weight: 12, arbitrary: fitting as fc.Arbitrary<ConditionScalar> },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function leafArb(zone: string): fc.Arbitrary<Condition> {
  return fc.constantFrom(...FIELDS).chain((f) => {
    const supported = OPS_OF_KIND[f.kind].filter((op) => QUERY_OPS.includes(op));
    const op = fc.oneof(
      { weight: 15, arbitrary: fc.constantFrom(...supported) },
      { weight: 1, arbitrary: fc.constantFrom(...QUERY_OPS) },
    );
    return op.chain((o: ConditionOp) => {
      if (o === "isEmpty" || o === "isNotEmpty") return fc.constant<Condition>({ field: f.name, op: o });
      if (o === "in" || o === "nin")
        return fc.array(operandArb(f, zone), { maxLength: 4 }).map((value) => ({ field: f.name, op: o, value }));
      return operandArb(f, zone).map((value) => ({ field: f.name, op: o, value }));
    });
  });
}

function conditionArb(zone: string): fc.Arbitrary<Condition> {
  const leaf = leafArb(zone);
  const { tree } = fc.letrec<{ tree: Condition }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 6, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
      { weight: 1, arbitrary: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }).map((any) => ({ any })) },
      { weight: 1, arbitrary: tie("tree").map((not) => ({ not })) },
    ),
  }));
  return tree;
}

const scenario = fc.constantFrom(...ZONES).chain((zone) =>
  fc.record({
    zone: fc.constant(zone),
    records: fc.tuple(...Array.from({ length: RECORDS }, (_, i) => recordArb(zone, i))),
    conditions: fc.array(conditionArb(zone), { minLength: CONDITIONS, maxLength: CONDITIONS }),
  }),
);

let run = 0;

describe("conditions: the evaluator and the compiled SQL agree", () => {
  it(`on ${RECORDS * CONDITIONS} random record × condition pairs per property run`, async () => {
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ zone, records, conditions }) => {
        const tenantId = `t_cond_${++run}_${Math.random().toString(36).slice(2, 8)}`;
        await insertRecords(tenantId, records);
        const verdicts = await bothSides({ tenantId, records, conditions, now: NOW, timeZone: zone });
        pairs += records.length * conditions.length;
        // A generator whose conditions all match everything or nothing would prove little.
        const telling = verdicts.filter((v) => v.js.length > 0 && v.js.length < records.length).length;
        expect(telling).toBeGreaterThan(conditions.length / 4);
        verdicts.forEach((v, i) => {
          const differs = [...v.sql.filter((id) => !v.js.includes(id)), ...v.js.filter((id) => !v.sql.includes(id))];
          const example = records.find((r) => r.id === differs[0]);
          expect(v.sql, `${zone} ${JSON.stringify(conditions[i])} on ${JSON.stringify(example)}`).toEqual(v.js);
        });
      }),
      { numRuns: 2, endOnFailure: true },
    );
    expect(pairs).toBeGreaterThanOrEqual(40_000);
  }, 120_000);
});
