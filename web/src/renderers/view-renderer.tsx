// The renderer for a view's type. Keyed by VIEW_TYPES: a new type doesn't compile until it has one.
import type { ComponentType } from "react";
import type { Condition } from "@shared/config/condition";
import type { ViewConfig, ViewType } from "@shared/config/view";
import { KanbanRenderer } from "./kanban/kanban-renderer";
import { TableViewRenderer } from "./table/table-view-renderer";

/** What narrows the rows a view shows, beyond the view itself (an export uses the same). */
export interface ViewQuery {
  q?: string;
  where?: Condition | null;
  sort?: string;
}

export interface ViewRendererProps {
  entity: string;
  viewKey?: string;
  view: ViewConfig;
  caption: string;
  /** Told whenever the search, filters or sort change (renderers that have them). */
  onQueryChange?(query: ViewQuery): void;
  /** The pointer or focus is on a record's row: it will likely be opened (the page prefetches it). */
  onRecordIntent?(id: string): void;
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
