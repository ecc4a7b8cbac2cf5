import { SYSTEM_FIELDS } from "./common";
import { walkCondition, type Condition } from "./condition";
import { conditionTypeIssues } from "./condition-types";
import type { Namespace } from "./namespaces";
import { getRawItem, type Snapshot } from "./snapshot";

// A reference problem, its path relative to the item's config.
export type RefIssue = { path: (string | number)[]; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** name → type of the fields of form/<entity>/default, read leniently (it may itself be invalid). */
export function formFieldTypes(snapshot: Snapshot, entity: string): Map<string, string> | null {
  const form = getRawItem(snapshot, "form", entity, "default");
  if (!isObject(form)) return null;
  const fields = Array.isArray(form.fields) ? form.fields : [];
  const types = new Map<string, string>();
  for (const f of fields) {
    if (!isObject(f) || typeof f.name !== "string") continue;
    const type = typeof f.type === "string" ? f.type : "";
    // A computed field holds values of its result type (valueTypeOf, read leniently).
    const result = typeof f.resultType === "string" ? f.resultType : type === "rollup" ? "number" : "";
    types.set(f.name, type === "formula" || type === "rollup" ? result : type);
  }
  return types;
}

/** Every `ref` a raw condition names, read leniently. */
export function rawConditionRefs(value: unknown): string[] {
  if (!isObject(value)) return [];
  if (typeof value.ref === "string") return [value.ref];
  const children = [
    ...(Array.isArray(value.all) ? value.all : []),
    ...(Array.isArray(value.any) ? value.any : []),
    value.not,
  ];
  return children.flatMap(rawConditionRefs);
}

/** What the checks of one item need: where it lives and its entity's fields. */
export class RefContext {
  readonly fields: Map<string, string> | null;

  constructor(
    readonly snapshot: Snapshot,
    readonly entity: string,
    readonly key: string,
  ) {
    this.fields = formFieldTypes(snapshot, entity);
  }

  exists(ns: Namespace, key: string, entity = this.entity): boolean {
    return getRawItem(this.snapshot, ns, entity, key) !== undefined;
  }

  /** A field a view or condition may name: a form field or a system field. */
  hasField(name: string): boolean {
    return (SYSTEM_FIELDS as readonly string[]).includes(name) || (this.fields?.has(name) ?? false);
  }

  field(name: string, path: RefIssue["path"]): RefIssue[] {
    // Without a default form the whole item is already reported; don't repeat it per field.
    if (this.fields === null || this.hasField(name)) return [];
    return [{ path, message: `no field "${name}" in ${this.entity}` }];
  }

  item(ns: Namespace, key: string | undefined, path: RefIssue["path"], entity = this.entity): RefIssue[] {
    if (key === undefined || this.exists(ns, key, entity)) return [];
    return [{ path, message: `no ${ns} "${key}" for ${entity} (${ns}/${entity}/${key})` }];
  }

  items(ns: Namespace, keys: readonly string[] | undefined, path: RefIssue["path"]): RefIssue[] {
    return (keys ?? []).flatMap((key, i) => this.item(ns, key, [...path, i]));
  }

  /** Fields, named-condition refs and type fit (CONDITIONS.md) of a condition at `path`. */
  condition(cond: Condition | undefined, path: RefIssue["path"]): RefIssue[] {
    if (!cond) return [];
    const issues: RefIssue[] = [];
    walkCondition(cond, (node, at) => {
      if ("field" in node) issues.push(...this.field(node.field, [...path, ...at, "field"]));
      if ("ref" in node) issues.push(...this.item("condition", node.ref, [...path, ...at, "ref"]));
    });
    for (const t of conditionTypeIssues(cond, (field) => this.fields?.get(field)))
      issues.push({ path: [...path, ...t.path], message: t.message });
    return issues;
  }
}
