import { describe, expect, it } from "vitest";
import { FIELD_TYPES } from "../../../../worker/shared/config/field-types";
import { errorsOf, pathsOf } from "./helpers";

const base = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ title: "Thing", fields, ...extra });
const text = { name: "name", label: "Name", type: "text" };

// Checked as a new entity's default form, so its own conditions resolve against it.
const asDefault = { entity: "things", key: "default" };

describe("form schema", () => {
  it("accepts the config.md example plus recordAccess", () => {
    const form = base(
      [
        { name: "name", label: "Name", type: "text", required: true, maxLength: 200 },
        { name: "email", label: "Email", type: "email", unique: true },
        {
          name: "tier",
          label: "Tier",
          type: "select",
          options: [
            { value: "gold", label: "Gold" },
            { value: "silver", label: "Silver" },
          ],
          default: "silver",
        },
        {
          name: "revenue",
          label: "Annual revenue",
          type: "currency",
          min: 0,
          access: { read: "agent", write: "manager" },
        },
        {
          name: "churnReason",
          label: "Why they left",
          type: "textarea",
          visibleWhen: { field: "tier", op: "eq", value: "churned" },
          requiredWhen: { field: "tier", op: "eq", value: "churned" },
        },
      ],
      { sections: [{ title: "Basics", fields: ["name", "email"] }], submit: { label: "Save" }, recordAccess: "owner" },
    );
    expect(errorsOf("form", form, asDefault)).toEqual([]);
  });

  it("accepts every field type with its settings", () => {
    const fields = FIELD_TYPES.map((type) => ({
      name: `f_${type}`,
      label: type,
      type,
      ...(type === "select" || type === "multiselect" ? { options: [{ value: "a", label: "A" }] } : {}),
      ...(type === "reference" ? { entity: "customers" } : {}),
    }));
    expect(errorsOf("form", base(fields), asDefault)).toEqual([]);
  });

  it("rejects unknown types and unknown properties at their paths", () => {
    expect(pathsOf("form", base([text, { name: "x", label: "X", type: "colour" }]), asDefault)).toEqual([
      "fields[1].type",
    ]);
    expect(pathsOf("form", base([{ ...text, colour: "red" }]), asDefault)).toEqual(["fields[0].colour"]);
    expect(pathsOf("form", { ...base([text]), layout: "grid" }, asDefault)).toEqual(["layout"]);
    expect(pathsOf("form", { fields: [text] }, asDefault)).toEqual(["title"]);
    expect(pathsOf("form", base([]), asDefault)).toEqual(["fields"]);
    expect(pathsOf("form", base([text], { recordAccess: "team" }), asDefault)).toEqual(["recordAccess"]);
  });

  it("checks field names: pattern, uniqueness and system names", () => {
    expect(pathsOf("form", base([{ ...text, name: "1st" }]), asDefault)).toEqual(["fields[0].name"]);
    expect(pathsOf("form", base([text, { ...text, label: "Again" }]), asDefault)).toEqual(["fields[1].name"]);
    expect(pathsOf("form", base([text, { ...text, name: "status" }]), asDefault)).toEqual(["fields[1].name"]);
  });

  it("requires options on select/multiselect and an entity on reference fields", () => {
    expect(pathsOf("form", base([{ name: "s", label: "S", type: "select" }]), asDefault)).toEqual([
      "fields[0].options",
    ]);
    expect(pathsOf("form", base([{ name: "m", label: "M", type: "multiselect", options: [] }]), asDefault)).toEqual([
      "fields[0].options",
    ]);
    expect(pathsOf("form", base([{ ...text, options: [{ value: "a", label: "A" }] }]), asDefault)).toEqual([
      "fields[0].options",
    ]);
    expect(pathsOf("form", base([{ name: "r", label: "R", type: "reference" }]), asDefault)).toEqual([
      "fields[0].entity",
    ]);
    const dupOptions = {
      name: "s",
      label: "S",
      type: "select",
      options: [
        { value: "a", label: "A" },
        { value: "a", label: "B" },
      ],
    };
    expect(pathsOf("form", base([dupOptions]), asDefault)).toEqual(["fields[0].options[1].value"]);
  });

  it("checks bounds, lengths and patterns", () => {
    const num = { name: "n", label: "N", type: "number" };
    expect(pathsOf("form", base([{ ...num, min: 10, max: 1 }]), asDefault)).toEqual(["fields[0].max"]);
    expect(pathsOf("form", base([{ ...text, minLength: 5, maxLength: 2 }]), asDefault)).toEqual([
      "fields[0].maxLength",
    ]);
    expect(pathsOf("form", base([{ ...text, pattern: "([a-z" }]), asDefault)).toEqual(["fields[0].pattern"]);
    expect(pathsOf("form", base([{ ...text, pattern: "^[A-Z]{3}$" }]), asDefault)).toEqual([]);
    expect(pathsOf("form", base([{ ...text, min: 1 }]), asDefault)).toEqual(["fields[0].min"]);
    expect(pathsOf("form", base([{ ...num, maxLength: 3 }]), asDefault)).toEqual(["fields[0].maxLength"]);
  });

  it("checks defaults against the field", () => {
    const sel = { name: "s", label: "S", type: "select", options: [{ value: "a", label: "A" }] };
    expect(pathsOf("form", base([{ ...sel, default: "b" }]), asDefault)).toEqual(["fields[0].default"]);
    expect(pathsOf("form", base([{ name: "b", label: "B", type: "boolean", default: "yes" }]), asDefault)).toEqual([
      "fields[0].default",
    ]);
    expect(pathsOf("form", base([{ name: "n", label: "N", type: "number", max: 5, default: 9 }]), asDefault)).toEqual([
      "fields[0].default",
    ]);
    expect(pathsOf("form", base([{ ...sel, type: "multiselect", default: ["a"] }]), asDefault)).toEqual([]);
  });

  it("checks access roles", () => {
    expect(pathsOf("form", base([{ ...text, access: { read: "boss" } }]), asDefault)).toEqual([
      "fields[0].access.read",
    ]);
    expect(pathsOf("form", base([{ ...text, access: { read: "manager", write: "agent" } }]), asDefault)).toEqual([
      "fields[0].access.write",
    ]);
  });

  it("requires sections to name fields of the form", () => {
    const form = base([text], { sections: [{ title: "A", fields: ["name", "nope"] }] });
    expect(errorsOf("form", form, asDefault)).toEqual([
      { path: "sections[0].fields[1]", message: 'no field named "nope" in this form' },
    ]);
  });

  it("rejects changed/changedTo in visibleWhen", () => {
    const field = { ...text, name: "other", visibleWhen: { field: "name", op: "changed" } };
    expect(pathsOf("form", base([text, field]), asDefault)).toEqual(["fields[1].visibleWhen.op"]);
  });
});
