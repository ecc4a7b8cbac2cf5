import type { Evidence } from "./evidence";
import { sentimentOf, type Sentiment } from "./sentiment";

// The built-in analyst: real signals computed from the evidence, worded plainly. It is what a
// briefing says when no language model is configured, and the fallback when one fails.

export type Signal =
  | { kind: "sla_breached"; metric: string; dueAt: string }
  | { kind: "sla_at_risk"; metric: string; dueAt: string }
  | { kind: "stale_stage"; step: string; days: number }
  | { kind: "unanswered_message"; from: string; subject: string | null; at: string; hours: number }
  | { kind: "overdue_tasks"; count: number; titles: string[] }
  | { kind: "pending_approval"; approval: string; requestedAt: string };

export type BriefingBody = {
  summary: string;
  nextSteps: string[];
  talkingPoints: string[];
  sentiment: Sentiment;
  risks: string[];
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An open step unchanged this long is stale. */
export const STALE_STAGE_DAYS = 14;
const SKIPPED_ACTORS = new Set(["inbox"]);
const ANSWERS = new Set(["call", "meeting", "note", "email"]);

export function computeSignals(ev: Evidence, now: number): Signal[] {
  return [
    ...slaSignals(ev, now),
    ...staleSignal(ev, now),
    ...unansweredSignal(ev, now),
    ...overdueSignal(ev),
    ...ev.approvals.map((a) => ({
      kind: "pending_approval" as const,
      approval: a.approval,
      requestedAt: a.requestedAt,
    })),
  ];
}

function slaSignals(ev: Evidence, now: number): Signal[] {
  return ev.sla.flatMap((t): Signal[] => {
    const due = Date.parse(t.dueAt);
    if (t.state === "breached" || (t.state === "running" && due <= now))
      return [{ kind: "sla_breached", metric: t.metric, dueAt: t.dueAt }];
    if (t.state === "running" && t.warnAt && Date.parse(t.warnAt) <= now)
      return [{ kind: "sla_at_risk", metric: t.metric, dueAt: t.dueAt }];
    return [];
  });
}

function staleSignal(ev: Evidence, now: number): Signal[] {
  if (!ev.step || ev.step.category !== "open") return [];
  const days = Math.floor((now - Date.parse(ev.step.since)) / DAY);
  return days >= STALE_STAGE_DAYS ? [{ kind: "stale_stage", step: ev.step.label, days }] : [];
}

/** The newest customer message, unless a member has since changed the record or logged a
 *  call, meeting or note on it (planning a task is not an answer). */
function unansweredSignal(ev: Evidence, now: number): Signal[] {
  const latest = ev.messages[0];
  if (!latest || latest.direction !== "in") return []; // a reply of ours is the newest: answered
  const at = Date.parse(latest.at);
  const memberActed =
    ev.history.some(
      (h) => h.actor && !SKIPPED_ACTORS.has(h.actor.id) && !h.action.startsWith("sla.") && Date.parse(h.at) > at,
    ) || ev.activities.some((a) => !a.system && a.createdBy && ANSWERS.has(a.type) && Date.parse(a.createdAt) > at);
  if (memberActed) return [];
  return [
    {
      kind: "unanswered_message",
      from: latest.from,
      subject: latest.subject,
      at: latest.at,
      hours: Math.floor((now - at) / HOUR),
    },
  ];
}

function overdueSignal(ev: Evidence): Signal[] {
  const overdue = ev.activities.filter((a) => a.overdue);
  return overdue.length
    ? [{ kind: "overdue_tasks", count: overdue.length, titles: overdue.slice(0, 3).map((a) => a.title) }]
    : [];
}

const customerMessages = (ev: Evidence) => ev.messages.filter((m) => m.direction === "in");

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const day = (iso: string) => iso.slice(0, 10);
const snippet = (text: string, max = 140) =>
  (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text).replace(/\s+/g, " ");
const show = (v: unknown) => (Array.isArray(v) ? v.join(", ") : String(v));

export function builtInBriefing(ev: Evidence, now: number): BriefingBody & { signals: Signal[] } {
  const signals = computeSignals(ev, now);
  const { sentiment } = sentimentOf(customerMessages(ev).map((m) => `${m.subject ?? ""} ${m.body}`));
  return {
    summary: summarize(ev, now, sentiment),
    nextSteps: nextSteps(signals),
    talkingPoints: talkingPoints(ev),
    sentiment,
    risks: risks(signals, sentiment),
    signals,
  };
}

function summarize(ev: Evidence, now: number, sentiment: Sentiment): string {
  const parts = [`${ev.entityTitle} “${ev.title}”`];
  if (ev.step)
    parts[0] +=
      ` is ${ev.step.label} (for ` +
      `${plural(Math.max(0, Math.floor((now - Date.parse(ev.step.since)) / DAY)), "day")})`;
  const facts = ev.fields
    .filter((f) => ["select", "currency", "number", "percent", "multiselect"].includes(f.type))
    .slice(0, 3)
    .map((f) => `${f.label}: ${show(f.value)}`);
  if (facts.length) parts.push(facts.join(", "));
  if (ev.references.length) parts.push(`Linked to ${ev.references.map((r) => r.title).join(", ")}`);
  const open = ev.activities.filter((a) => a.status === "open");
  const inbound = customerMessages(ev);
  if (inbound.length)
    parts.push(`${plural(inbound.length, "customer message")}, the latest on ${day(inbound[0]!.at)} (${sentiment})`);
  if (open.length) parts.push(`${plural(open.length, "open task")}`);
  return `${parts.join(". ")}.`;
}

function nextSteps(signals: Signal[]): string[] {
  const steps = signals.map((s) => {
    switch (s.kind) {
      case "unanswered_message":
        return `Reply to ${s.from}${s.subject ? ` about “${s.subject}”` : ""} (waiting ${plural(s.hours, "hour")})`;
      case "sla_breached":
        return `Act on the breached ${s.metric} SLA (was due ${s.dueAt})`;
      case "sla_at_risk":
        return `Meet the ${s.metric} SLA before ${s.dueAt}`;
      case "overdue_tasks":
        return `Finish ${plural(s.count, "overdue task")}: ${s.titles.join(", ")}`;
      case "stale_stage":
        return `Move it on or update it: no step change in ${plural(s.days, "day")} (${s.step})`;
      case "pending_approval":
        return `Follow up the pending “${s.approval}” approval`;
    }
  });
  return steps.length ? steps : ["Nothing is waiting: check in with the customer or plan the next step"];
}

function talkingPoints(ev: Evidence): string[] {
  const points: string[] = [];
  const latest = customerMessages(ev)[0];
  if (latest) points.push(`Latest from ${latest.from}: “${snippet(latest.body)}”`);
  for (const h of [...ev.history].reverse()) {
    if (points.length >= 4) break;
    if ("changes" in h && h.changes && h.action === "record.updated") {
      const changed = Object.entries(h.changes as Record<string, { to: unknown }>).map(
        ([f, c]) => `${f} → ${show(c.to)}`,
      );
      if (changed.length) points.push(`Changed on ${day(h.at)}: ${changed.join(", ")}`);
    }
  }
  const upcoming = ev.activities.filter((a) => a.status === "open" && a.dueAt && !a.overdue).slice(0, 2);
  for (const a of upcoming) points.push(`Coming up: ${a.title} (due ${day(a.dueAt!)})`);
  for (const r of ev.references.slice(0, 2)) points.push(`${r.entity}: ${r.title}`);
  return points;
}

function risks(signals: Signal[], sentiment: Sentiment): string[] {
  const out = signals.flatMap((s) => {
    switch (s.kind) {
      case "sla_breached":
        return [`${s.metric} SLA breached`];
      case "sla_at_risk":
        return [`${s.metric} SLA at risk (due ${s.dueAt})`];
      case "stale_stage":
        return [`Stale: ${s.days} days in ${s.step}`];
      case "unanswered_message":
        return [`Unanswered customer message for ${plural(s.hours, "hour")}`];
      case "overdue_tasks":
        return [`${plural(s.count, "overdue task")}`];
      default:
        return [];
    }
  });
  return sentiment === "negative" ? [...out, "The customer sounds unhappy"] : out;
}
