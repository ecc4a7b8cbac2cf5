// A vertical list reordered by drag and drop (pointer or keyboard: focus a handle, Space to
// lift, arrows to move, Space to drop, Escape to cancel) and by Move up / Move down buttons.
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";

export type DragHandleProps = ButtonHTMLAttributes<HTMLButtonElement> & { ref: Ref<HTMLButtonElement> };

/** Where a drop moves an item: [from, to], or null when nothing moves. */
export function dragEndMove(
  ids: readonly UniqueIdentifier[],
  activeId: UniqueIdentifier,
  overId: UniqueIdentifier | null | undefined,
): [number, number] | null {
  if (overId === null || overId === undefined || activeId === overId) return null;
  const from = ids.indexOf(activeId);
  const to = ids.indexOf(overId);
  return from < 0 || to < 0 ? null : [from, to];
}

interface SortableListProps {
  ids: string[];
  /** The list's accessible name, e.g. "Fields". */
  label: string;
  /** A person's name for the item at `index`, for announcements. */
  itemLabel: (index: number) => string;
  onMove: (from: number, to: number) => void;
  children: (id: string, index: number, handle: DragHandleProps) => ReactNode;
  className?: string;
}

export function SortableList({ ids, label, itemLabel, onMove, children, className }: SortableListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = (id: UniqueIdentifier) => itemLabel(ids.indexOf(String(id)));
  const position = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}, position ${position(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${name(active.id)} is now at position ${position(over.id)} of ${ids.length}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${name(active.id)} dropped at position ${position(over.id)} of ${ids.length}.`
        : `${name(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const move = dragEndMove(ids, active.id, over?.id);
    if (move) onMove(...move);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To reorder, press Space or Enter, move with the arrow keys, then press Space or Enter to drop, or " +
            "Escape to cancel.",
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className={`sortable-list${className ? ` ${className}` : ""}`} aria-label={label}>
          {ids.map((id, index) => (
            <SortableItem key={id} id={id}>
              {(handle) => children(id, index, handle)}
            </SortableItem>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableItem({ id, children }: { id: string; children: (handle: DragHandleProps) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const handle = { ...attributes, ...listeners, ref: setActivatorNodeRef } as DragHandleProps;
  return (
    <li ref={setNodeRef} style={style} className={`sortable-item${isDragging ? " is-dragging" : ""}`}>
      {children(handle)}
    </li>
  );
}

/** The grip that lifts an item. */
export function DragHandle({ handle, name }: { handle: DragHandleProps; name: string }) {
  const { ref, ...rest } = handle;
  return (
    <button type="button" className="studio-drag-handle" aria-label={`Reorder ${name}`} ref={ref} {...rest}>
      <span aria-hidden="true">⠿</span>
    </button>
  );
}

/** Move up / Move down / Remove buttons of one list item. */
export function ItemButtons({
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  name: string;
  onMove?: (from: number, to: number) => void;
  onRemove?: () => void;
}) {
  return (
    <span className="item-buttons">
      {onMove && (
        <>
          <button
            type="button"
            className="icon-button icon-button-small"
            aria-label={`Move ${name} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button icon-button-small"
            aria-label={`Move ${name} down`}
            title="Move down"
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            ↓
          </button>
        </>
      )}
      {onRemove && (
        <button
          type="button"
          className="icon-button icon-button-small"
          aria-label={`Remove ${name}`}
          title="Remove"
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </span>
  );
}
