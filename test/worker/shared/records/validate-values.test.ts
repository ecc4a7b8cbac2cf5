import { describe, expect, it } from "vitest";
import type { FormField } from "../../../../worker/shared/config/form";
import { caseForm, customerForm, dealForm } from "../../../../worker/shared/config/starter-forms";
import {
  uniqueKey,
  validateRecordValues,
  type ValidateOptions,
  type ValidValues,
} from "../../../../worker/shared/records/validate-values";
import { makeField, makeForm } from "./helpers";

const NOW = Date.parse("2026-03-15T12:00:00Z");
const create: ValidateOptions = { mode: "create", role: "agent", now: NOW, userId: "usr_me" };
const update = (existing: Record<string, unknown>, extra: Partial<ValidateOptions> = {}): ValidateOptions => ({
  mode: "update",
  existing,
  role: "agent",
  now: NOW,
  userId: "usr_me",
  ...extra,
});

function valid(form: { fields: FormField[] }, input: unknown, opts: ValidateOptions): ValidValues {
  const result = validateRecordValues(form, input, opts);
  if (!result.ok) throw new Error(`refused (${result.status}): ${JSON.stringify(result.errors)}`);
  return result;
}

function errors(form: { fields: FormField[] }, input: unknown, opts: ValidateOptions) {
  const result = validateRecordValues(form, input, opts);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.values)}`);
  return { status: result.status, errors: result.errors };
}

describe("validateRecordValues: shape of the input", () => {
  it("refuses anything but a plain object with path ''", () => {
    for (const input of [null, "x", 3, ["a"], new Date()]) {
      expect(errors(customerForm(), input, create)).toEqual({
        status: 422,
        errors: [{ path: "", message: "must be an object of field values" }],
      });
    }
  });

  it("refuses unknown fields by name, including prototype tricks", () => {
    const input = JSON.parse('{ "name": "Acme", "nickname": "A", "__proto__": { "x": 1 } }');
    expect(errors(customerForm(), input, create)).toEqual({
      status: 422,
      errors: [
        { path: "nickname", message: "unknown field" },
        { path: "__proto__", message: "unknown field" },
      ],
    });
  });

  it("treats undefined as not given", () => {
    expect(valid(customerForm(), { name: "Acme", email: undefined }, create).values).toEqual({
      name: "Acme",
      tier: "silver",
    });
  });
});

describe("validateRecordValues: create", () => {
  it("coerces values, applies defaults and returns the data to store", () => {
    const result = valid(customerForm(), { name: "  Acme ", email: "Sales@Acme.com", revenue: undefined }, create);
    expect(result.values).toEqual({ name: "Acme", email: "Sales@acme.com", tier: "silver" });
    expect(result.data).toEqual(result.values);
    expect(result.changed).toEqual(["name", "email", "tier"]);
  });

  it("keeps an explicit empty value empty instead of applying the default", () => {
    const result = valid(customerForm(), { name: "Acme", tier: null }, create);
    expect(result.values).toEqual({ name: "Acme", tier: null });
    expect(result.data).toEqual({ name: "Acme" });
    expect(result.changed).toEqual(["name"]);
  });

  it("requires required fields, present and non-empty after defaults", () => {
    expect(errors(customerForm(), {}, create)).toEqual({
      status: 422,
      errors: [{ path: "name", message: "is required" }],
    });
    expect(errors(customerForm(), { name: "   " }, create).errors).toEqual([{ path: "name", message: "is required" }]);
    // priority is required on cases and has a default, so leaving it out is fine…
    expect(valid(caseForm(), { subject: "Broken" }, create).data).toEqual({ subject: "Broken", priority: "normal" });
    // …but emptying it on purpose is not.
    expect(errors(caseForm(), { subject: "Broken", priority: "" }, create).errors).toEqual([
      { path: "priority", message: "is required" },
    ]);
  });

  it("fills $now and $user defaults", () => {
    const form = makeForm([
      makeField("date", { name: "opened", default: "$now" }),
      makeField("datetime", { name: "at", default: "$now+1h" }),
      makeField("user", { name: "assignee", default: "$user" }),
    ]);
    expect(valid(form, {}, create).data).toEqual({
      opened: "2026-03-15",
      at: "2026-03-15T13:00:00.000Z",
      assignee: "usr_me",
    });
  });
});

describe("validateRecordValues: update", () => {
  const existing = { name: "Acme", email: "sales@acme.com", tier: "gold" };

  it("merges the input into the existing data and lists what changed", () => {
    const result = valid(customerForm(), { tier: "gold", company: "Acme Inc" }, update(existing));
    expect(result.values).toEqual({ tier: "gold", company: "Acme Inc" });
    expect(result.data).toEqual({ ...existing, company: "Acme Inc" });
    expect(result.changed).toEqual(["company"]);
  });

  it("removes a field set to empty, and applies no defaults", () => {
    const result = valid(customerForm(), { email: "" }, update(existing));
    expect(result.data).toEqual({ name: "Acme", tier: "gold" });
    expect(result.changed).toEqual(["email"]);
    expect(valid(dealForm(), { notes: "n" }, update({ name: "Deal" })).data).toEqual({ name: "Deal", notes: "n" });
  });

  it("refuses emptying a required field", () => {
    expect(errors(customerForm(), { name: null }, update(existing)).errors).toEqual([
      { path: "name", message: "is required" },
    ]);
  });

  it("does not fail an unrelated edit on a required field that was already missing", () => {
    // e.g. `name` became required after this record was written
    expect(valid(customerForm(), { company: "Globex" }, update({ tier: "gold" })).data).toEqual({
      tier: "gold",
      company: "Globex",
    });
  });

  it("keeps stored keys the form no longer declares", () => {
    expect(valid(customerForm(), { company: "X" }, update({ ...existing, legacy: 1 })).data).toMatchObject({
      legacy: 1,
    });
  });
});

describe("validateRecordValues: requiredWhen and visibleWhen", () => {
  it("requires churnReason when the merged data says churned (create and update)", () => {
    expect(errors(customerForm(), { name: "Acme", tier: "churned" }, create).errors).toEqual([
      { path: "churnReason", message: "is required" },
    ]);
    expect(
      valid(customerForm(), { name: "Acme", tier: "churned", churnReason: "price" }, create).data.churnReason,
    ).toBe("price");
    // the edit that makes it needed must supply it, though churnReason itself is untouched
    expect(errors(customerForm(), { tier: "churned" }, update({ name: "Acme", tier: "gold" })).errors).toEqual([
      { path: "churnReason", message: "is required" },
    ]);
    // and it cannot be cleared while it is needed
    expect(
      errors(customerForm(), { churnReason: "" }, update({ name: "Acme", tier: "churned", churnReason: "price" }))
        .errors,
    ).toEqual([{ path: "churnReason", message: "is required" }]);
  });

  it("does not require a field its visibleWhen hides", () => {
    const form = makeForm([
      makeField("select", { name: "tier" }),
      makeField("text", { name: "reason", required: true, visibleWhen: { field: "tier", op: "eq", value: "churned" } }),
      makeField("text", {
        name: "why",
        requiredWhen: { field: "tier", op: "isNotEmpty" },
        visibleWhen: { field: "tier", op: "neq", value: "gold" },
      }),
    ]);
    expect(valid(form, { tier: "gold" }, create).data).toEqual({ tier: "gold" });
    expect(errors(form, { tier: "churned" }, create).errors.map((e) => e.path)).toEqual(["reason", "why"]);
    expect(errors(form, { tier: "silver" }, create).errors.map((e) => e.path)).toEqual(["why"]);
  });

  it("evaluates conditions on system fields, $user, and named conditions", () => {
    const form = makeForm([
      makeField("text", { name: "resolution", requiredWhen: { field: "status", op: "eq", value: "resolved" } }),
      makeField("text", { name: "note", requiredWhen: { ref: "mine" } }),
    ]);
    const mine = { field: "ownerId", op: "eq" as const, value: "$user" };
    expect(
      errors(form, {}, { ...create, system: { status: "resolved", ownerId: "usr_other" } }).errors.map((e) => e.path),
    ).toEqual(["resolution"]);
    // no resolveRef: the ref never holds
    expect(valid(form, {}, { ...create, system: { ownerId: "usr_me" } }).data).toEqual({});
    const resolveRef = (key: string) => (key === "mine" ? mine : undefined);
    expect(
      errors(form, {}, { ...create, system: { ownerId: "usr_me" }, resolveRef }).errors.map((e) => e.path),
    ).toEqual(["note"]);
  });
});

describe("validateRecordValues: bounds, lengths, pattern, options", () => {
  const form = makeForm([
    makeField("percent", { name: "discount", min: 0, max: 100 }),
    makeField("text", { name: "code", minLength: 2, maxLength: 5, pattern: "[A-Z]+" }),
    makeField("select", { name: "tier" }),
    makeField("multiselect", { name: "tags" }),
  ]);

  it("accepts values within every setting", () => {
    expect(valid(form, { discount: "15", code: "ABC", tier: "gold", tags: ["gold", "gold"] }, create).data).toEqual({
      discount: 15,
      code: "ABC",
      tier: "gold",
      tags: ["gold"],
    });
  });

  it("reports every problem of every field together", () => {
    expect(errors(form, { discount: 101, code: "a", tier: "platinum", tags: ["x"], extra: 1 }, create)).toEqual({
      status: 422,
      errors: [
        { path: "discount", message: "must be at most 100" },
        { path: "code", message: "must be at least 2 characters long" },
        { path: "code", message: "does not match the required format" },
        { path: "tier", message: "must be one of: gold, silver, churned" },
        { path: "tags", message: "has values that are not options: x" },
        { path: "extra", message: "unknown field" },
      ],
    });
  });

  it("reports a value error and a missing required field together, but not both for one field", () => {
    const strict = makeForm([
      makeField("email", { name: "email", required: true }),
      makeField("text", { name: "name", required: true }),
    ]);
    expect(errors(strict, { email: "nope" }, create).errors).toEqual([
      { path: "email", message: "must be a valid email address" },
      { path: "name", message: "is required" },
    ]);
  });
});

describe("validateRecordValues: read-only fields and write access", () => {
  const form = makeForm([
    makeField("text", { name: "name" }),
    makeField("text", { name: "code", readOnly: true, default: "NEW" }),
    makeField("text", { name: "stamp", readOnly: true, required: true }),
    makeField("currency", { name: "revenue", access: { read: "agent", write: "manager" } }),
    makeField("text", { name: "secret", access: { read: "manager" }, required: true }),
  ]);

  it("refuses writing a read-only field, for every role, but still applies its default", () => {
    const admin = { ...create, role: "admin" as const };
    expect(errors(form, { name: "x", code: "X", secret: "s" }, admin).errors).toEqual([
      { path: "code", message: "is read-only" },
    ]);
    // `stamp` is required but read-only: nobody is asked for it through the API
    expect(valid(form, { name: "x", secret: "s" }, admin).data).toEqual({ name: "x", code: "NEW", secret: "s" });
  });

  it("lets internal writers set read-only fields when they say so", () => {
    const internal = { ...create, role: "admin" as const, allowReadOnly: true };
    expect(valid(form, { code: "X", stamp: "S", secret: "s" }, internal).values).toEqual({
      code: "X",
      stamp: "S",
      secret: "s",
    });
    expect(errors(form, {}, internal).errors.map((e) => e.path)).toEqual(["stamp", "secret"]);
  });

  it("answers 403 for every field the role may not write, before any value error", () => {
    expect(errors(form, { name: 5n, revenue: "lots", secret: "s", code: "X" }, create)).toEqual({
      status: 403,
      errors: [
        { path: "revenue", message: "you are not allowed to change this field" },
        { path: "secret", message: "you are not allowed to change this field" },
      ],
    });
    expect(errors(form, { name: "x" }, { ...create, role: "read_only" }).status).toBe(403);
  });

  it("lets a role that may write the field write it", () => {
    expect(valid(form, { revenue: "1200.50", secret: "s" }, { ...create, role: "manager" }).values).toMatchObject({
      revenue: 1200.5,
      secret: "s",
    });
  });

  it("does not ask a role for a required field it may not write", () => {
    // `secret` is required but agents can neither see nor write it
    expect(valid(form, { name: "x" }, create).data).toEqual({ name: "x", code: "NEW" });
    expect(errors(form, { name: "x" }, { ...create, role: "manager" }).errors).toEqual([
      { path: "secret", message: "is required" },
    ]);
  });
});

describe("validateRecordValues: unique, references and users", () => {
  const form = makeForm([
    makeField("text", { name: "name", unique: true }),
    makeField("email", { name: "email", unique: true }),
    makeField("phone", { name: "phone", unique: true }),
    makeField("number", { name: "seats", unique: true }),
    makeField("reference", { name: "customer", entity: "customers" }),
    makeField("user", { name: "assignee" }),
  ]);

  it("lists new unique values normalized for comparison, and ids to check", () => {
    const input = {
      name: "Acme GmbH",
      email: "Sales@Acme.com",
      phone: "+49 (30) 1234-56",
      seats: 10,
      customer: "rec_1",
      assignee: "usr_2",
    };
    const result = valid(form, input, create);
    expect(result.unique).toEqual([
      { field: "name", value: "acme gmbh" },
      { field: "email", value: "sales@acme.com" },
      { field: "phone", value: "+4930123456" },
      { field: "seats", value: "10" },
    ]);
    expect(result.references).toEqual([{ field: "customer", entity: "customers", id: "rec_1" }]);
    expect(result.users).toEqual([{ field: "assignee", id: "usr_2" }]);
  });

  it("on update lists only values that change, and nothing for emptied fields", () => {
    const existing = { name: "Acme GmbH", email: "sales@acme.com", customer: "rec_1" };
    const result = valid(
      form,
      { name: "Acme GmbH", email: "info@acme.com", customer: "rec_1", assignee: null },
      update(existing),
    );
    expect(result.changed).toEqual(["email"]);
    expect(result.unique).toEqual([{ field: "email", value: "info@acme.com" }]);
    expect(result.references).toEqual([]);
    expect(result.users).toEqual([]);
  });

  it("uniqueKey folds case the way conditions do, beyond ASCII", () => {
    expect(uniqueKey({ type: "text" }, "Straße")).toBe(uniqueKey({ type: "text" }, "STRASSE"));
    expect(uniqueKey({ type: "email" }, "ΟΔΥΣΣΕΥΣ@example.test")).toBe(
      uniqueKey({ type: "email" }, "οδυσσευς@EXAMPLE.test"),
    );
    expect(uniqueKey({ type: "text" }, "Acme")).toBe("acme");
  });

  it("uniqueKey keys multiselect values as a sorted list", () => {
    expect(uniqueKey({ type: "multiselect" }, ["b", "a"])).toBe('["a","b"]');
    expect(uniqueKey({ type: "url" }, "https://Example.com/A")).toBe("https://Example.com/A");
  });
});

describe("validateRecordValues: the starter forms", () => {
  it("accept a realistic deal and refuse a bad one with every error", () => {
    const deal = {
      name: "Big one",
      customer: "rec_1",
      amount: "25000",
      closeDate: "2026-06-30",
      source: "referral",
      discount: 10,
    };
    expect(valid(dealForm(), deal, create).data).toEqual({ ...deal, amount: 25000 });
    expect(
      errors(dealForm(), { amount: -1, closeDate: "2026-02-30", discount: 120 }, create).errors.map((e) => e.path),
    ).toEqual(["amount", "closeDate", "discount", "name"]);
  });
});
