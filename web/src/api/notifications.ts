// My notifications: listed, marked read; new ones also arrive on the socket.
import { api, type ApiResponse, type Schemas } from "./typed";

export type Notification = Schemas["Notification"];
export type NotificationList = ApiResponse<"/notifications">;

export async function listNotifications(
  query: { unread?: boolean; limit?: number } = {},
  signal?: AbortSignal,
): Promise<NotificationList> {
  return api("get", "/notifications", {
    query: { unread: query.unread ? "true" : undefined, limit: query.limit },
    signal,
  });
}

/** All of mine when `ids` is absent. Resolves with how many are left unread. */
export async function markNotificationsRead(ids?: string[]): Promise<number> {
  return (await api("post", "/notifications/read", { body: ids ? { ids } : {} })).unread;
}
