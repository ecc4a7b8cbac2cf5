// A widget that shows a view's first rows as a small table.
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { listRecords } from "../../api/records";
import { ErrorState, Loading } from "../../components/status";
import { useForm, useView, useWorkflow } from "../../state/config-hooks";
import { keys, useApiQuery } from "../../state/server-state";
import { useSession } from "../../state/session";
import { CellValue } from "../shared/cell-value";
import { viewColumns } from "../shared/columns";

const ROWS = 5;

export function ViewWidget({ entity, viewKey, refresh }: { entity: string; viewKey: string; refresh: number }) {
  const view = useView(entity, viewKey);
  const form = useForm(entity);
  const workflow = useWorkflow(entity);
  const role = useSession((s) => s.role) ?? "read_only";
  const rows = useApiQuery([...keys.records(entity), { widget: viewKey }], (signal) =>
    listRecords(entity, { view: viewKey, limit: ROWS }, signal),
  );
  // A new `refresh` (records changed) asks again with the rows still shown.
  const asked = useRef(refresh);
  const { reload } = rows;
  useEffect(() => {
    if (asked.current === refresh) return;
    asked.current = refresh;
    reload();
  }, [refresh, reload]);
  if (!view)
    return (
      <p className="muted">
        The view “{viewKey}” of {entity} isn't published.
      </p>
    );
  if (rows.status === "error")
    return <ErrorState title="Couldn't load rows" error={rows.error} onRetry={rows.reload} />;
  if (!rows.data) return <Loading label="Loading rows…" />;
  const columns = viewColumns(view, form, role).slice(0, 4);
  const items = rows.data.items ?? [];
  return (
    <>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="visually-hidden">{view.title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.field} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="table-empty">
                  Nothing here
                </td>
              </tr>
            )}
            {items.map((record) => (
              <tr key={record.id}>
                {columns.map((c, i) => (
                  <td key={c.field}>
                    {i === 0 ? (
                      <Link to={`/crm/${entity}/${encodeURIComponent(record.id)}`}>
                        <CellValue column={c} record={record} workflow={workflow} />
                      </Link>
                    ) : (
                      <CellValue column={c} record={record} workflow={workflow} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Link className="widget-link" to={`/crm/${entity}/views/${viewKey}`}>
        Open {view.title}
      </Link>
    </>
  );
}
