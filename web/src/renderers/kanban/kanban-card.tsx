// A card: the view's columns for one record, with a drag handle (a real button, keyboard-ready).
import { useDraggable } from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { Link } from "react-router";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { CrmRecord } from "../../api/types";
import { CellValue } from "../shared/cell-value";
import type { ColumnSpec } from "../shared/columns";

interface CardProps {
  entity: string;
  record: CrmRecord;
  columns: ColumnSpec[];
  title: string;
  workflow?: WorkflowConfig;
  canMove: boolean;
}

export function CardBody({ entity, record, columns, title, workflow }: Omit<CardProps, "canMove">) {
  const [first, ...rest] = columns;
  return (
    <>
      <p className="kanban-card-title">
        <Link to={`/crm/${entity}/${encodeURIComponent(record.id)}`}>
          {first ? <CellValue column={first} record={record} workflow={workflow} /> : title}
        </Link>
      </p>
      {rest.length > 0 && (
        <dl className="kanban-card-fields">
          {rest.map((column) => (
            <div key={column.field} className="kanban-card-field">
              <dt>{column.label}</dt>
              <dd>
                <CellValue column={column} record={record} workflow={workflow} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

export function KanbanCard(props: CardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: props.record.id,
    disabled: !props.canMove,
  });
  return (
    <li
      ref={setNodeRef}
      className={`kanban-card${isDragging ? " kanban-card-dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform) }}
    >
      {props.canMove && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="drag-handle"
          {...attributes}
          {...listeners}
          aria-label={`Move ${props.title}`}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <CardBody {...props} />
    </li>
  );
}
