// My notifications: the newest page, loaded once per session, then kept current by the socket
// ({type:"notification"}) and by marking read. The unread count feeds the bell and the tab title.
import { create } from "zustand";
import { errorMessage } from "../api/client";
import { listNotifications, markNotificationsRead, type Notification } from "../api/notifications";
import { onSessionReset } from "../renderers/shared/session-reset";
import { subscribeRealtime } from "./realtime";
import { useSession } from "./session";

interface NotificationState {
  items: Notification[];
  unread: number;
  status: "idle" | "loading" | "ready" | "error";
  error: string | null;
}

const initial: NotificationState = { items: [], unread: 0, status: "idle", error: null };
export const useNotificationStore = create<NotificationState>(() => initial);

const reset = () => useNotificationStore.setState(initial, true);
onSessionReset(reset);
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) reset();
});

export async function loadNotifications(): Promise<void> {
  useNotificationStore.setState({ status: "loading", error: null });
  try {
    const list = await listNotifications({ limit: 30 });
    useNotificationStore.setState({ items: list.items, unread: list.unread, status: "ready", error: null });
  } catch (error) {
    useNotificationStore.setState({ status: "error", error: errorMessage(error) });
  }
}

/** Mark some (or, without ids, all) read; the count is the server's answer. */
export async function markRead(ids?: string[]): Promise<void> {
  const before = useNotificationStore.getState();
  const hit = (n: Notification) => !ids || ids.includes(n.id);
  useNotificationStore.setState({
    items: before.items.map((n) => (hit(n) ? { ...n, read: true } : n)),
    unread: ids ? Math.max(0, before.unread - before.items.filter((n) => hit(n) && !n.read).length) : 0,
  });
  try {
    useNotificationStore.setState({ unread: await markNotificationsRead(ids) });
  } catch (error) {
    useNotificationStore.setState({ items: before.items, unread: before.unread, error: errorMessage(error) });
  }
}

subscribeRealtime((message) => {
  if (message.type !== "notification") return;
  const n = message.notification;
  useNotificationStore.setState((s) =>
    s.items.some((x) => x.id === n.id)
      ? s
      : {
          items: [n, ...s.items].slice(0, 50),
          unread: s.unread + (n.read ? 0 : 1),
        },
  );
});
