import { walkCondition } from "./condition";
import { NUMERIC_FIELD_TYPES, type FieldType } from "./field-types";
import type { RollupConfig } from "./form";
import type { Namespace } from "./namespaces";
import { RefContext, formFieldTypes, rawConditionRefs, type RefIssue } from "./ref-context";
import type { ActionConfig, ConfigOf } from "./schemas";
import { getRawItem, type Snapshot } from "./snapshot";

export type { RefIssue } from "./ref-context";

// Kanban lanes need a small set of values.
const GROUPABLE = new Set(["select", "boolean", "user", "reference"]);
const GROUPABLE_SYSTEM = new Set(["status", "ownerId"]);
// update_record may also hand the record to someone else.
const SETTABLE_SYSTEM = new Set(["ownerId"]);

type Checks = { [N in Namespace]: (config: ConfigOf<N>, rc: RefContext) => RefIssue[] };

const checks: Checks = {
  form: (form, rc) =>
    form.fields
      .flatMap((f, i) => [
        ...rc.condition(f.visibleWhen, ["fields", i, "visibleWhen"]),
        ...rc.condition(f.requiredWhen, ["fields", i, "requiredWhen"]),
        ...(f.entity && !rc.exists("form", "default", f.entity)
          ? [{ path: ["fields", i, "entity"], message: `no entity "${f.entity}" (form/${f.entity}/default)` }]
          : []),
        ...(f.rollup ? rollupIssues(f.rollup, ["fields", i, "rollup"], rc) : []),
      ])
      .concat(relatedListIssues(form, rc)),
  view: (view, rc) => [
    ...view.columns.flatMap((c, i) => rc.field(c.field, ["columns", i, "field"])),
    ...(view.sort ?? []).flatMap((s, i) => rc.field(s.field, ["sort", i, "field"])),
    ...(view.groupBy ? rc.field(view.groupBy, ["groupBy"]) : []),
    ...kanbanLanes(view, rc),
    ...rc.condition(view.filter, ["filter"]),
  ],
  trigger: (trigger, rc) => {
    if (trigger.on === "sla.warning" || trigger.on === "sla.breached")
      return rc.item("sla", trigger.policy, ["policy"]);
    if (trigger.on === "approval.decided") return rc.item("approval", trigger.approval, ["approval"]);
    if ("when" in trigger) return rc.condition(trigger.when, ["when"]);
    return [];
  },
  condition: (cond, rc) => [...rc.condition(cond, []), ...refCycles(cond, rc)],
  action: (action, rc) => actionChecks(action, rc),
  automation: (a, rc) => [
    ...rc.item("trigger", a.trigger, ["trigger"]),
    ...rc.items("condition", a.conditions, ["conditions"]),
    ...rc.items("action", a.actions, ["actions"]),
  ],
  workflow: (wf, rc) => wf.transitions.flatMap((t, i) => rc.condition(t.when, ["transitions", i, "when"])),
  approval: (ap, rc) => [
    ...rc.condition(ap.when, ["when"]),
    ...rc.items("action", ap.onApprove, ["onApprove"]),
    ...rc.items("action", ap.onReject, ["onReject"]),
  ],
  sla: (sla, rc) => [
    ...rc.condition(sla.when, ["when"]),
    ...sla.targets.flatMap((t, i) => rc.condition(t.stopWhen, ["targets", i, "stopWhen"])),
    ...rc.condition(sla.pauseWhen, ["pauseWhen"]),
    ...rc.item("calendar", sla.calendar, ["calendar"], "tenant"),
    ...rc.items("action", sla.onWarning, ["onWarning"]),
    ...rc.items("action", sla.onBreach, ["onBreach"]),
  ],
  calendar: () => [],
  routing: (routing, rc) => rc.condition(routing.when, ["when"]),
  theme: () => [],
  dashboard: (dash, rc) =>
    dash.widgets.flatMap((w, i) => {
      if (!w.entity) return [];
      if (!rc.exists("form", "default", w.entity)) {
        return [{ path: ["widgets", i, "entity"], message: `no entity "${w.entity}" (form/${w.entity}/default)` }];
      }
      return rc.item("view", w.view, ["widgets", i, "view"], w.entity);
    }),
};

function kanbanLanes(view: ConfigOf<"view">, rc: RefContext): RefIssue[] {
  const by = view.groupBy;
  if (view.type !== "kanban" || !by || GROUPABLE_SYSTEM.has(by) || !rc.fields?.has(by)) return [];
  if (GROUPABLE.has(rc.fields.get(by) ?? "")) return [];
  return [
    { path: ["groupBy"], message: "kanban lanes need a select, boolean, user or reference field, status or ownerId" },
  ];
}

function valueKeys(
  values: Record<string, unknown>,
  prop: string,
  fields: Map<string, string> | null,
  entity: string,
  snapshot: Snapshot,
): RefIssue[] {
  if (fields === null) return [];
  const computed = computedFieldNames(snapshot, entity);
  return Object.keys(values).flatMap((name): RefIssue[] => {
    if (computed.has(name))
      return [{ path: [prop, name], message: `"${name}" is computed (${computed.get(name)}) and cannot be set` }];
    if (!fields.has(name) && !SETTABLE_SYSTEM.has(name))
      return [{ path: [prop, name], message: `no field "${name}" in ${entity}` }];
    return [];
  });
}

/** name → type of the computed fields of form/<entity>/default, read leniently. */
function computedFieldNames(snapshot: Snapshot, entity: string): Map<string, string> {
  const form = getRawItem(snapshot, "form", entity, "default") as { fields?: unknown } | undefined;
  const fields = Array.isArray(form?.fields) ? (form.fields as { name?: unknown; type?: unknown }[]) : [];
  return new Map(
    fields
      .filter((f) => typeof f?.name === "string" && (f.type === "formula" || f.type === "rollup"))
      .map((f) => [f.name as string, f.type as string]),
  );
}

function actionChecks(action: ActionConfig, rc: RefContext): RefIssue[] {
  switch (action.type) {
    case "update_record":
      return valueKeys(action.set, "set", rc.fields, rc.entity, rc.snapshot);
    case "create_record": {
      const fields = formFieldTypes(rc.snapshot, action.entity);
      if (!fields)
        return [{ path: ["entity"], message: `no entity "${action.entity}" (form/${action.entity}/default)` }];
      return valueKeys(action.values, "values", fields, action.entity, rc.snapshot);
    }
    case "assign":
      return rc.item("routing", action.routing, ["routing"]);
    case "request_approval":
      return rc.item("approval", action.approval, ["approval"]);
    case "transition":
      return workflowStep(action.to, rc);
    default:
      return [];
  }
}

function workflowStep(to: string, rc: RefContext): RefIssue[] {
  const wf = getRawItem(rc.snapshot, "workflow", rc.entity, "default") as { steps?: unknown } | undefined;
  if (!wf) return [{ path: ["to"], message: `${rc.entity} has no default workflow (workflow/${rc.entity}/default)` }];
  const steps = Array.isArray(wf.steps) ? wf.steps : [];
  if (steps.some((s) => (s as { key?: unknown } | null)?.key === to)) return [];
  return [{ path: ["to"], message: `no step "${to}" in workflow/${rc.entity}/default` }];
}

/** The keys from `from` back to `target` through refs, or null when there is no such path. */
function refPath(rc: RefContext, from: string, target: string, seen = new Set<string>()): string[] | null {
  if (from === target) return [from];
  if (seen.has(from)) return null;
  seen.add(from);
  for (const next of rawConditionRefs(getRawItem(rc.snapshot, "condition", rc.entity, from))) {
    const rest = refPath(rc, next, target, seen);
    if (rest) return [from, ...rest];
  }
  return null;
}

// A named condition that reaches itself through refs could never be evaluated.
function refCycles(cond: ConfigOf<"condition">, rc: RefContext): RefIssue[] {
  const issues: RefIssue[] = [];
  walkCondition(cond, (node, at) => {
    if (!("ref" in node)) return;
    const cycle = refPath(rc, node.ref, rc.key);
    if (cycle) issues.push({ path: [...at, "ref"], message: `reference cycle: ${[rc.key, ...cycle].join(" → ")}` });
  });
  return issues;
}

// A roll-up aggregates records of another entity through its reference field pointing here;
// sum/avg/min/max need a number field there, and `where` is a condition over that entity.
function rollupIssues(r: RollupConfig, path: RefIssue["path"], rc: RefContext): RefIssue[] {
  const other = formFieldTypes(rc.snapshot, r.entity);
  if (!other) return [{ path: [...path, "entity"], message: `no entity "${r.entity}" (form/${r.entity}/default)` }];
  const form = getRawItem(rc.snapshot, "form", r.entity, "default") as ConfigOf<"form">;
  const via = form.fields?.find((f) => f.name === r.via);
  if (!via || via.type !== "reference" || via.entity !== rc.entity) {
    return [
      { path: [...path, "via"], message: `${r.entity} has no reference field "${r.via}" pointing at ${rc.entity}` },
    ];
  }
  const issues: RefIssue[] = [];
  if (r.field !== undefined) {
    const type = other.get(r.field);
    if (type === undefined) issues.push({ path: [...path, "field"], message: `no field "${r.field}" in ${r.entity}` });
    else if (!NUMERIC_FIELD_TYPES[type as FieldType]) {
      issues.push({
        path: [...path, "field"],
        message: `${r.op} needs a number, currency or percent field, not ${type || "an untyped field"}`,
      });
    }
  }
  issues.push(...new RefContext(rc.snapshot, r.entity, rc.key).condition(r.where, [...path, "where"]));
  return issues;
}

/** Reference problems of one structurally valid item against the snapshot it belongs to. */
// A related list names a reference field of another entity that points at this one.
function relatedListIssues(form: ConfigOf<"form">, rc: RefContext): RefIssue[] {
  return (form.related ?? []).flatMap((r, i) => {
    const other = getRawItem(rc.snapshot, "form", r.entity, "default") as ConfigOf<"form"> | undefined;
    if (!other)
      return [{ path: ["related", i, "entity"], message: `no entity "${r.entity}" (form/${r.entity}/default)` }];
    const via = other.fields?.find((f) => f.name === r.via);
    if (!via || via.type !== "reference" || via.entity !== rc.entity) {
      return [
        {
          path: ["related", i, "via"],
          message: `${r.entity} has no reference field "${r.via}" pointing at ${rc.entity}`,
        },
      ];
    }
    const names = new Set(other.fields.map((f) => f.name));
    return (r.columns ?? []).flatMap((c, j) =>
      names.has(c) ? [] : [{ path: ["related", i, "columns", j], message: `${r.entity} has no field "${c}"` }],
    );
  });
}

export function referenceIssues<N extends Namespace>(
  ns: N,
  entity: string,
  key: string,
  config: ConfigOf<N>,
  snapshot: Snapshot,
): RefIssue[] {
  return checks[ns](config, new RefContext(snapshot, entity, key));
}
