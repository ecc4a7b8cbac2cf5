// "Import in the background": the file goes to the server as an import job (valid rows are
// written, rejected ones reported) and the tenant's object runs it, so the tab may be closed.
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../api/client";
import { startImportJob, type Job } from "../../../api/jobs";
import { Alert, Loading } from "../../../components/status";
import { formatNumber } from "../../../renderers/shared/format";

type State =
  | { step: "idle" }
  | { step: "uploading"; name: string }
  | { step: "started"; job: Job }
  | { step: "failed"; error: string };

export function useBackgroundImport(entity: string) {
  const [enabled, setEnabled] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [state, setState] = useState<State>({ step: "idle" });
  const upload = async (file: File) => {
    setState({ step: "uploading", name: file.name });
    try {
      setState({ step: "started", job: await startImportJob(entity, file, dryRun) });
    } catch (e) {
      setState({ step: "failed", error: errorMessage(e) });
    }
  };
  return { enabled, setEnabled, dryRun, setDryRun, state, upload, reset: () => setState({ step: "idle" }) };
}

export type BackgroundImport = ReturnType<typeof useBackgroundImport>;

export function BackgroundOption({ bg }: { bg: BackgroundImport }) {
  return (
    <fieldset className="background-option">
      <legend className="visually-hidden">How to import</legend>
      <label className="checkbox-row">
        <input
          type="checkbox"
          className="checkbox"
          checked={bg.enabled}
          onChange={(e) => bg.setEnabled(e.target.checked)}
        />
        Import in the background — for large files: valid rows are imported, rejected ones listed in a report, and you
        may close this tab
      </label>
      {bg.enabled && (
        <label className="checkbox-row">
          <input
            type="checkbox"
            className="checkbox"
            checked={bg.dryRun}
            onChange={(e) => bg.setDryRun(e.target.checked)}
          />
          Only check the rows (write nothing)
        </label>
      )}
    </fieldset>
  );
}

export function BackgroundStatus({ bg, onClose }: { bg: BackgroundImport; onClose(): void }) {
  const { state } = bg;
  if (state.step === "uploading") return <Loading label={`Uploading ${state.name}…`} />;
  if (state.step === "failed") {
    return (
      <>
        <Alert>The file was not accepted: {state.error}</Alert>
        <div className="dialog-actions">
          <button type="button" className="button" data-autofocus onClick={bg.reset}>
            Choose another file
          </button>
        </div>
      </>
    );
  }
  if (state.step !== "started") return null;
  return (
    <>
      <Alert tone="success">
        {state.job.dryRun ? "Checking" : "Importing"} {formatNumber(state.job.total)} rows in the background. Follow it
        on the <Link to="/crm/jobs">Jobs</Link> page.
      </Alert>
      <div className="dialog-actions">
        <Link className="button button-primary" to="/crm/jobs" data-autofocus onClick={onClose}>
          Open Jobs
        </Link>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
