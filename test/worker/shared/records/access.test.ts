import { describe, expect, it } from "vitest";
import { customerForm } from "../../../../worker/shared/config/starter-forms";
import { ROLES, type Role } from "../../../../worker/shared/roles";
import {
  canEdit,
  canRead,
  canWrite,
  redactRecord,
  redactRecordData,
  visibleFields,
} from "../../../../worker/shared/records/access";
import { makeField, makeForm } from "./helpers";

const open = makeField("text");
const managerOnly = makeField("text", { name: "secretNote", access: { read: "manager" } });
const revenue = makeField("currency", { access: { read: "agent", write: "manager" } });

const byRole = (check: (role: Role) => boolean) => Object.fromEntries(ROLES.map((role) => [role, check(role)]));

describe("canRead / canWrite", () => {
  it("without access settings: everyone reads, agent and above write", () => {
    expect(byRole((r) => canRead(open, r))).toEqual({ admin: true, manager: true, agent: true, read_only: true });
    expect(byRole((r) => canWrite(open, r))).toEqual({ admin: true, manager: true, agent: true, read_only: false });
  });

  it("read and write name the lowest role allowed", () => {
    expect(byRole((r) => canRead(revenue, r))).toEqual({ admin: true, manager: true, agent: true, read_only: false });
    expect(byRole((r) => canWrite(revenue, r))).toEqual({ admin: true, manager: true, agent: false, read_only: false });
  });

  it("a role that may not read a field may not write it either", () => {
    expect(byRole((r) => canWrite(managerOnly, r))).toEqual({
      admin: true,
      manager: true,
      agent: false,
      read_only: false,
    });
  });

  it("read_only never writes, even when a form says it may", () => {
    expect(canWrite(makeField("text", { access: { write: "read_only" } }), "read_only")).toBe(false);
  });

  it("canEdit also excludes read-only fields", () => {
    expect(canEdit(makeField("text", { readOnly: true }), "admin")).toBe(false);
    expect(canEdit(open, "agent")).toBe(true);
  });
});

describe("visibleFields", () => {
  it("lists the fields a role may read, in form order", () => {
    const form = customerForm();
    expect(visibleFields(form, "read_only").map((f) => f.name)).not.toContain("revenue");
    expect(visibleFields(form, "agent").map((f) => f.name)).toEqual(form.fields.map((f) => f.name));
  });
});

describe("redactRecordData", () => {
  const form = makeForm([open, managerOnly, revenue, makeField("multiselect")]);
  const data = { f_text: "Acme", f_currency: 1200, f_multiselect: ["gold"], removedField: "secret" };

  it("leaves out what each role may not read, and keys the form no longer declares", () => {
    const f = (role: Role) => Object.keys(redactRecordData(data, form, role)).sort();
    expect(f("read_only")).toEqual(["f_multiselect", "f_text"]);
    expect(f("agent")).toEqual(["f_currency", "f_multiselect", "f_text"]);
  });

  it("shows a manager-only field to managers but not to agents", () => {
    const form2 = makeForm([
      makeField("text", { name: "a" }),
      makeField("text", { name: "b", access: { read: "manager" } }),
    ]);
    expect(redactRecordData({ a: 1, b: 2 }, form2, "agent")).toEqual({ a: 1 });
    expect(redactRecordData({ a: 1, b: 2 }, form2, "manager")).toEqual({ a: 1, b: 2 });
    expect(redactRecordData({ a: 1, b: 2 }, form2, "admin")).toEqual({ a: 1, b: 2 });
  });

  it("returns a copy: changing it leaves the stored data alone", () => {
    const out = redactRecordData(data, form, "admin");
    (out.f_multiselect as string[]).push("silver");
    out.f_text = "changed";
    expect(data).toEqual({ f_text: "Acme", f_currency: 1200, f_multiselect: ["gold"], removedField: "secret" });
  });

  it("redactRecord keeps the record's other properties", () => {
    const record = { id: "rec_1", version: 3, data };
    expect(redactRecord(record, form, "read_only")).toEqual({
      id: "rec_1",
      version: 3,
      data: { f_text: "Acme", f_multiselect: ["gold"] },
    });
  });
});
