// A lane: a drop target with a header (label, count, money total) and its cards.
import { useDroppable } from "@dnd-kit/core";
import type { ReactNode } from "react";
import { formatCurrency } from "../shared/format";
import type { Lane } from "./kanban-lanes";

export function KanbanLane({
  lane,
  hint,
  children,
}: {
  lane: Lane;
  hint?: "allowed" | "blocked";
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: lane.key });
  const headingId = `lane-${lane.key}`;
  const classes = ["kanban-lane", isOver && "kanban-lane-over", hint && `kanban-lane-${hint}`]
    .filter(Boolean)
    .join(" ");
  return (
    <section ref={setNodeRef} className={classes} aria-labelledby={headingId} data-category={lane.category}>
      <header className="kanban-lane-header">
        <h2 id={headingId} className="kanban-lane-title">
          {lane.label}
        </h2>
        <span className="count" aria-label={`${lane.records.length} cards`}>
          {lane.records.length}
        </span>
        {lane.total !== null && <span className="kanban-lane-total">{formatCurrency(lane.total, true)}</span>}
      </header>
      <ul className="kanban-cards" aria-labelledby={headingId}>
        {children}
        {lane.records.length === 0 && <li className="kanban-empty">No cards</li>}
      </ul>
    </section>
  );
}
