// /crm/jobs: the tenant's background imports with live progress. The state is the server's
// (the tenant object runs the job), so closing the tab or reloading loses nothing: the list is
// read again and `job.progress` messages move the bars on.
import { useEffect, useState } from "react";
import { errorMessage } from "../../../api/client";
import { cancelJob, isActive, jobErrorReport, listJobs, type Job } from "../../../api/jobs";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { saveFile } from "../../../lib/download";
import { formatDateTime } from "../../../lib/format";
import { keys, useApiQuery } from "../../../state/server-state";
import { formatNumber } from "../../../renderers/shared/format";
import { subscribeRealtime } from "../../../state/realtime";
import { useSession } from "../../../state/session";

// A safety net for a socket that is down: while a job runs, the list is also re-read.
const POLL_MS = 5000;

export function JobsPage() {
  const loaded = useApiQuery(keys.work("jobs"), (signal) => listJobs(signal));
  const [live, setLive] = useState<Record<string, Job>>({});
  useEffect(
    () =>
      subscribeRealtime((m) => {
        if (m.type === "job.progress") setLive((s) => ({ ...s, [m.job.id]: m.job }));
      }),
    [],
  );
  const jobs = merge(loaded.data ?? [], live);
  const running = jobs.some(isActive);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(loaded.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, loaded.reload]);

  return (
    <div className="page">
      <PageHeader
        title="Jobs"
        description="Background imports, newest first. They keep running when you close this tab."
      />
      {loaded.status === "error" && !loaded.data ? (
        <ErrorState title="Couldn't load the jobs" error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading label="Loading jobs…" />
      ) : jobs.length === 0 ? (
        <EmptyState title="No jobs yet">
          Import a CSV file in the background from a list's Import CSV button.
        </EmptyState>
      ) : (
        <ul className="work-list" aria-label="Jobs">
          {jobs.map((j) => (
            <JobItem key={j.id} job={j} onChanged={(job) => setLive((s) => ({ ...s, [job.id]: job }))} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The list as read, with newer socket snapshots laid over it (a job the list lacks goes first). */
function merge(list: Job[], live: Record<string, Job>): Job[] {
  const newer = (a: Job, b: Job | undefined) => (b && b.done + b.failed >= a.done + a.failed ? b : a);
  const known = new Set(list.map((j) => j.id));
  const extra = Object.values(live)
    .filter((j) => !known.has(j.id))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return [...extra, ...list.map((j) => (isActive(j) || !live[j.id] ? newer(j, live[j.id]) : j))];
}

const STATE_LABEL: Record<Job["state"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};
const STATE_TONE: Record<Job["state"], string> = {
  queued: "",
  running: "badge-info",
  succeeded: "badge-success",
  failed: "badge-danger",
  cancelled: "badge-warning",
};

function JobItem({ job, onChanged }: { job: Job; onChanged(job: Job): void }) {
  const userId = useSession((s) => s.user?.id);
  const role = useSession((s) => s.role);
  const [error, setError] = useState<string | null>(null);
  const mayManage = job.createdBy === userId || role === "manager" || role === "admin";
  const processed = job.done + job.failed;
  const recompute = job.kind === "recompute"; // computed fields after a publish changed them
  const what = recompute
    ? `Recomputing ${titleCase(job.entity)}`
    : `${job.dryRun ? "Check" : "Import"} of ${titleCase(job.entity)}`;
  const doneWord = recompute ? "recomputed" : job.dryRun ? "valid" : "imported";
  const failedWord = recompute ? "failed" : "rejected";
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <li className="work-item job" aria-label={what}>
      <div className="work-main">
        <p className="work-title">
          {what} <span className={`badge ${STATE_TONE[job.state]}`}>{STATE_LABEL[job.state]}</span>
        </p>
        <progress className="progress" max={Math.max(job.total, 1)} value={processed} aria-label={`${what} progress`} />
        <p className="muted" role="status" aria-live="polite">
          {formatNumber(processed)} of {formatNumber(job.total)} {recompute ? "records" : "rows"} ·{" "}
          {formatNumber(job.done)} {doneWord} · {formatNumber(job.failed)} {failedWord} · started{" "}
          {formatDateTime(job.startedAt ?? job.createdAt)}
        </p>
        {job.error && <Alert>{job.error}</Alert>}
        {error && <Alert>{error}</Alert>}
      </div>
      {mayManage && (
        <div className="row">
          {isActive(job) && (
            <button
              type="button"
              className="button button-small"
              onClick={() => run(async () => onChanged(await cancelJob(job.id)))}
            >
              Cancel
            </button>
          )}
          {job.failed > 0 && (
            <button
              type="button"
              className="button button-small"
              onClick={() => run(async () => saveFile(await jobErrorReport(job.id), `${job.entity}-import-errors.csv`))}
            >
              Rejected rows (CSV)
            </button>
          )}
        </div>
      )}
    </li>
  );
}
