// "Import CSV": pick a file, every row is checked first (nothing is written unless all are
// valid), then the file goes in part by part with a progress bar. Lists update live on their own.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../../../api/client";
import { Dialog } from "../../../components/dialog";
import { Alert, ErrorState, Loading } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { formatNumber } from "../../../renderers/shared/format";
import { useForm } from "../../../state/config-hooks";
import type { PreparedCsv } from "./csv-import";
import { BackgroundOption, BackgroundStatus, useBackgroundImport, type BackgroundImport } from "./background-import";
import { ImportReport } from "./import-report";
import { type ImportPhase, useCsvImport } from "./use-csv-import";

const count = (n: number) => formatNumber(n);
const rows = (n: number) => `${count(n)} ${n === 1 ? "row" : "rows"}`;

export function ImportCsvButton({ entity, plural }: { entity: string; plural: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Import CSV
      </button>
      {open && <ImportDialog entity={entity} plural={plural} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ImportDialog({ entity, plural, onClose }: { entity: string; plural: string; onClose(): void }) {
  const csv = useCsvImport(entity);
  const bg = useBackgroundImport(entity);
  const { phase } = csv;
  const form = useForm(entity);
  const labelOf = (field: string) => form?.fields.find((f) => f.name === field)?.label ?? titleCase(field);
  const panel = useRef<HTMLDivElement>(null);

  // A step's buttons replace the last one's: keep focus inside the dialog.
  useEffect(() => {
    const el = panel.current;
    if (el && !el.contains(document.activeElement)) (el.querySelector<HTMLElement>("[data-autofocus]") ?? el).focus();
  }, [phase.step, bg.state.step]);

  const busy = phase.step === "importing";
  return (
    <Dialog title={`Import ${plural.toLowerCase()} from CSV`} onClose={onClose} closable={!busy} wide>
      <div ref={panel} tabIndex={-1} className="import-panel">
        <PhaseView phase={phase} csv={csv} bg={bg} labelOf={labelOf} onClose={onClose} />
      </div>
    </Dialog>
  );
}

interface PhaseProps {
  phase: ImportPhase;
  csv: ReturnType<typeof useCsvImport>;
  bg: BackgroundImport;
  labelOf(field: string): string;
  onClose(): void;
}

function PhaseView({ phase, csv, bg, labelOf, onClose }: PhaseProps) {
  const another = (
    <button type="button" className="button" onClick={csv.reset}>
      Choose another file
    </button>
  );
  const close = (label = "Close") => (
    <button type="button" className="button" onClick={onClose}>
      {label}
    </button>
  );
  switch (phase.step) {
    case "pick":
      if (bg.state.step !== "idle") return <BackgroundStatus bg={bg} onClose={onClose} />;
      return (
        <FilePicker
          error={phase.error}
          onPick={(f) => (bg.enabled ? bg.upload(f) : csv.choose(f))}
          actions={close("Cancel")}
          option={<BackgroundOption bg={bg} />}
        />
      );
    case "reading":
      return <Loading label="Reading the file…" />;
    case "checking":
      return (
        <>
          <FileFacts file={phase.file} />
          <Progress
            label="Checking rows"
            done={phase.checked}
            total={phase.file.total}
            text={`Checked ${count(phase.checked)} of ${rows(phase.file.total)}…`}
          />
          <Actions>
            <button type="button" className="button" onClick={csv.reset}>
              Cancel check
            </button>
          </Actions>
        </>
      );
    case "invalid":
      return (
        <>
          <FileFacts file={phase.file} />
          <Alert>{phase.message}</Alert>
          <p className="muted">
            Fix these rows in the file and choose it again. Checked {count(phase.checked)} of {rows(phase.file.total)}.
          </p>
          <ImportReport problems={phase.problems} fileName={phase.file.name} labelOf={labelOf} />
          <Actions>
            {another}
            {close()}
          </Actions>
        </>
      );
    case "check-failed":
      return (
        <>
          <FileFacts file={phase.file} />
          <ErrorState title="Couldn't check the file" error={phase.error} />
          <Actions>
            <button type="button" className="button button-primary" data-autofocus onClick={csv.recheck}>
              Try again
            </button>
            {another}
            {close()}
          </Actions>
        </>
      );
    case "valid":
      return (
        <>
          <FileFacts file={phase.file} />
          <Alert tone="success">All {rows(phase.file.total)} are valid. Nothing has been imported yet.</Alert>
          {phase.ignoredColumns.length > 0 && (
            <p className="muted">
              These columns are set by the server and will be ignored: {phase.ignoredColumns.join(", ")}.
            </p>
          )}
          <Actions>
            <button type="button" className="button button-primary" data-autofocus onClick={csv.start}>
              Import {rows(phase.file.total)}
            </button>
            {another}
            {close("Cancel")}
          </Actions>
        </>
      );
    case "importing":
      return (
        <>
          <FileFacts file={phase.file} />
          <Progress
            label="Importing rows"
            done={phase.imported}
            total={phase.file.total}
            text={`Imported ${count(phase.imported)} of ${rows(phase.file.total)}…`}
          />
          <Actions>
            <button type="button" className="button" data-autofocus onClick={csv.stop} disabled={phase.stopping}>
              {phase.stopping ? "Stopping after this part…" : "Stop after this part"}
            </button>
          </Actions>
        </>
      );
    case "done":
      return (
        <>
          <FileFacts file={phase.file} />
          <Alert tone="success">
            Imported {rows(phase.imported)} from {phase.file.name}.
          </Alert>
          <Actions>
            <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
              Done
            </button>
            <button type="button" className="button" onClick={csv.reset}>
              Import another file
            </button>
          </Actions>
        </>
      );
    case "interrupted":
      return <Interrupted phase={phase} csv={csv} labelOf={labelOf} close={close()} />;
  }
}

function FilePicker({
  error,
  onPick,
  actions,
  option,
}: {
  error?: string;
  onPick(file: File): void;
  actions: ReactNode;
  option?: ReactNode;
}) {
  const id = useId();
  return (
    <>
      <p>
        The first row names the fields; an export of this list is a good template. Every row is checked before anything
        is imported, and nothing is imported unless every row is valid.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={id}>
          CSV file
        </label>
        <input
          id={id}
          type="file"
          className="input"
          accept=".csv,text/csv"
          data-autofocus
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onPick(file);
          }}
        />
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
      {option}
      <Actions>{actions}</Actions>
    </>
  );
}

function Interrupted({
  phase,
  csv,
  labelOf,
  close,
}: {
  phase: Extract<ImportPhase, { step: "interrupted" }>;
  csv: PhaseProps["csv"];
  labelOf(f: string): string;
  close: ReactNode;
}) {
  const { file, imported, nextPart, error, problems } = phase;
  const failed = file.parts[nextPart]!;
  const lastIn = nextPart > 0 ? file.parts[nextPart - 1]!.lastRow : null;
  const lastRow = file.parts.at(-1)!.lastRow;
  const firstRow = count(failed.firstRow);
  const remaining = file.total - imported;
  const before =
    lastIn === null ? "No rows were imported." : `${rows(imported)} (file rows 2–${count(lastIn)}) were imported.`;
  return (
    <>
      <FileFacts file={file} />
      {error === undefined ? (
        <Alert tone="success">
          Stopped. {before} Rows {firstRow}–{count(lastRow)} were not imported.
        </Alert>
      ) : (
        <Alert>
          {before} The part starting at row {firstRow} failed: {errorMessage(error)} Nothing from rows {firstRow}–
          {count(lastRow)} was imported.
        </Alert>
      )}
      {problems && problems.length > 0 && <ImportReport problems={problems} fileName={file.name} labelOf={labelOf} />}
      <Actions>
        <button type="button" className="button button-primary" data-autofocus onClick={csv.resume}>
          Import the remaining {rows(remaining)}
        </button>
        {close}
      </Actions>
    </>
  );
}

function FileFacts({ file }: { file: PreparedCsv }) {
  return (
    <p className="import-file">
      <strong>{file.name}</strong>{" "}
      <span className="muted">
        · {rows(file.total)} · {file.header.length} columns
      </span>
    </p>
  );
}

function Progress({ label, done, total, text }: { label: string; done: number; total: number; text: string }) {
  return (
    <div className="import-progress">
      <progress className="progress" max={total} value={done} aria-label={label} />
      <p role="status" aria-live="polite" className="muted">
        {text}
      </p>
    </div>
  );
}

function Actions({ children }: { children: ReactNode }) {
  return <div className="dialog-actions">{children}</div>;
}
