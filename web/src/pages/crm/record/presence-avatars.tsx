// Who else has this record open: the tab says so over the socket (nothing is stored) and the
// server tells every viewer of the record who is there.
import { type CSSProperties, useEffect, useState } from "react";
import type { PresenceUser } from "@shared/protocol";
import { setViewing, subscribeRealtime } from "../../../state/realtime";
import { useSession } from "../../../state/session";

export function usePresence(entity: string, id: string): PresenceUser[] {
  const me = useSession((s) => s.user?.id);
  const [users, setUsers] = useState<PresenceUser[]>([]);
  useEffect(() => {
    const unsubscribe = subscribeRealtime((m) => {
      if (m.type === "presence" && m.entity === entity && m.id === id) setUsers(m.users);
    });
    setViewing({ entity, id });
    return () => {
      unsubscribe();
      setViewing(null);
    };
  }, [entity, id]);
  return users.filter((u) => u.id !== me);
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("") || "?";

// A stable colour per person, so the same colleague looks the same on every record.
const HUES = [210, 150, 280, 20, 330, 45, 185, 250];
const hueOf = (id: string) => HUES[[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % HUES.length];

export function PresenceAvatars({ users }: { users: PresenceUser[] }) {
  if (users.length === 0) return null;
  const shown = users.slice(0, 4);
  const names = users.map((u) => u.name).join(", ");
  return (
    <div className="presence" role="group" aria-label={`Also viewing: ${names}`}>
      {shown.map((u) => (
        <span
          key={u.id}
          className="avatar presence-avatar"
          title={`${u.name} is viewing`}
          style={{ "--hue": hueOf(u.id) } as CSSProperties}
        >
          {initials(u.name)}
        </span>
      ))}
      {users.length > shown.length && (
        <span className="avatar presence-avatar presence-more">+{users.length - shown.length}</span>
      )}
      <span className="presence-label muted">
        {users.length === 1 ? `${users[0]!.name} is here` : `${users.length} others here`}
      </span>
    </div>
  );
}
