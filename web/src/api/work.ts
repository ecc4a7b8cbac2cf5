// Work queues beside the records: activities, approvals, the inbox, dashboard metrics.
import { apiRaw, apiRequest, type QueryValue } from "./client";
import type {
  Activity, Approval, DashboardMetrics, InboxMessage, InboxMessageInput, InboxThread, ItemList,
} from "./crm-types";
import type { CrmRecord } from "./types";

const itemsOf = <T>(list: ItemList<T> | undefined): T[] => (Array.isArray(list?.items) ? list.items : []);

export async function listActivities(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Activity[]> {
  return itemsOf(await apiRequest<ItemList<Activity>>("/crm/activities", { query, signal }));
}

export function completeActivity(id: string): Promise<Activity> {
  return apiRequest<Activity>(`/crm/activities/${encodeURIComponent(id)}`, { method: "PATCH", body: { status: "done" } });
}

export type ActivityType = "task" | "call" | "meeting" | "note";

export interface ActivityInput {
  title: string;
  type?: ActivityType;
  notes?: string | null;
  assigneeId?: string | null;
  /** ISO instants. */
  dueAt?: string | null;
  remindAt?: string | null;
  entity?: string;
  recordId?: string;
}

export function createActivity(input: ActivityInput): Promise<Activity> {
  return apiRequest<Activity>("/crm/activities", { method: "POST", body: input });
}

/** Edit, reassign, reschedule (not the record it hangs off). */
export function updateActivity(id: string, changes: Partial<Omit<ActivityInput, "entity" | "recordId">> & { status?: "open" | "done" | "cancelled" }): Promise<Activity> {
  return apiRequest<Activity>(`/crm/activities/${encodeURIComponent(id)}`, { method: "PATCH", body: changes });
}

export async function listApprovals(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Approval[]> {
  return itemsOf(await apiRequest<ItemList<Approval>>("/crm/approvals", { query, signal }));
}

export function decideApproval(id: string, decision: "approve" | "reject", comment?: string): Promise<Approval> {
  const body = comment?.trim() ? { decision, comment: comment.trim() } : { decision };
  return apiRequest<Approval>(`/crm/approvals/${encodeURIComponent(id)}/decision`, { method: "POST", body });
}

export async function listInbox(signal?: AbortSignal): Promise<InboxThread[]> {
  return itemsOf(await apiRequest<ItemList<InboxThread>>("/crm/inbox", { query: { status: "open" }, signal }));
}

export interface InboxPostResult {
  message?: unknown;
  case?: CrmRecord;
  customer?: CrmRecord;
}

export function postInboxMessage(input: InboxMessageInput): Promise<InboxPostResult> {
  return apiRequest<InboxPostResult>("/crm/inbox/messages", { method: "POST", body: input });
}

export async function listThreadMessages(caseId: string, signal?: AbortSignal): Promise<InboxMessage[]> {
  return itemsOf(await apiRequest<ItemList<InboxMessage>>(`/crm/inbox/${encodeURIComponent(caseId)}/messages`, { signal }));
}

export interface ReplyResult {
  message: InboxMessage;
  delivery: { status: "sent" | "stored" | "failed"; provider: string; error?: string };
}

export function replyToCase(caseId: string, input: { body: string; subject?: string }): Promise<ReplyResult> {
  return apiRequest<ReplyResult>(`/crm/inbox/${encodeURIComponent(caseId)}/reply`, { method: "POST", body: input });
}

/** An attachment's bytes (the API wants the bearer token, so a plain link cannot fetch it). */
export async function downloadAttachment(id: string): Promise<Blob> {
  return (await apiRaw(`/crm/inbox/attachments/${encodeURIComponent(id)}`, { accept: "*/*" })).blob();
}

export function getDashboardMetrics(signal?: AbortSignal): Promise<DashboardMetrics> {
  return apiRequest<DashboardMetrics>("/crm/dashboard/metrics", { signal });
}
