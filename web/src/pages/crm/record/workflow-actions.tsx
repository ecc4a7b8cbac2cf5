// The record's place in its workflow, and a button per step it may move to from here.
// The buttons follow the config; the server decides (409 / 403 are shown as they come).
import { useState } from "react";
import type { WorkflowConfig } from "@shared/config/workflow";
import { roleAtLeast } from "@shared/roles";
import { ApiError, errorMessage } from "../../../api/client";
import { transitionRecord } from "../../../api/records";
import type { CrmRecord } from "../../../api/types";
import { Alert } from "../../../components/status";
import { stepLabel } from "../../../renderers/shared/status-badge";
import { allowedSteps } from "../../../renderers/shared/workflow";
import { useSession } from "../../../state/session";

interface WorkflowActionsProps {
  entity: string;
  record: CrmRecord;
  workflow: WorkflowConfig;
  onMoved(record: CrmRecord): void;
}

export function WorkflowActions({ entity, record, workflow, onMoved }: WorkflowActionsProps) {
  const role = useSession((s) => s.role) ?? "read_only";
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const targets = roleAtLeast(role, "agent") ? allowedSteps(workflow, record.status, role) : [];

  const move = async (to: string) => {
    setBusy(to);
    setError(null);
    try {
      onMoved(await transitionRecord(entity, record.id, to));
    } catch (e) {
      const refused = e instanceof ApiError && (e.status === 409 || e.status === 403);
      setError(refused ? `Can't move to ${stepLabel(workflow, to)}: ${e.message}` : errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="workflow-bar" aria-label="Workflow">
      <ol className="steps">
        {workflow.steps.map((step) => (
          <li
            key={step.key}
            className={`step step-${step.category ?? "open"}`}
            aria-current={step.key === record.status ? "step" : undefined}
          >
            {step.label}
          </li>
        ))}
      </ol>
      {targets.length > 0 && (
        <div className="row" role="group" aria-label="Move to">
          {targets.map((step) => (
            <button
              key={step.key}
              type="button"
              className="button button-small"
              disabled={busy !== null}
              onClick={() => void move(step.key)}
            >
              {busy === step.key ? "Moving…" : `Move to ${step.label}`}
            </button>
          ))}
        </div>
      )}
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
