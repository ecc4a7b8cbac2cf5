// The record's history, newest first: who changed what, and workflow moves.
import type { FormConfig, FormField } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { HistoryItem } from "../../../api/crm-types";
import { getRecordHistory } from "../../../api/records";
import { ErrorState, Loading } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { PersonName, ReferenceLink } from "../../../renderers/shared/cell-value";
import { plainValue } from "../../../renderers/shared/plain-value";
import { stepLabel } from "../../../renderers/shared/status-badge";
import { useOptional } from "../use-optional";

interface HistoryPanelProps {
  entity: string;
  id: string;
  version: number;
  form?: FormConfig;
  workflow?: WorkflowConfig;
}

export function HistoryPanel({ entity, id, version, form, workflow }: HistoryPanelProps) {
  const history = useOptional(`history:${entity}/${id}`, (signal) => getRecordHistory(entity, id, signal), [
    entity,
    id,
    version,
  ]);
  if (history.unavailable) return null;
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 className="panel-title" id="history-title">
        History
      </h2>
      {history.status === "error" && (
        <ErrorState title="Couldn't load the history" error={history.error} onRetry={history.reload} />
      )}
      {history.status !== "error" && !history.data && <Loading label="Loading history…" />}
      {history.data && history.data.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {history.data && history.data.length > 0 && (
        <ol className="timeline">
          {[...history.data].reverse().map((item, i) => (
            <li key={`${item.at}-${i}`} className="timeline-item">
              <p className="timeline-head">
                <strong>
                  <ActorName actor={item.actor} />
                </strong>{" "}
                {describe(item, workflow)}
              </p>
              <Changes item={item} form={form} workflow={workflow} />
              <time className="muted" dateTime={item.at} title={formatMoment(item.at)}>
                {formatRelative(item.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// Automations act as "automation:<entity>/<key>": named after the automation, never a cut-off id.
const automationName = (id: string) => `Automation ${titleCase(id.split("/").at(-1) ?? id)}`;

export function ActorName({ actor }: { actor: HistoryItem["actor"] }) {
  if (!actor) return <>The system</>;
  if (actor.name) return <>{actor.name}</>;
  if (actor.id?.startsWith("automation:")) return <>{automationName(actor.id)}</>;
  return actor.id ? <PersonName id={actor.id} /> : <>Someone</>;
}

function describe(item: HistoryItem, workflow: WorkflowConfig | undefined): string {
  switch (item.action) {
    case "record.created":
      return "created it";
    case "record.deleted":
      return "deleted it";
    case "record.transitioned":
      return (
        `moved it from ${item.from ? stepLabel(workflow, item.from) : "—"} to ` +
        `${item.to ? stepLabel(workflow, item.to) : "—"}`
      );
    case "record.updated":
      return "changed";
    default:
      return titleCase(item.action.replace(/^record\./, "").replace(/\./g, " ")).toLowerCase();
  }
}

function Changes({ item, form, workflow }: { item: HistoryItem; form?: FormConfig; workflow?: WorkflowConfig }) {
  const changes = Object.entries(item.changes ?? {});
  if (changes.length === 0 || item.action === "record.transitioned") return null;
  const created = item.action === "record.created";
  return (
    <ul className="timeline-changes">
      {changes.map(([field, change]) => {
        const def = form?.fields.find((f) => f.name === field);
        const label = def?.label ?? titleCase(field);
        const show = (value: unknown) => <HistoryValue def={def} value={value} workflow={workflow} field={field} />;
        return (
          <li key={field}>
            {label}:{" "}
            {created ? (
              show(change?.to)
            ) : (
              <>
                <span className="muted">{show(change?.from)}</span> → {show(change?.to)}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function HistoryValue({
  def,
  value,
  workflow,
  field,
}: {
  def?: FormField;
  value: unknown;
  workflow?: WorkflowConfig;
  field: string;
}) {
  if (typeof value === "string" && value && def?.type === "reference" && def.entity)
    return <ReferenceLink entity={def.entity} id={value} />;
  if (typeof value === "string" && value && (def?.type === "user" || field === "ownerId"))
    return <PersonName id={value} />;
  return <>{plainValue(def, value, workflow, field)}</>;
}
