// The renderer for a view's type. Keyed by VIEW_TYPES: a new type doesn't compile until it has one.
import type { ComponentType } from "react";
import type { ViewConfig, ViewType } from "@shared/config/view";
import { KanbanRenderer } from "./kanban/kanban-renderer";
import { TableViewRenderer } from "./table/table-view-renderer";

export interface ViewRendererProps {
  entity: string;
  viewKey?: string;
  view: ViewConfig;
  caption: string;
}

const renderers: Record<ViewType, ComponentType<ViewRendererProps>> = {
  table: TableViewRenderer,
  list: TableViewRenderer,
  kanban: KanbanRenderer,
};

export function ViewRenderer(props: ViewRendererProps) {
  const Renderer = renderers[props.view.type] ?? TableViewRenderer;
  // A different view starts afresh: its own sort, search and filters.
  return <Renderer key={`${props.entity}/${props.viewKey ?? ""}`} {...props} />;
}
