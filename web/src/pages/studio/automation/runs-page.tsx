// /studio/runs: automation runs, newest first, filtered by automation and status (kept in the URL),
// refreshed every few seconds while visible; a row opens to show the run's steps and errors.
import { Fragment, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../../api/client";
import { listRuns, RUN_STATUSES, type AutomationRun, type RunStatus } from "../../../api/automation";
import { SelectField } from "../../../components/field";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { formatDateTime } from "../../../lib/format";
import { useRuntimeConfigStore } from "../../../state/runtime-config";
import { keys, useApiQuery } from "../../../state/server-state";
import { AutomationTabs, AutoRefreshSwitch, REFRESH_MS, RunStatusBadge } from "./automation-parts";
import { RunDetail } from "./run-detail";

const LIMITS = [50, 100, 200];
const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;
const COLUMNS = [
  "Automation",
  "Entity",
  "Trigger",
  "Status",
  "Attempts",
  "Created",
  "Started",
  "Finished",
  "Next attempt",
];

const isStatus = (value: string | null): value is RunStatus =>
  (RUN_STATUSES as readonly string[]).includes(value ?? "");

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const automation = KEY_RE.test(params.get("automation") ?? "") ? params.get("automation")! : "";
  const status = isStatus(params.get("status")) ? (params.get("status") as RunStatus) : "";
  const limit = LIMITS.includes(Number(params.get("limit"))) ? Number(params.get("limit")) : LIMITS[0]!;
  const [on, setOn] = useState(true);
  const runs = useApiQuery(
    keys.admin("runs", automation, status, limit),
    (signal) => listRuns({ automation: automation || undefined, status, limit }, signal),
    { staleTime: 0, refetchInterval: on && REFRESH_MS, keepPrevious: true },
  );
  const choices = useAutomationChoices(runs.data);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filtered = Boolean(automation || status);

  return (
    <div className="page">
      <PageHeader title="Automation runs" description="What automations did, step by step, newest first." />
      <AutomationTabs />
      <div className="toolbar">
        <SelectField label="Automation" value={automation} onChange={(e) => setFilter("automation", e.target.value)}>
          <option value="">All automations</option>
          {choices.map((key) => (
            <option key={key} value={key}>
              {titleCase(key)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={status} onChange={(e) => setFilter("status", e.target.value)}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Show"
          value={String(limit)}
          onChange={(e) => setFilter("limit", e.target.value === "50" ? "" : e.target.value)}
        >
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              {n} newest
            </option>
          ))}
        </SelectField>
        <AutoRefreshSwitch on={on} setOn={setOn} updatedAt={runs.updatedAt} onRefresh={runs.reload} />
      </div>
      {runs.status === "error" && runs.data && <Alert>Couldn't refresh the runs: {errorMessage(runs.error)}</Alert>}
      {runs.status === "error" && !runs.data ? (
        <ErrorState title="Couldn't load the runs" error={runs.error} onRetry={runs.reload} />
      ) : !runs.data ? (
        <Loading label="Loading runs…" />
      ) : runs.data.length === 0 ? (
        <EmptyState title={filtered ? "No runs match these filters" : "No automation has run yet"}>
          {filtered ? "Try another automation or status." : "Runs appear here when a trigger fires."}
        </EmptyState>
      ) : (
        <RunsTable runs={runs.data} />
      )}
    </div>
  );
}

/** Automation keys to filter by: the published ones and any seen in a run (policy runs included). */
function useAutomationChoices(runs: AutomationRun[] | undefined): string[] {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const seen = useRef(new Set<string>());
  runs?.forEach((r) => seen.current.add(r.automation));
  const published = Object.values(snapshot?.automation ?? {}).flatMap((items) => Object.keys(items ?? {}));
  const all = [...published, ...seen.current].filter((key) => KEY_RE.test(key));
  return [...new Set(all)].sort();
}

function RunsTable({ runs }: { runs: AutomationRun[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const ids = useMemo(() => new Map(runs.map((r) => [r.id, `run-${r.id.replace(/[^\w-]/g, "_")}`])), [runs]);

  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Runs">
      <table className="table runs-table">
        <caption className="visually-hidden">Automation runs</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={c === "Attempts" ? "num" : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const expanded = open.has(run.id);
            const detailId = ids.get(run.id)!;
            return (
              <Fragment key={run.id}>
                <tr className={expanded ? "run-row is-open" : "run-row"}>
                  <td>
                    <button
                      type="button"
                      className="disclosure"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailId : undefined}
                      onClick={() => toggle(run.id)}
                    >
                      <span className="disclosure-mark" aria-hidden="true">
                        {expanded ? "▾" : "▸"}
                      </span>
                      <span className="mono">{run.automation}</span>
                    </button>
                  </td>
                  <td>{run.entity}</td>
                  <td>{run.trigger}</td>
                  <td>
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="num">{run.attempts}</td>
                  <td className="nowrap">{formatDateTime(run.createdAt)}</td>
                  <td className="nowrap">{formatDateTime(run.startedAt)}</td>
                  <td className="nowrap">{formatDateTime(run.finishedAt)}</td>
                  <td className="nowrap">{formatDateTime(run.nextAttemptAt)}</td>
                </tr>
                {expanded && (
                  <tr id={detailId} className="run-detail-row">
                    <td colSpan={COLUMNS.length}>
                      <RunDetail run={run} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
