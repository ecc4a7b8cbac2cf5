// One run opened up: its facts, its error, and each step with its result or error.
import type { AutomationRun } from "../../../api/automation";
import { formatDateTime } from "../../../lib/format";
import { formatJson, StepStatusBadge } from "./automation-parts";

export function RunDetail({ run }: { run: AutomationRun }) {
  const { steps } = run;
  return (
    <div className="run-detail" aria-label={`Run ${run.id}`} role="group">
      <dl className="run-facts">
        <div>
          <dt>Run</dt>
          <dd className="mono">{run.id}</dd>
        </div>
        {run.configVersion !== undefined && (
          <div>
            <dt>Config version</dt>
            <dd>{run.configVersion}</dd>
          </div>
        )}
        {run.depth !== undefined && run.depth > 0 && (
          <div>
            <dt>Depth</dt>
            <dd title="Started by another automation's change">{run.depth}</dd>
          </div>
        )}
      </dl>
      {run.error && (
        <div className="alert alert-danger run-error">
          <p className="run-error-title">{run.status === "skipped" ? "Skipped" : "Run error"}</p>
          <p>{run.error}</p>
        </div>
      )}
      {steps.length === 0 ? (
        <p className="muted">
          {run.status === "queued" || run.status === "running" ? "No step has finished yet." : "No steps ran."}
        </p>
      ) : (
        <ol className="run-steps" aria-label="Steps">
          {steps.map((step, i) => (
            <li key={`${step.action}-${i}`} className="run-step">
              <p className="run-step-head">
                <strong className="mono">{step.action}</strong>
                <span className="muted">{step.type}</span>
                <StepStatusBadge status={step.status} />
                <time className="muted" dateTime={step.at}>
                  {formatDateTime(step.at)}
                </time>
              </p>
              {step.error && (
                <p className="run-step-error">
                  <span className="visually-hidden">Error: </span>
                  {step.error}
                </p>
              )}
              {step.result !== undefined && (
                <div className="run-step-result">
                  <p className="change-label">Result</p>
                  <pre>{formatJson(step.result)}</pre>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
