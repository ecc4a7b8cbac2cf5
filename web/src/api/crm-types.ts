// Shapes of the CRM endpoints beyond plain records (history, SLA, work queues, dashboard), derived
// from the server's OpenAPI document like types.ts.
import type { ApiBody, Schemas } from "./typed";

export type HistoryItem = Schemas["HistoryItem"];

export type SlaTimer = Schemas["SlaTimer"];

export type Activity = Schemas["Activity"];
export type Approval = Schemas["Approval"];

export type InboxAttachment = Schemas["InboxAttachment"];
export type InboxMessage = Schemas["StoredInboxMessage"];
export type InboxThread = Schemas["InboxThread"];
export type InboxMessageInput = ApiBody<"/crm/inbox/messages", "post">;

/** GET /api/crm/dashboard/metrics. */
export type DashboardMetrics = Schemas["DashboardMetrics"];
