// My notifications: listed, marked read; new ones also arrive on the socket.
import type { NotificationView } from "@shared/protocol";
import { apiRequest } from "./client";

export type Notification = NotificationView;

export interface NotificationList {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

export async function listNotifications(query: { unread?: boolean; limit?: number } = {}, signal?: AbortSignal): Promise<NotificationList> {
  const list = await apiRequest<NotificationList>("/notifications", { query: { unread: query.unread ? "true" : undefined, limit: query.limit }, signal });
  return { items: Array.isArray(list?.items) ? list.items : [], unread: list?.unread ?? 0, nextCursor: list?.nextCursor ?? null };
}

/** All of mine when `ids` is absent. Resolves with how many are left unread. */
export async function markNotificationsRead(ids?: string[]): Promise<number> {
  const { unread } = await apiRequest<{ unread: number }>("/notifications/read", { method: "POST", body: ids ? { ids } : {} });
  return unread;
}
