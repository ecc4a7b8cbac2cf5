// What the runs and outgoing-email pages share: their tabs, status badges, the auto-refresh switch.
import { useEffect, useId, useState } from "react";
import { NavLink } from "react-router";
import type { RunStatus } from "../../../api/automation";
import { Badge, type BadgeTone } from "../../../components/badge";
import { usePolling } from "../../../lib/use-polling";

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
const stepTone: Record<string, BadgeTone> = { done: "success", failed: "danger", skipped: "neutral" };
const emailTone: Record<string, BadgeTone> = { sent: "success", stored: "info", queued: "warning", failed: "danger" };

export const RunStatusBadge = ({ status }: { status: RunStatus }) => (
  <Badge tone={runTone[status] ?? "neutral"}>{status}</Badge>
);
export const StepStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={stepTone[status] ?? "neutral"}>{status}</Badge>
);
export const EmailStatusBadge = ({ status }: { status: string }) => (
  <Badge tone={emailTone[status] ?? "neutral"}>{status}</Badge>
);

/** Reloads every few seconds while the page is visible and the switch is on; says when it last did. */
export function useAutoRefresh(reload: () => void, loadedData: unknown) {
  const [on, setOn] = useState(true);
  const [at, setAt] = useState<Date | null>(null);
  usePolling(reload, REFRESH_MS, on);
  useEffect(() => {
    if (loadedData !== undefined) setAt(new Date());
  }, [loadedData]);
  return { on, setOn, at };
}

export function AutoRefreshSwitch({
  on,
  setOn,
  at,
  onRefresh,
}: ReturnType<typeof useAutoRefresh> & { onRefresh(): void }) {
  const id = useId();
  return (
    <div className="row auto-refresh">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Auto-refresh
      </label>
      <span className="muted">{at ? `Updated ${at.toLocaleTimeString()}` : ""}</span>
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
