import type { FormField } from "../../shared/config/form";
import { type FieldType, valueTypeOf } from "../../shared/config/field-types";
import { itemsOf, type Snapshot } from "../../shared/config/snapshot";
import { canEdit, canRead } from "../../shared/records/access";
import type { Role } from "../../shared/roles";
import type { EntityContext } from "../records/entity";

// Tool input schemas and the schema description come from the published config, so an
// assistant sees the tenant's real fields, picklists and steps, only those the caller may see.

type JsonSchema = Record<string, unknown>;

const typeSchemas: Record<FieldType, (f: FormField) => JsonSchema> = {
  text: (f) => textual(f),
  textarea: (f) => textual(f),
  phone: (f) => textual(f),
  email: (f) => ({ ...textual(f), format: "email" }),
  url: (f) => ({ ...textual(f), format: "uri" }),
  number: (f) => numeric(f),
  currency: (f) => numeric(f),
  percent: (f) => numeric(f),
  date: () => ({ type: "string", format: "date" }),
  datetime: () => ({ type: "string", format: "date-time" }),
  boolean: () => ({ type: "boolean" }),
  select: (f) => ({ type: "string", enum: f.options?.map((o) => o.value) }),
  multiselect: (f) => ({
    type: "array",
    items: { type: "string", enum: f.options?.map((o) => o.value) },
    uniqueItems: true,
  }),
  reference: (f) => ({ type: "string", description: `The id of a ${f.entity} record` }),
  user: () => ({ type: "string", description: "A member's user id (see my_work for yours)" }),
};

function textual(f: FormField): JsonSchema {
  return {
    type: "string",
    ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.pattern ? { pattern: f.pattern } : {}),
  };
}

function numeric(f: FormField): JsonSchema {
  return {
    type: "number",
    ...(f.min !== undefined ? { minimum: f.min } : {}),
    ...(f.max !== undefined ? { maximum: f.max } : {}),
  };
}

function fieldSchema(f: FormField): JsonSchema {
  const base = typeSchemas[valueTypeOf(f)](f);
  const options = f.options?.map((o) => `${o.value} (${o.label})`).join(", ");
  const description = [f.label, f.help, base.description, options ? `One of: ${options}` : undefined]
    .filter(Boolean)
    .join(". ");
  return { ...base, title: f.label, description };
}

/** The values a role may set on an entity's records, as JSON Schema (for create or update). */
export function valuesSchema(ctx: EntityContext, role: Role, mode: "create" | "update"): JsonSchema {
  const fields = ctx.form.fields.filter((f) => canEdit(f, role));
  const required =
    mode === "create"
      ? fields.filter((f) => f.required && f.default === undefined && !f.requiredWhen).map((f) => f.name)
      : [];
  return {
    type: "object",
    title: ctx.entity,
    description: `Values of a ${ctx.form.title} record (${ctx.entity})`,
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** One entity as the caller may see it: readable fields, views, workflow steps, picklists. */
export function describeEntity(ctx: EntityContext, snapshot: Snapshot, role: Role) {
  const views = Object.entries(itemsOf(snapshot, "view", ctx.entity))
    .filter(([, v]) => !v.roles?.length || v.roles.includes(role))
    .map(([key, v]) => ({ key, title: v.title }));
  const wf = ctx.workflow;
  return {
    entity: ctx.entity,
    title: ctx.form.title,
    ...(ctx.form.description ? { description: ctx.form.description } : {}),
    ...(ctx.form.recordAccess === "owner"
      ? { recordAccess: "owner: agents see only records they own or are assigned to" }
      : {}),
    fields: ctx.form.fields
      .filter((f) => canRead(f, role))
      .map((f) => ({
        name: f.name,
        label: f.label,
        type: f.type,
        writable: canEdit(f, role),
        ...(f.formula ? { formula: f.formula } : {}),
        ...(f.rollup ? { rollup: f.rollup } : {}),
        ...(f.required ? { required: true } : {}),
        ...(f.unique ? { unique: true } : {}),
        ...(f.help ? { help: f.help } : {}),
        ...(f.options ? { options: f.options } : {}),
        ...(f.entity ? { references: f.entity } : {}),
      })),
    views,
    ...(wf
      ? {
          workflow: {
            initial: wf.initial,
            steps: wf.steps.map((s) => ({ key: s.key, label: s.label, category: s.category ?? "open" })),
            transitions: wf.allowAnyToAny
              ? "any step to any step"
              : wf.transitions.map((t) => ({ from: t.from, to: t.to, ...(t.roles ? { roles: t.roles } : {}) })),
          },
        }
      : {}),
  };
}
