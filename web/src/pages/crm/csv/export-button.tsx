// "Export CSV": the records of the current view, narrowed by its search, filters and sort.
import { useState } from "react";
import { errorMessage } from "../../../api/client";
import { exportRecordsCsv, type ExportQuery } from "../../../api/csv";
import { saveFile } from "../../../lib/download";

interface ExportButtonProps {
  entity: string;
  query: ExportQuery;
  onError(message: string | null): void;
}

export function ExportCsvButton({ entity, query, onError }: ExportButtonProps) {
  const [busy, setBusy] = useState(false);
  const narrowed = Boolean(query.q || query.where);

  const download = async () => {
    setBusy(true);
    onError(null);
    try {
      const { blob, filename } = await exportRecordsCsv(entity, query);
      saveFile(blob, filename);
    } catch (error) {
      onError(`Couldn't export: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className="button"
      onClick={() => void download()}
      disabled={busy}
      aria-busy={busy}
      title={narrowed ? "The records that match the search and filters" : "Every record of this view"}
    >
      {busy ? "Exporting…" : "Export CSV"}
    </button>
  );
}
