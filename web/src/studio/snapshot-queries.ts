// What pickers offer: an entity's fields, the keys of other items, workflow steps. Read
// leniently, since the snapshot holds drafts that may not be valid yet.
import { getRawItem, entitiesOf, type Snapshot } from "@shared/config/snapshot";
import type { Namespace } from "@shared/config/namespaces";
import { titleCase } from "../config/labels";
import { isObject } from "./patch";

export interface Choice {
  value: string;
  label: string;
}

export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  options?: Choice[];
  /** status, ownerId, createdAt, updatedAt */
  system?: boolean;
}

function readChoices(value: unknown): Choice[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((o) => ({ value: String(o.value ?? ""), label: String(o.label ?? o.value ?? "") }));
}

/** Fields of form/<entity>/default. */
export function formFields(snapshot: Snapshot, entity: string): FieldInfo[] {
  const form = getRawItem(snapshot, "form", entity, "default");
  const fields = isObject(form) && Array.isArray(form.fields) ? form.fields : [];
  return fields
    .filter(isObject)
    .filter((f) => typeof f.name === "string" && f.name !== "")
    .map((f) => ({
      name: String(f.name),
      label: typeof f.label === "string" && f.label ? f.label : titleCase(String(f.name)),
      type: typeof f.type === "string" ? f.type : "text",
      options: readChoices(f.options),
    }));
}

export function workflowSteps(snapshot: Snapshot, entity: string): Choice[] {
  const wf = getRawItem(snapshot, "workflow", entity, "default");
  const steps = isObject(wf) && Array.isArray(wf.steps) ? wf.steps : [];
  return steps
    .filter(isObject)
    .filter((s) => typeof s.key === "string")
    .map((s) => ({ value: String(s.key), label: typeof s.label === "string" && s.label ? s.label : String(s.key) }));
}

/** Fields a condition may name: the form's, then status, ownerId, createdAt, updatedAt. */
export function conditionFields(snapshot: Snapshot, entity: string): FieldInfo[] {
  const steps = workflowSteps(snapshot, entity);
  return [
    ...formFields(snapshot, entity),
    {
      name: "status",
      label: "Status",
      type: steps.length ? "select" : "text",
      options: steps.length ? steps : undefined,
      system: true,
    },
    { name: "ownerId", label: "Owner", type: "user", system: true },
    { name: "createdAt", label: "Created at", type: "datetime", system: true },
    { name: "updatedAt", label: "Updated at", type: "datetime", system: true },
  ];
}

/** Keys of `<ns>/<entity>/*`, sorted. */
export function itemKeys(snapshot: Snapshot, ns: Namespace, entity: string): string[] {
  const items = snapshot[ns]?.[entity];
  return items ? Object.keys(items).sort() : [];
}

/** Entities that exist in the snapshot: those with a default form. */
export function entityNames(snapshot: Snapshot): string[] {
  return entitiesOf(snapshot);
}

export interface ReferenceTo {
  /** the entity holding the reference field */
  entity: string;
  /** the reference field's name */
  via: string;
  /** the reference field's label */
  label: string;
}

/** Reference fields of other entities' default forms that point at `entity`, by entity then field. */
export function referencesTo(snapshot: Snapshot, entity: string): ReferenceTo[] {
  return entityNames(snapshot)
    .sort()
    .flatMap((other) => {
      const form = getRawItem(snapshot, "form", other, "default");
      const fields = isObject(form) && Array.isArray(form.fields) ? form.fields.filter(isObject) : [];
      return fields
        .filter((f) => f.type === "reference" && f.entity === entity && typeof f.name === "string" && f.name !== "")
        .map((f) => ({
          entity: other,
          via: String(f.name),
          label: typeof f.label === "string" && f.label ? f.label : titleCase(String(f.name)),
        }));
    });
}
