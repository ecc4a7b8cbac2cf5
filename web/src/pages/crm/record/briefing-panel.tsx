// The record's smart briefing: summary, risks, next steps and talking points, with who wrote it
// (Workers AI or the built-in analyst) and when. Refreshes with the record's version.
import { getBriefing, type Briefing } from "../../../api/briefing";
import { Badge, type BadgeTone } from "../../../components/badge";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { useOptional } from "../use-optional";

const sentimentTone: Record<Briefing["sentiment"], BadgeTone> = {
  positive: "success",
  neutral: "neutral",
  negative: "danger",
};
const sourceLabel: Record<Briefing["source"], string> = { "workers-ai": "Workers AI", "built-in": "Built-in analyst" };

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="briefing-heading">{title}</h3>
      <ul className="briefing-list">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </>
  );
}

export function BriefingPanel({
  entity,
  id,
  version,
  refresh,
}: {
  entity: string;
  id: string;
  version: number;
  refresh: number;
}) {
  const briefing = useOptional("briefing", (signal) => getBriefing(entity, id, signal), [entity, id, version, refresh]);
  if (briefing.unavailable) return null;
  const b = briefing.data;
  return (
    <section
      className="panel briefing"
      aria-labelledby="briefing-title"
      aria-busy={briefing.status === "loading" || undefined}
    >
      <div className="briefing-top">
        <h2 className="panel-title" id="briefing-title">
          Briefing
        </h2>
        {b && <Badge tone={sentimentTone[b.sentiment]}>{b.sentiment}</Badge>}
      </div>
      {briefing.status === "error" ? (
        <p className="muted">
          Couldn't write the briefing.{" "}
          <button type="button" className="button button-small" onClick={briefing.reload}>
            Try again
          </button>
        </p>
      ) : !b ? (
        <p className="muted">Reading the record…</p>
      ) : (
        <>
          <p className="briefing-summary">{b.summary}</p>
          <List title="Risks" items={b.risks} />
          <List title="Next steps" items={b.nextSteps} />
          <List title="Talking points" items={b.talkingPoints} />
          <p className="briefing-meta muted">
            {sourceLabel[b.source]} ·{" "}
            <time dateTime={b.generatedAt} title={formatMoment(b.generatedAt)}>
              {formatRelative(b.generatedAt)}
            </time>
          </p>
        </>
      )}
    </section>
  );
}
