// The rows the server rejected, as a table: row, column, problem; downloadable as CSV for fixing.
import { formatCsv } from "@shared/csv";
import { saveFile } from "../../../lib/download";
import type { RowProblem } from "./csv-import";

// Enough to see what is wrong; the download has every problem.
const MAX_SHOWN = 200;

interface ImportReportProps {
  problems: RowProblem[];
  fileName: string;
  labelOf(field: string): string;
}

export function ImportReport({ problems, fileName, labelOf }: ImportReportProps) {
  const sorted = [...problems].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.field ?? "").localeCompare(b.field ?? ""),
  );
  const shown = sorted.slice(0, MAX_SHOWN);
  const column = (p: RowProblem) => (p.field ? labelOf(p.field) : p.row === undefined && p.path ? p.path : "—");

  const download = () => {
    const rows = [
      ["Row", "Column", "Problem"],
      ...sorted.map((p) => [p.row === undefined ? "" : String(p.row), p.field ?? p.path ?? "", p.message]),
    ];
    saveFile(new Blob([formatCsv(rows)], { type: "text/csv" }), `${fileName.replace(/\.csv$/i, "")}-problems.csv`);
  };

  return (
    <div className="import-report">
      <div className="table-wrap import-report-table" tabIndex={0} role="region" aria-label="Problems found">
        <table className="table">
          <caption className="visually-hidden">Rows with problems</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={`${p.path ?? ""}-${i}`}>
                <td className="num">{p.row ?? "—"}</td>
                <td>{column(p)}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        {sorted.length > shown.length && (
          <span className="muted">
            The first {shown.length} of {sorted.length} problems are shown.
          </span>
        )}
        <button type="button" className="link-button" onClick={download}>
          Download the problems (CSV)
        </button>
      </div>
    </div>
  );
}
