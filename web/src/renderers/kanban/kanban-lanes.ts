// Lanes of a kanban view: the workflow's steps when grouped by status, else the options of the
// groupBy field; cards grouped into them; a count and a money total per lane.
import type { FormConfig } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { CrmRecord } from "../../api/types";
import { titleCase } from "../../config/labels";
import type { ColumnSpec } from "../shared/columns";

/** Cards whose group value is empty. */
export const NO_LANE = "__none__";

export interface LaneDef {
  key: string;
  label: string;
  category?: string;
}

export interface Lane extends LaneDef {
  records: CrmRecord[];
  /** Sum of the first currency column, when the view has one. */
  total: number | null;
}

export function laneDefs(
  groupBy: string,
  form: FormConfig | undefined,
  workflow: WorkflowConfig | undefined,
): LaneDef[] {
  if (groupBy === "status")
    return workflow?.steps.map((s) => ({ key: s.key, label: s.label, category: s.category })) ?? [];
  const field = form?.fields.find((f) => f.name === groupBy);
  const label = field?.label ?? titleCase(groupBy);
  const none = { key: NO_LANE, label: `No ${label.toLowerCase()}` };
  if (field?.type === "boolean")
    return [
      { key: "true", label: "Yes" },
      { key: "false", label: "No" },
    ];
  return [...(field?.options?.map((o) => ({ key: o.value, label: o.label })) ?? []), none];
}

export function laneOf(record: CrmRecord, groupBy: string): string {
  const value = groupBy === "status" ? record.status : record.data?.[groupBy];
  if (typeof value === "boolean") return String(value);
  return typeof value === "string" && value ? value : groupBy === "status" ? "" : NO_LANE;
}

/** The record as it will be once moved: what an optimistic update shows. */
export function withLane(record: CrmRecord, groupBy: string, lane: string): CrmRecord {
  if (groupBy === "status") return { ...record, status: lane };
  const data = { ...record.data };
  if (lane === NO_LANE) delete data[groupBy];
  else data[groupBy] = lane === "true" ? true : lane === "false" ? false : lane;
  return { ...record, data };
}

/** The value a PATCH sends to put a record in `lane`. */
export function laneValue(lane: string): unknown {
  if (lane === NO_LANE) return null;
  return lane === "true" ? true : lane === "false" ? false : lane;
}

export function buildLanes(
  defs: readonly LaneDef[],
  records: readonly CrmRecord[],
  groupBy: string,
  money?: ColumnSpec,
): Lane[] {
  const lanes: Lane[] = defs.map((d) => ({ ...d, records: [], total: money ? 0 : null }));
  for (const record of records) {
    const key = laneOf(record, groupBy);
    let lane = lanes.find((l) => l.key === key);
    if (!lane) {
      // A value the config no longer lists (an old step or option) still gets its cards shown.
      lane = { key, label: key ? titleCase(key) : "No status", records: [], total: money ? 0 : null };
      lanes.push(lane);
    }
    lane.records.push(record);
    const amount = money ? record.data?.[money.field] : undefined;
    if (lane.total !== null && typeof amount === "number") lane.total += amount;
  }
  // The "no value" lane only when something is in it.
  return lanes.filter((l) => l.key !== NO_LANE || l.records.length > 0);
}
