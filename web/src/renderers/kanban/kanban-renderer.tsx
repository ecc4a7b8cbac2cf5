// A `view` of type kanban: lanes from the workflow (groupBy status) or the groupBy field's
// options, cards from the view's columns, drag and drop (pointer and keyboard) to move a card.
// The server decides every move; a refused one goes back with the reason.
import { useCallback, useMemo, useState } from "react";
import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { ViewConfig } from "@shared/config/view";
import { roleAtLeast } from "@shared/roles";
import type { CrmRecord } from "../../api/types";
import { Alert, ErrorState, Loading } from "../../components/status";
import { useForm, useWorkflow } from "../../state/config-hooks";
import { useSession } from "../../state/session";
import { recordTitle, viewColumns } from "../shared/columns";
import { ConflictDialog } from "../shared/conflict-dialog";
import { RecordsError } from "../shared/records-error";
import { useRecordList } from "../shared/use-record-list";
import { allowedSteps } from "../shared/workflow";
import { CardBody, KanbanCard } from "./kanban-card";
import { KanbanLane } from "./kanban-lane";
import { buildLanes, laneDefs, laneOf } from "./kanban-lanes";
import { laneCoordinates } from "./lane-keyboard";
import { useKanbanMove } from "./use-kanban-move";

// Pointer first (what's under the cursor); the keyboard has no pointer, so it uses overlap.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

const instructions = {
  draggable:
    "To move a card, press space or enter on its handle, use the left and right arrow keys to choose a lane, then " +
    "press space or enter to drop it. Press escape to cancel.",
};

export function KanbanRenderer({ entity, viewKey, view }: { entity: string; viewKey?: string; view: ViewConfig }) {
  const form = useForm(entity);
  const workflow = useWorkflow(entity);
  const role = useSession((s) => s.role) ?? "read_only";
  const groupBy = view.groupBy ?? "status";
  const list = useRecordList(entity, { view: viewKey, limit: view.pageSize ?? 200 });
  const columns = useMemo(() => viewColumns(view, form, role), [view, form, role]);
  const money = columns.find((c) => c.kind === "currency");
  const defs = useMemo(() => laneDefs(groupBy, form, workflow), [groupBy, form, workflow]);
  const lanes = useMemo(() => buildLanes(defs, list.items, groupBy, money), [defs, list.items, groupBy, money]);
  const [active, setActive] = useState<CrmRecord | null>(null);

  const laneLabel = useCallback((key: string) => lanes.find((l) => l.key === key)?.label ?? key, [lanes]);
  const title = useCallback((record: CrmRecord) => recordTitle(record, form), [form]);
  const { move, message, dismiss, conflict, keepTheirs, reapply, cancelConflict } = useKanbanMove({
    entity,
    groupBy,
    list,
    laneLabel,
    title,
  });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: laneCoordinates }),
  );
  const canMove = roleAtLeast(role, "agent");

  const byId = (id: string | number) => list.items.find((r) => r.id === String(id));
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${cardName(a.id)}.`,
    onDragOver: ({ active: a, over }) =>
      over ? `${cardName(a.id)} is over ${laneLabel(String(over.id))}.` : `${cardName(a.id)} is not over a lane.`,
    onDragEnd: ({ active: a, over }) =>
      over ? `${cardName(a.id)} dropped in ${laneLabel(String(over.id))}.` : `${cardName(a.id)} was not moved.`,
    onDragCancel: ({ active: a }) => `Moving ${cardName(a.id)} was cancelled.`,
  };
  function cardName(id: string | number) {
    const record = byId(id);
    return record ? `“${title(record)}”` : "the card";
  }

  const onDragStart = ({ active: a }: DragStartEvent) => setActive(byId(a.id) ?? null);
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    if (over) void move(String(a.id), String(over.id));
  };

  if (list.status === "error") return <RecordsError error={list.error} onRetry={list.reload} />;
  if (list.status === "loading" && list.items.length === 0) return <Loading label="Loading cards…" />;
  if (lanes.length === 0)
    return (
      <ErrorState
        title="This board has no lanes"
        error={new Error(`Nothing to group “${groupBy}” by: publish a workflow or options for it.`)}
      />
    );

  // While a status card is dragged, hint which lanes the workflow allows (the server still decides).
  const reachable =
    active && groupBy === "status" ? new Set(allowedSteps(workflow, active.status, role).map((s) => s.key)) : null;
  const hint = (key: string) =>
    !reachable || key === laneOf(active!, groupBy) ? undefined : reachable.has(key) ? "allowed" : "blocked";

  return (
    <div className="kanban-view">
      {message && (
        <div className="notice notice-danger" role="alert">
          <p>{message}</p>
          <button type="button" className="button button-small" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {conflict && (
        <ConflictDialog
          what={`“${title(conflict.record)}”`}
          versions={{
            theirs: conflict.theirs ? laneLabel(laneOf(conflict.theirs, groupBy)) : "…",
            mine: laneLabel(conflict.to),
          }}
          onCancel={cancelConflict}
          onReload={() => void keepTheirs()}
          onOverwrite={() => void reapply()}
        />
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
        accessibility={{ announcements, screenReaderInstructions: instructions }}
      >
        <div className="kanban" aria-busy={list.status === "loading"}>
          {lanes.map((lane) => (
            <KanbanLane key={lane.key} lane={lane} hint={hint(lane.key)}>
              {lane.records.map((record) => (
                <KanbanCard
                  key={record.id}
                  entity={entity}
                  record={record}
                  columns={columns}
                  title={title(record)}
                  workflow={workflow}
                  canMove={canMove}
                />
              ))}
            </KanbanLane>
          ))}
        </div>
        <DragOverlay>
          {active && (
            <div className="kanban-card kanban-card-overlay">
              <CardBody entity={entity} record={active} columns={columns} title={title(active)} workflow={workflow} />
            </div>
          )}
        </DragOverlay>
      </DndContext>
      {list.moreError !== null && <Alert>Couldn't load more cards.</Alert>}
      {list.nextCursor && (
        <div className="table-footer">
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Load more cards"}
          </button>
        </div>
      )}
    </div>
  );
}
