// An SLA timer as the API shows it (GET /crm/{entity}/{id}/sla, records' `sla`, MCP tools): the
// one type for SLA state on the wire. The tenant object keeps the full timer
// (worker/services/sla/timer.ts) and presents it with `presentTimer`.

export const TIMER_STATES = ["running", "paused", "met", "breached", "cancelled"] as const;

export type TimerState = (typeof TIMER_STATES)[number];

export type SlaTimerView = {
  recordId: string;
  policy: string;
  metric: string;
  state: TimerState;
  startedAt: string;
  dueAt: string;
  /** The earliest warning instant, when the policy warns. */
  warnAt?: string;
  pausedMs: number;
  completedAt?: string;
};
