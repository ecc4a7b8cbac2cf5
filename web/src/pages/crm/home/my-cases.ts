// "My open cases by SLA urgency": open records assigned to me (every entity with an `assignee`
// field I can read), each with its SLA timers, the most urgent first.
import type { Condition } from "@shared/config/condition";
import { canRead } from "@shared/records/access";
import type { Role } from "@shared/roles";
import type { SlaTimer } from "../../../api/crm-types";
import { getRecordSla, listRecords } from "../../../api/records";
import type { CrmRecord, Snapshot } from "../../../api/types";
import { isFormConfig, isWorkflowConfig } from "../../../config/types";
import { entityKeys } from "../../../config/navigation";

const ASSIGNEE_FIELD = "assignee";
const CLOSED = new Set(["won", "lost", "closed"]);
const MAX_WITH_SLA = 12;

export interface MyCase {
  entity: string;
  record: CrmRecord;
  /** The timer that decides urgency: breached or running, soonest due; none without SLA. */
  timer: SlaTimer | null;
}

export async function loadMyCases(snapshot: Snapshot, role: Role, signal: AbortSignal): Promise<MyCase[]> {
  const entities = entityKeys(snapshot).filter((entity) => {
    const form = snapshot.form?.[entity]?.default;
    const field = isFormConfig(form) ? form.fields.find((f) => f.name === ASSIGNEE_FIELD) : undefined;
    return field !== undefined && canRead(field, role);
  });
  const pages = await Promise.all(
    entities.map(async (entity) => {
      const workflow = snapshot.workflow?.[entity]?.default;
      const closed = isWorkflowConfig(workflow)
        ? workflow.steps.filter((s) => CLOSED.has(s.category ?? "open")).map((s) => s.key)
        : [];
      const where: Condition = {
        all: [
          { field: ASSIGNEE_FIELD, op: "eq", value: "$user" },
          ...(closed.length ? [{ field: "status", op: "nin" as const, value: closed }] : []),
        ],
      };
      const page = await listRecords(entity, { where, limit: 25 }, signal);
      return (page.items ?? []).map((record) => ({ entity, record }));
    }),
  );
  const mine = pages.flat();
  const withSla = await Promise.all(
    mine.slice(0, MAX_WITH_SLA).map(async (c) => {
      const timers = await getRecordSla(c.entity, c.record.id, signal).catch(() => [] as SlaTimer[]);
      return { ...c, timer: urgentTimer(timers) };
    }),
  );
  return [...withSla, ...mine.slice(MAX_WITH_SLA).map((c) => ({ ...c, timer: null }))].sort(byUrgency);
}

function urgentTimer(timers: SlaTimer[]): SlaTimer | null {
  const live = timers.filter((t) => t.state === "running" || t.state === "breached");
  return (
    live.sort(
      (a, b) =>
        Number(b.state === "breached") - Number(a.state === "breached") || Date.parse(a.dueAt) - Date.parse(b.dueAt),
    )[0] ?? null
  );
}

const urgency = (c: MyCase) =>
  c.timer ? (c.timer.state === "breached" ? -Infinity : Date.parse(c.timer.dueAt)) : Infinity;
const byUrgency = (a: MyCase, b: MyCase) =>
  urgency(a) - urgency(b) || String(b.record.updatedAt).localeCompare(String(a.record.updatedAt));
