// People to show and pick. The member list is admin-only (GET /api/admin/members); everyone else
// knows themselves, and sees other ids as they are.
import { useEffect, useState } from "react";
import { listMembers } from "../../api/members";
import type { Member } from "../../api/types";
import { useSession } from "../../state/session";
import { onSessionReset } from "./session-reset";

let cache: { token: string; members: Promise<Member[]> } | null = null;
onSessionReset(() => {
  cache = null;
});

function loadMembers(token: string): Promise<Member[]> {
  if (cache?.token !== token) {
    const members = listMembers().catch(() => [] as Member[]);
    cache = { token, members };
  }
  return cache.members;
}

export interface PersonOption {
  id: string;
  name: string;
}

/** Members this user can pick from: everyone for admins, else just themselves. */
export function usePeople(): PersonOption[] {
  const role = useSession((s) => s.role);
  const token = useSession((s) => s.token);
  const user = useSession((s) => s.user);
  const [members, setMembers] = useState<Member[] | null>(null);

  useEffect(() => {
    if (role !== "admin" || !token) return;
    let live = true;
    void loadMembers(token).then((list) => live && setMembers(list));
    return () => {
      live = false;
    };
  }, [role, token]);

  if (members && members.length > 0) {
    return members.filter((m) => m.active !== false).map((m) => ({ id: m.user.id, name: m.user.name || m.user.email }));
  }
  return user ? [{ id: user.id, name: user.name || user.email }] : [];
}

/** A person's display name: "You", a member's name (admins), or a short id. */
export function usePersonName(id: string | null | undefined): string {
  const people = usePeople();
  const me = useSession((s) => s.user?.id);
  if (!id) return "—";
  if (id === me) return "You";
  return people.find((p) => p.id === id)?.name ?? shortId(id);
}

export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}
