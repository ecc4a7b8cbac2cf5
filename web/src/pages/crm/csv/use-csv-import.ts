// The import dialog's steps: pick a file → check every part (dry run) → the row report, or
// "all valid" → import part by part → a summary, or where it stopped and how many rows are in.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../../api/client";
import {
  checkCsv,
  CsvFileError,
  importCsv,
  type PreparedCsv,
  prepareCsv,
  problemsOf,
  readCsvFile,
  type RowProblem,
} from "./csv-import";

export type ImportPhase =
  | { step: "pick"; error?: string }
  | { step: "reading" }
  | { step: "checking"; file: PreparedCsv; checked: number }
  | { step: "invalid"; file: PreparedCsv; checked: number; problems: RowProblem[]; message: string }
  | { step: "check-failed"; file: PreparedCsv; error: unknown }
  | { step: "valid"; file: PreparedCsv; ignoredColumns: string[] }
  | { step: "importing"; file: PreparedCsv; imported: number; stopping: boolean }
  | { step: "done"; file: PreparedCsv; imported: number }
  /** Stopped, or a part failed (`error`): `imported` rows are in, the parts from `nextPart` are not. */
  | {
      step: "interrupted";
      file: PreparedCsv;
      imported: number;
      nextPart: number;
      error?: unknown;
      problems?: RowProblem[];
    };

export interface CsvImport {
  phase: ImportPhase;
  choose(file: File): void;
  start(): void;
  /** Import the parts not imported yet. */
  resume(): void;
  /** Finish the part being sent, then stop. */
  stop(): void;
  /** Check the same file again (after a failed check). */
  recheck(): void;
  /** Stop checking, back to picking a file. */
  reset(): void;
}

export function useCsvImport(entity: string): CsvImport {
  const [phase, setPhase] = useState<ImportPhase>({ step: "pick" });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const checkAbort = useRef<AbortController | null>(null);
  const stopRequested = useRef(false);

  useEffect(() => () => checkAbort.current?.abort(), []);

  const check = useCallback(
    async (file: PreparedCsv) => {
      const controller = new AbortController();
      checkAbort.current = controller;
      setPhase({ step: "checking", file, checked: 0 });
      try {
        const outcome = await checkCsv(
          entity,
          file,
          (checked) => !controller.signal.aborted && setPhase({ step: "checking", file, checked }),
          controller.signal,
        );
        if (controller.signal.aborted) return;
        setPhase(
          outcome.valid
            ? { step: "valid", file, ignoredColumns: outcome.ignoredColumns }
            : { step: "invalid", file, checked: outcome.checked, problems: outcome.problems, message: outcome.message },
        );
      } catch (error) {
        if (!controller.signal.aborted) setPhase({ step: "check-failed", file, error });
      }
    },
    [entity],
  );

  const choose = useCallback(
    (picked: File) => {
      checkAbort.current?.abort();
      setPhase({ step: "reading" });
      readCsvFile(picked)
        .then((text) => prepareCsv(picked.name, text))
        .then(check, (error: unknown) =>
          setPhase({
            step: "pick",
            error: error instanceof CsvFileError ? error.message : "The file could not be read.",
          }),
        );
    },
    [check],
  );

  const run = useCallback(
    async (file: PreparedCsv, fromPart: number, imported: number) => {
      stopRequested.current = false;
      setPhase({ step: "importing", file, imported, stopping: false });
      const outcome = await importCsv(entity, file, {
        fromPart,
        imported,
        onProgress: (n) => setPhase((p) => (p.step === "importing" ? { ...p, imported: n } : p)),
        shouldStop: () => stopRequested.current,
      });
      if (outcome.done) return setPhase({ step: "done", file, imported: outcome.imported });
      const { error } = outcome;
      const problems = error instanceof ApiError && error.status === 422 ? problemsOf(error) : undefined;
      setPhase({ step: "interrupted", file, imported: outcome.imported, nextPart: outcome.nextPart, error, problems });
    },
    [entity],
  );

  const start = useCallback(() => {
    const p = phaseRef.current;
    if (p.step === "valid") void run(p.file, 0, 0);
  }, [run]);

  const resume = useCallback(() => {
    const p = phaseRef.current;
    if (p.step === "interrupted") void run(p.file, p.nextPart, p.imported);
  }, [run]);

  const stop = useCallback(() => {
    stopRequested.current = true;
    setPhase((p) => (p.step === "importing" ? { ...p, stopping: true } : p));
  }, []);

  const recheck = useCallback(() => {
    const p = phaseRef.current;
    if (p.step === "check-failed") void check(p.file);
  }, [check]);

  const reset = useCallback(() => {
    checkAbort.current?.abort();
    setPhase({ step: "pick" });
  }, []);

  return { phase, choose, start, resume, stop, recheck, reset };
}
