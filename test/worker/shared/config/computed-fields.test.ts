import { describe, expect, it } from "vitest";
import { getItem, setItem } from "../../../../worker/shared/config/snapshot";
import { starterSnapshot } from "../../../../worker/shared/config/starter";
import { validateSnapshot } from "../../../../worker/shared/config/validate";
import { errorsOf, pathsOf } from "./helpers";

// Computed fields in form config (spec/config.md "Computed fields").
const base = starterSnapshot();
const customers = getItem(base, "form", "customers", "default")!;
const withCustomerField = (field: Record<string, unknown>) => ({ ...customers, fields: [...customers.fields, field] });
const at = customers.fields.length;
const formulaField = (extra: Record<string, unknown>) => ({ name: "calc", label: "Calc", type: "formula", ...extra });
const rollupField = (rollup: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: "agg",
  label: "Agg",
  type: "rollup",
  rollup,
  ...extra,
});
const errors = (field: Record<string, unknown>) =>
  errorsOf("form", withCustomerField(field), { entity: "customers", key: "default" });
const paths = (field: Record<string, unknown>) => errors(field).map((e) => e.path);

describe("form config: formula fields", () => {
  it("accepts a formula whose type fits its resultType", () => {
    expect(errors(formulaField({ formula: "revenue * 2", resultType: "currency" }))).toEqual([]);
    expect(errors(formulaField({ formula: 'concat(name, " @ ", company)', resultType: "text" }))).toEqual([]);
    expect(errors(formulaField({ formula: 'revenue > 1000 and not (tier = "free")', resultType: "boolean" }))).toEqual(
      [],
    );
  });

  it("needs formula and resultType, and takes no input settings", () => {
    expect(paths(formulaField({ resultType: "number" }))).toEqual([`fields[${at}].formula`]);
    expect(paths(formulaField({ formula: "1" }))).toEqual([`fields[${at}].resultType`]);
    expect(paths(formulaField({ formula: "1", resultType: "number", required: true, default: 1 }))).toEqual([
      `fields[${at}].required`,
      `fields[${at}].default`,
    ]);
    expect(paths(formulaField({ formula: "1", resultType: "select" }))).toEqual([`fields[${at}].resultType`]);
    expect(
      pathsOf("form", {
        title: "T",
        fields: [{ name: "x", label: "X", type: "text", formula: "1", resultType: "text" }],
      }),
    ).toEqual(["fields[0].formula", "fields[0].resultType"]);
  });

  it("a type error, an unknown field, a result-type mismatch or a cycle is an error with its path", () => {
    expect(errors(formulaField({ formula: 'revenue + "x"', resultType: "number" }))).toEqual([
      {
        path: `fields[${at}].formula`,
        message: "at character 9: both operands of + must be a number, not text (use concat() to join text)",
      },
    ]);
    expect(paths(formulaField({ formula: "nope * 2", resultType: "number" }))).toEqual([`fields[${at}].formula`]);
    expect(errors(formulaField({ formula: "name", resultType: "number" }))).toEqual([
      { path: `fields[${at}].resultType`, message: "the formula gives a text, not a number" },
    ]);
    const cyclic = {
      ...customers,
      fields: [
        ...customers.fields,
        { name: "a", label: "A", type: "formula", formula: "b", resultType: "number" },
        { name: "b", label: "B", type: "formula", formula: "a", resultType: "number" },
      ],
    };
    expect(pathsOf("form", cyclic, { entity: "customers", key: "default" })).toEqual([
      `fields[${at}].formula`,
      `fields[${at + 1}].formula`,
    ]);
  });

  it("blocks the whole snapshot (publish validates it) with the item path", () => {
    const bad = setItem(
      base,
      "form",
      "customers",
      "default",
      withCustomerField(formulaField({ formula: "name * 2", resultType: "number" })),
    );
    expect(validateSnapshot(bad).map((e) => e.path)).toEqual([`form/customers/default:fields[${at}].formula`]);
  });

  it("views filter and sort on a formula as on a field of its result type", () => {
    const snap = setItem(
      base,
      "form",
      "customers",
      "default",
      withCustomerField(formulaField({ formula: "revenue * 2", resultType: "number" })),
    );
    const view = { title: "V", type: "table", columns: [{ field: "calc" }], sort: [{ field: "calc", dir: "desc" }] };
    expect(
      pathsOf(
        "view",
        { ...view, filter: { field: "calc", op: "gt", value: 10 } },
        { entity: "customers", snapshot: snap },
      ),
    ).toEqual([]);
    expect(
      pathsOf(
        "view",
        { ...view, filter: { field: "calc", op: "gt", value: "x" } },
        { entity: "customers", snapshot: snap },
      ),
    ).toEqual(["filter.value"]);
  });
});

describe("form config: rollup fields", () => {
  it("accepts count and sum through a reference pointing here, with a where over the other entity", () => {
    expect(
      errors(
        rollupField({
          entity: "cases",
          via: "customer",
          op: "count",
          where: { field: "priority", op: "eq", value: "high" },
        }),
      ),
    ).toEqual([]);
    expect(
      errors(rollupField({ entity: "deals", via: "customer", op: "sum", field: "amount" }, { resultType: "currency" })),
    ).toEqual([]);
  });

  it("reports a missing entity, a via that is not a reference to this entity, and a non-number field", () => {
    expect(paths(rollupField({ entity: "nope", via: "customer", op: "count" }))).toEqual([
      `fields[${at}].rollup.entity`,
    ]);
    expect(paths(rollupField({ entity: "cases", via: "subject", op: "count" }))).toEqual([`fields[${at}].rollup.via`]);
    expect(paths(rollupField({ entity: "cases", via: "assignee", op: "count" }))).toEqual([`fields[${at}].rollup.via`]);
    expect(errors(rollupField({ entity: "cases", via: "customer", op: "sum", field: "subject" }))).toEqual([
      { path: `fields[${at}].rollup.field`, message: "sum needs a number, currency or percent field, not text" },
    ]);
    expect(paths(rollupField({ entity: "deals", via: "customer", op: "avg", field: "nope" }))).toEqual([
      `fields[${at}].rollup.field`,
    ]);
    expect(
      paths(rollupField({ entity: "cases", via: "customer", op: "count", where: { field: "nope", op: "isEmpty" } })),
    ).toEqual([`fields[${at}].rollup.where.field`]);
  });

  it("count takes no field, the others need one; resultType is numeric", () => {
    expect(paths(rollupField({ entity: "deals", via: "customer", op: "count", field: "amount" }))).toEqual([
      `fields[${at}].rollup.field`,
    ]);
    expect(paths(rollupField({ entity: "deals", via: "customer", op: "max" }))).toEqual([`fields[${at}].rollup.field`]);
    expect(paths(rollupField({ entity: "deals", via: "customer", op: "count" }, { resultType: "text" }))).toEqual([
      `fields[${at}].resultType`,
    ]);
    expect(paths({ name: "agg", label: "Agg", type: "rollup" })).toEqual([`fields[${at}].rollup`]);
  });

  it("a formula may read a roll-up as a number", () => {
    const fields = [
      rollupField({ entity: "cases", via: "customer", op: "count" }),
      formulaField({ formula: "agg * 2", resultType: "number" }),
    ];
    expect(
      errorsOf(
        "form",
        { ...customers, fields: [...customers.fields, ...fields] },
        { entity: "customers", key: "default" },
      ),
    ).toEqual([]);
  });
});

describe("actions and computed fields", () => {
  it("update_record and create_record cannot set a computed field", () => {
    const snap = setItem(
      base,
      "form",
      "customers",
      "default",
      withCustomerField(formulaField({ formula: "revenue * 2", resultType: "number" })),
    );
    expect(
      pathsOf(
        "action",
        { type: "update_record", set: { calc: 3, name: "x" } },
        { entity: "customers", snapshot: snap },
      ),
    ).toEqual(["set.calc"]);
    expect(
      errorsOf(
        "action",
        { type: "create_record", entity: "customers", values: { calc: 1 } },
        { entity: "cases", snapshot: snap },
      ),
    ).toEqual([{ path: "values.calc", message: '"calc" is computed (formula) and cannot be set' }]);
  });
});
