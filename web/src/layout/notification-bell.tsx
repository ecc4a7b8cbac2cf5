// The bell in the top bar: unread count, my latest notifications, mark read, live from the socket.
import { useEffect } from "react";
import { Link } from "react-router";
import type { Notification } from "../api/notifications";
import { formatMoment, formatRelative } from "../renderers/shared/format";
import { loadNotifications, markRead, useNotificationStore } from "../state/notifications";
import { useSession } from "../state/session";
import { usePopover } from "../lib/use-popover";

const KIND_LABEL: Record<Notification["kind"], string> = {
  assigned: "Assigned to you",
  "approval.requested": "Approval requested",
  "approval.decided": "Approval decided",
  "sla.warning": "SLA warning",
  "sla.breached": "SLA breached",
  mention: "Mentioned you",
  reminder: "Reminder",
};

export function NotificationBell() {
  const token = useSession((s) => s.token);
  const { items, unread, status, error } = useNotificationStore();
  const { open, setOpen, panelId, rootRef, buttonRef } = usePopover();

  useEffect(() => {
    if (token && useNotificationStore.getState().status === "idle") void loadNotifications();
  }, [token]);

  if (!token) return null;
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          className="bell-icon"
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" id={panelId} role="region" aria-label="Notifications">
          <header className="bell-header">
            <h2 className="bell-title">Notifications</h2>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => void markRead()}>
                Mark all read
              </button>
            )}
          </header>
          {error && (
            <p className="bell-note text-danger" role="alert">
              {error}
            </p>
          )}
          {status === "loading" && items.length === 0 && (
            <p className="bell-note muted" role="status">
              Loading…
            </p>
          )}
          {status === "error" && items.length === 0 && (
            <p className="bell-note">
              Couldn't load notifications.{" "}
              <button type="button" className="link-button" onClick={() => void loadNotifications()}>
                Retry
              </button>
            </p>
          )}
          {status === "ready" && items.length === 0 && <p className="bell-note muted">You're all caught up.</p>}
          {items.length > 0 && (
            <ul className="bell-list" aria-label="Latest notifications">
              {items.map((n) => (
                <NotificationItem key={n.id} n={n} onOpen={() => setOpen(false)} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function NotificationItem({ n, onOpen }: { n: Notification; onOpen(): void }) {
  const body = (
    <>
      <span className="bell-kind">{KIND_LABEL[n.kind] ?? n.kind}</span>
      <span className="bell-text">{n.title}</span>
      <time className="bell-time muted" dateTime={n.at} title={formatMoment(n.at)}>
        {formatRelative(n.at)}
      </time>
    </>
  );
  const read = () => {
    if (!n.read) void markRead([n.id]);
  };
  return (
    <li className={`bell-item${n.read ? "" : " bell-unread"}`}>
      {n.entity && n.recordId ? (
        <Link
          className="bell-link"
          to={`/crm/${n.entity}/${encodeURIComponent(n.recordId)}`}
          onClick={() => {
            read();
            onOpen();
          }}
        >
          {body}
        </Link>
      ) : (
        <div className="bell-link">{body}</div>
      )}
      {!n.read && (
        <button
          type="button"
          className="icon-button bell-mark"
          aria-label={`Mark read: ${n.title}`}
          title="Mark read"
          onClick={read}
        >
          <span aria-hidden="true" className="bell-dot" />
        </button>
      )}
    </li>
  );
}
