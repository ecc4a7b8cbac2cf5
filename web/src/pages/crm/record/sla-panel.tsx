// SLA timers with a live countdown: amber once past the warning point, red when breached.
// The endpoint arrives with a later issue; until then (404) the panel isn't shown.
import { useEffect, useState } from "react";
import type { SlaTimer } from "../../../api/crm-types";
import { getRecordSla } from "../../../api/records";
import { Badge, type BadgeTone } from "../../../components/badge";
import { titleCase } from "../../../config/labels";
import { formatDuration, formatMoment } from "../../../renderers/shared/format";
import { useOptional } from "../use-optional";

function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return active ? now : Date.now();
}

type Tone = "ok" | "warning" | "breached" | "neutral";

export function timerStatus(timer: SlaTimer, now: number): { tone: Tone; text: string } {
  const due = Date.parse(timer.dueAt);
  const warn = timer.warnAt ? Date.parse(timer.warnAt) : NaN;
  switch (timer.state) {
    case "met":
      return { tone: "ok", text: `Met${timer.completedAt ? ` ${formatMoment(timer.completedAt)}` : ""}` };
    case "breached":
      return {
        tone: "breached",
        text: `Breached${Number.isFinite(due) ? ` · was due ${formatMoment(timer.dueAt)}` : ""}`,
      };
    case "cancelled":
      return { tone: "neutral", text: "Cancelled" };
    case "paused":
      return { tone: "neutral", text: "Paused" };
    case "running":
      if (!Number.isFinite(due)) return { tone: "neutral", text: "Running" };
      if (now >= due) return { tone: "breached", text: `Overdue by ${formatDuration(now - due)}` };
      return { tone: now >= warn ? "warning" : "ok", text: `Due in ${formatDuration(due - now)}` };
  }
}

const badge: Record<Tone, BadgeTone> = { ok: "success", warning: "warning", breached: "danger", neutral: "neutral" };

export function SlaPanel({
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
  const sla = useOptional("sla", (signal) => getRecordSla(entity, id, signal), [entity, id, version, refresh]);
  const timers = sla.data ?? [];
  const now = useNow(timers.some((t) => t.state === "running"));
  if (sla.unavailable || (sla.status !== "error" && timers.length === 0)) return null;
  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 className="panel-title" id="sla-title">
        Service levels
      </h2>
      {sla.status === "error" ? (
        <p className="muted">Couldn't load the SLA timers.</p>
      ) : (
        <ul className="plain-list sla-list">
          {timers.map((timer) => {
            const status = timerStatus(timer, now);
            return (
              <li key={`${timer.policy}-${timer.metric}`} className={`sla-timer sla-${status.tone}`}>
                <span className="sla-metric">{titleCase(timer.metric)}</span>
                <Badge tone={badge[status.tone]}>{timer.state}</Badge>
                <span className="sla-countdown" role="timer" aria-live="off">
                  {status.text}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
