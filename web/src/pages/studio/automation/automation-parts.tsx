// What the runs and outgoing-email pages share: their tabs, status badges, the auto-refresh switch.
import { useId } from "react";
import { NavLink } from "react-router";
import type { RunStatus, RunStep } from "../../../api/automation";
import { Badge, type BadgeTone } from "../../../components/badge";

export const REFRESH_MS = 5000;

export function AutomationTabs() {
  return (
    <nav className="tabs" aria-label="Automation">
      <NavLink to="/studio/runs" className="tab">
        Runs
      </NavLink>
      <NavLink to="/studio/emails" className="tab">
        Outgoing email
      </NavLink>
    </nav>
  );
}

const runTone: Record<RunStatus, BadgeTone> = {
  queued: "info",
  running: "warning",
  succeeded: "success",
  failed: "danger",
  skipped: "neutral",
};
const stepTone: Record<RunStep["status"], BadgeTone> = { done: "success", failed: "danger", skipped: "neutral" };
const emailTone: Record<string, BadgeTone> = { sent: "success", stored: "info", queued: "warning", failed: "danger" };

export const RunStatusBadge = ({ status }: { status: RunStatus }) => (
  <Badge tone={runTone[status] ?? "neutral"}>{status}</Badge>
);
export const StepStatusBadge = ({ status }: { status: RunStep["status"] }) => (
  <Badge tone={stepTone[status]}>{status}</Badge>
);
export const EmailStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={emailTone[status] ?? "neutral"}>{status}</Badge>
);

/**
 * The auto-refresh switch (the page polls every REFRESH_MS while it is on and the page visible)
 * and when the list last arrived (`updatedAt`, ms; 0 before the first answer).
 */
export function AutoRefreshSwitch({
  on,
  setOn,
  updatedAt,
  onRefresh,
}: {
  on: boolean;
  setOn(on: boolean): void;
  updatedAt: number;
  onRefresh(): void;
}) {
  const id = useId();
  return (
    <div className="row auto-refresh">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Auto-refresh
      </label>
      <span className="muted">{updatedAt ? `Updated ${new Date(updatedAt).toLocaleTimeString()}` : ""}</span>
      <button type="button" className="button button-small" onClick={onRefresh}>
        Refresh
      </button>
    </div>
  );
}

/** Pretty JSON for a step's result; plain text stays as it is. */
export function formatJson(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
