// One timeline for the record: history, activities, messages, e-mail, SLA events and approvals,
// newest first, filtered by kind, paged with the server's cursor ("Load more").
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { memo, type ReactNode, useState } from "react";
import type { FormConfig } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import { errorMessage } from "../../../api/client";
import type { TimelineEntry, TimelineKind } from "../../../api/records-360";
import { Alert, ErrorState } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { isMissing } from "../use-optional";
import { HistoryValue } from "./history-panel";
import { timelineQuery } from "./queries";
import { useRefetchOnChange } from "./use-refetch-on-change";

const FILTERS: Array<{ label: string; kinds: TimelineKind[] }> = [
  { label: "All", kinds: [] },
  { label: "Changes", kinds: ["history"] },
  { label: "Activities", kinds: ["activity"] },
  { label: "Messages", kinds: ["message", "email"] },
  { label: "SLA", kinds: ["sla"] },
  { label: "Approvals", kinds: ["approval"] },
];

const KIND_ICON: Record<TimelineKind, string> = {
  history: "✎",
  activity: "✓",
  message: "✉",
  email: "↗",
  sla: "⏱",
  approval: "⚖",
};
interface TimelinePanelProps {
  entity: string;
  id: string;
  /** Ask again when this changes (the record saved, work added); null while the record loads. */
  refresh: string | null;
  form?: FormConfig;
  workflow?: WorkflowConfig;
  /** Shown instead when the server has no timeline. */
  fallback?: ReactNode;
}

export function TimelinePanel({ entity, id, refresh, form, workflow, fallback }: TimelinePanelProps) {
  const [filter, setFilter] = useState(0);
  const kinds = FILTERS[filter]!.kinds;
  // Another filter keeps the entries shown until its own arrive.
  const timeline = useInfiniteQuery({ ...timelineQuery(entity, id, kinds), placeholderData: keepPreviousData });
  useRefetchOnChange(refresh, timeline.refetch);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  if (isMissing(timeline.error)) return <>{fallback}</>;
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <header className="timeline-panel-header">
        <h2 className="panel-title" id="timeline-title">
          Timeline
        </h2>
        <div className="segmented" role="group" aria-label="Show">
          {FILTERS.map((f, i) => (
            <button
              key={f.label}
              type="button"
              className="segmented-option"
              aria-pressed={filter === i}
              onClick={() => setFilter(i)}
            >
              {f.label}
            </button>
          ))}
        </div>
      </header>
      {timeline.isError && !timeline.data && (
        <ErrorState title="Couldn't load the timeline" error={timeline.error} onRetry={() => void timeline.refetch()} />
      )}
      {timeline.isPending && (
        <p className="muted" role="status">
          Loading the timeline…
        </p>
      )}
      {timeline.isSuccess && !timeline.isPlaceholderData && items.length === 0 && (
        <p className="muted">Nothing here yet.</p>
      )}
      {items.length > 0 && (
        <ol className="feed" aria-label="Timeline entries">
          {items.map((entry) => (
            <FeedItem key={`${entry.kind}:${entry.id}`} entry={entry} form={form} workflow={workflow} />
          ))}
        </ol>
      )}
      {timeline.isFetchNextPageError && <Alert>{errorMessage(timeline.error)}</Alert>}
      {timeline.hasNextPage && !timeline.isPlaceholderData && (
        <div className="table-footer">
          <button
            type="button"
            className="button button-small"
            disabled={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
          >
            {timeline.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}

// An entry renders once: a refresh or another page brings new entries, not new renders of the shown ones.
const FeedItem = memo(function FeedItem({
  entry,
  form,
  workflow,
}: {
  entry: TimelineEntry;
  form?: FormConfig;
  workflow?: WorkflowConfig;
}) {
  const actor = entry.actor?.name;
  return (
    <li className={`feed-item feed-${entry.kind}`}>
      <span className="feed-icon" aria-hidden="true">
        {KIND_ICON[entry.kind]}
      </span>
      <div className="feed-body">
        <p className="feed-head">
          <span className="feed-summary">{entry.summary}</span>
          {actor && (
            <span className="feed-actor muted" title={actor}>
              {" "}
              · {actor}
            </span>
          )}
        </p>
        <Detail entry={entry} form={form} workflow={workflow} />
        <time className="muted feed-time" dateTime={entry.at} title={formatMoment(entry.at)}>
          {formatRelative(entry.at)}
        </time>
      </div>
    </li>
  );
});

function Detail({ entry, form, workflow }: { entry: TimelineEntry; form?: FormConfig; workflow?: WorkflowConfig }) {
  const data = entry.data ?? {};
  const changes = (data.changes ?? data.change) as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes && Object.keys(changes).length > 0) {
    return (
      <ul className="timeline-changes">
        {Object.entries(changes).map(([field, c]) => {
          const def = form?.fields.find((f) => f.name === field);
          // People and referenced records by name, never their ids.
          const show = (v: unknown) => <HistoryValue def={def} value={v} workflow={workflow} field={field} />;
          return (
            <li key={field}>
              {def?.label ?? titleCase(field)}:{" "}
              {c.from === null || c.from === undefined ? (
                show(c.to)
              ) : (
                <>
                  <span className="muted">{show(c.from)}</span> → {show(c.to)}
                </>
              )}
            </li>
          );
        })}
      </ul>
    );
  }
  if ((entry.kind === "message" || entry.kind === "email") && typeof data.body === "string") {
    return <p className="feed-text">{data.body.length > 280 ? `${data.body.slice(0, 280)}…` : data.body}</p>;
  }
  if (entry.kind === "activity") {
    const bits = [
      data.status === "done" ? "Done" : data.status === "cancelled" ? "Cancelled" : "Open",
      typeof data.dueAt === "string" ? `due ${formatRelative(data.dueAt)}` : null,
    ];
    return <p className="feed-text muted">{bits.filter(Boolean).join(" · ")}</p>;
  }
  if (typeof data.comment === "string") return <p className="feed-text">“{data.comment}”</p>;
  return null;
}
