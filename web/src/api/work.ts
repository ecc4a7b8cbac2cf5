// Work queues beside the records: activities, approvals, the inbox, dashboard metrics.
import { apiRaw, type QueryValue } from "./client";
import type { Activity, Approval, DashboardMetrics, InboxMessage, InboxMessageInput, InboxThread } from "./crm-types";
import { api, type ApiBody, type ApiResponse } from "./typed";

export async function listActivities(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Activity[]> {
  return (await api("get", "/crm/activities", { query, signal })).items;
}

export function completeActivity(id: string): Promise<Activity> {
  return api("patch", "/crm/activities/{id}", { path: { id }, body: { status: "done" } });
}

export type ActivityInput = ApiBody<"/crm/activities", "post">;
export type ActivityType = NonNullable<ActivityInput["type"]>;

/** Edit, reassign, reschedule (not the record it hangs off). */
export function updateActivity(id: string, changes: ApiBody<"/crm/activities/{id}", "patch">): Promise<Activity> {
  return api("patch", "/crm/activities/{id}", { path: { id }, body: changes });
}

export function createActivity(input: ActivityInput): Promise<Activity> {
  return api("post", "/crm/activities", { body: input });
}

export async function listApprovals(query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Approval[]> {
  return (await api("get", "/crm/approvals", { query, signal })).items;
}

export function decideApproval(id: string, decision: "approve" | "reject", comment?: string): Promise<Approval> {
  const body = comment?.trim() ? { decision, comment: comment.trim() } : { decision };
  return api("post", "/crm/approvals/{id}/decision", { path: { id }, body });
}

export async function listInbox(signal?: AbortSignal): Promise<InboxThread[]> {
  return (await api("get", "/crm/inbox", { query: { status: "open" }, signal })).items;
}

export type InboxPostResult = ApiResponse<"/crm/inbox/messages", "post">;

export function postInboxMessage(input: InboxMessageInput): Promise<InboxPostResult> {
  return api("post", "/crm/inbox/messages", { body: input });
}

export async function listThreadMessages(caseId: string, signal?: AbortSignal): Promise<InboxMessage[]> {
  return (await api("get", "/crm/inbox/{caseId}/messages", { path: { caseId }, signal })).items;
}

export type ReplyResult = ApiResponse<"/crm/inbox/{caseId}/reply", "post">;

export function replyToCase(caseId: string, input: ApiBody<"/crm/inbox/{caseId}/reply", "post">): Promise<ReplyResult> {
  return api("post", "/crm/inbox/{caseId}/reply", { path: { caseId }, body: input });
}

/** An attachment's bytes (the API wants the bearer token, so a plain link cannot fetch it). */
export async function downloadAttachment(id: string): Promise<Blob> {
  return (await apiRaw(`/crm/inbox/attachments/${encodeURIComponent(id)}`, { accept: "*/*" })).blob();
}

export function getDashboardMetrics(signal?: AbortSignal): Promise<DashboardMetrics> {
  return api("get", "/crm/dashboard/metrics", { signal });
}
