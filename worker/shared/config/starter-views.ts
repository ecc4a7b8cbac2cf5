import type { ViewConfig } from "./view";

// The views every tenant starts with, per entity.

export function customerViews(): Record<string, ViewConfig> {
  const columns = (): ViewConfig["columns"] => [
    { field: "name", label: "Name", width: 240 },
    { field: "email" },
    { field: "company" },
    { field: "tier" },
    { field: "revenue" },
    { field: "updatedAt", label: "Updated" },
  ];
  return {
    all: {
      title: "All customers",
      type: "table",
      columns: columns(),
      sort: [{ field: "name", dir: "asc" }],
      pageSize: 50,
    },
    gold: {
      title: "Gold customers",
      type: "table",
      columns: columns(),
      filter: { field: "tier", op: "eq", value: "gold" },
      sort: [{ field: "revenue", dir: "desc" }],
    },
  };
}

export function dealViews(): Record<string, ViewConfig> {
  const columns = (): ViewConfig["columns"] => [
    { field: "name", label: "Deal", width: 240 },
    { field: "customer" },
    { field: "amount" },
    { field: "status", label: "Stage" },
    { field: "closeDate" },
    { field: "ownerId", label: "Owner" },
  ];
  return {
    all: { title: "All deals", type: "table", columns: columns(), sort: [{ field: "createdAt", dir: "desc" }] },
    open: {
      title: "Open deals",
      type: "table",
      columns: columns(),
      filter: { all: [{ field: "status", op: "nin", value: ["won", "lost"] }] },
      sort: [{ field: "closeDate", dir: "asc" }],
    },
    pipeline: {
      title: "Pipeline",
      type: "kanban",
      columns: [{ field: "name" }, { field: "customer" }, { field: "amount" }, { field: "closeDate" }],
      groupBy: "status",
      sort: [{ field: "amount", dir: "desc" }],
    },
  };
}

export function caseViews(): Record<string, ViewConfig> {
  const columns = (): ViewConfig["columns"] => [
    { field: "subject", width: 280 },
    { field: "customer" },
    { field: "priority" },
    { field: "status" },
    { field: "assignee" },
    { field: "createdAt", label: "Opened" },
  ];
  return {
    open: {
      title: "Open cases",
      type: "table",
      columns: columns(),
      filter: { field: "status", op: "nin", value: ["resolved", "closed"] },
      sort: [
        { field: "priority", dir: "desc" },
        { field: "createdAt", dir: "asc" },
      ],
    },
    mine: {
      title: "My open cases",
      type: "table",
      columns: columns(),
      filter: {
        all: [
          { field: "assignee", op: "eq", value: "$user" },
          { field: "status", op: "nin", value: ["resolved", "closed"] },
        ],
      },
      sort: [{ field: "createdAt", dir: "asc" }],
    },
    all: { title: "All cases", type: "table", columns: columns(), sort: [{ field: "createdAt", dir: "desc" }] },
    board: {
      title: "Case board",
      type: "kanban",
      columns: [{ field: "subject" }, { field: "priority" }, { field: "assignee" }],
      groupBy: "status",
      filter: { field: "status", op: "neq", value: "closed" },
      sort: [{ field: "createdAt", dir: "asc" }],
    },
  };
}
