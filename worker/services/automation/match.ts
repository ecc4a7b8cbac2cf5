import type { AutomationConfig } from "../../shared/config/automation";
import { conditionScope } from "../../shared/config/condition-scope";
import { evaluateCondition } from "../../shared/config/evaluate";
import { getItem, itemsOf, type Snapshot } from "../../shared/config/snapshot";
import type { TriggerConfig } from "../../shared/config/trigger";

// Which published automations an event starts. Runs use the config version that was current
// when the event happened, so the caller passes that version's snapshot.

export type AutomationEvent =
  | {
      kind: "create" | "update" | "delete";
      entity: string;
      record: Record<string, unknown> | null;
      previous: Record<string, unknown> | null;
    }
  | { kind: "webhook" | "schedule"; entity: string; triggerKey: string; body?: unknown }
  | {
      kind: "sla.warning" | "sla.breached";
      entity: string;
      record: Record<string, unknown>;
      policy: string;
      metric: string;
    }
  | { kind: "approval.decided"; entity: string; record: Record<string, unknown>; approval: string; decision: string };

export type Match = { automation: string; trigger: string; config: AutomationConfig };

export type MatchContext = { now: number; userId?: string };

function triggerFires(
  trigger: TriggerConfig,
  key: string,
  event: AutomationEvent,
  ctx: MatchContext,
  snapshot: Snapshot,
): boolean {
  if (trigger.on !== event.kind) return false;
  switch (event.kind) {
    case "create":
    case "update":
    case "delete": {
      const when = "when" in trigger ? trigger.when : undefined;
      if (!when) return true;
      const record = event.record ?? event.previous ?? {};
      return evaluateCondition(when, {
        record,
        previous: event.previous ?? undefined,
        now: ctx.now,
        userId: ctx.userId,
        ...conditionScope(snapshot, event.entity),
      });
    }
    case "webhook":
    case "schedule":
      return event.triggerKey === key;
    case "sla.warning":
    case "sla.breached":
      return !("policy" in trigger) || !trigger.policy || trigger.policy === event.policy;
    case "approval.decided":
      return !("approval" in trigger) || !trigger.approval || trigger.approval === event.approval;
  }
}

function conditionsHold(
  automation: AutomationConfig,
  event: AutomationEvent,
  ctx: MatchContext,
  snapshot: Snapshot,
): boolean {
  if (!automation.conditions?.length) return true;
  const record = ("record" in event && event.record) || ("previous" in event && event.previous) || {};
  const previous = "previous" in event ? (event.previous ?? undefined) : undefined;
  const scope = conditionScope(snapshot, event.entity);
  return automation.conditions.every((key) => {
    const condition = scope.resolveRef(key);
    return (
      condition !== undefined &&
      evaluateCondition(condition, { record, previous, now: ctx.now, userId: ctx.userId, ...scope })
    );
  });
}

/** Enabled automations of the event's entity whose trigger fires and whose conditions hold. */
export function matchAutomations(snapshot: Snapshot, event: AutomationEvent, ctx: MatchContext): Match[] {
  const automations = itemsOf(snapshot, "automation", event.entity);
  const matches: Match[] = [];
  for (const [key, config] of Object.entries(automations)) {
    if (config.enabled === false) continue;
    const trigger = getItem(snapshot, "trigger", event.entity, config.trigger);
    if (!trigger || !triggerFires(trigger, config.trigger, event, ctx, snapshot)) continue;
    if (!conditionsHold(config, event, ctx, snapshot)) continue;
    matches.push({ automation: key, trigger: config.trigger, config });
  }
  return matches.sort((a, b) => a.automation.localeCompare(b.automation));
}

/** The record event kinds of outbox event types. */
export const RECORD_EVENT_KINDS: Record<string, "create" | "update" | "delete" | undefined> = {
  "record.created": "create",
  "record.updated": "update",
  "record.transitioned": "update",
  "record.deleted": "delete",
};
