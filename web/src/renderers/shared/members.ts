// People to show and pick: the member directory (GET /api/crm/members, every active member's
// name and role, open to any role), loaded once per session and shared by every name and picker.
import { useEffect, useMemo } from "react";
import { create } from "zustand";
import { listDirectory, listMembers } from "../../api/members";
import type { Role } from "../../api/types";
import { useSession } from "../../state/session";
import { onSessionReset } from "./session-reset";

export interface PersonOption {
  id: string;
  name: string;
  role?: Role;
}

interface DirectoryState {
  /** The session the list belongs to. */
  token: string | null;
  people: PersonOption[] | null;
  status: "idle" | "loading" | "ready" | "error";
  /** When the last load ended, either way. */
  at: number;
}

const initial: DirectoryState = { token: null, people: null, status: "idle", at: 0 };
export const useDirectoryStore = create<DirectoryState>(() => initial);

// An id nobody knows may be someone added since the list was loaded: ask again, at most once a minute.
const REFRESH_MS = 60_000;
const RETRY_MS = 15_000;

export function resetDirectory(): void {
  useDirectoryStore.setState(initial);
}
onSessionReset(resetDirectory);
useSession.subscribe((state, previous) => {
  if (state.token !== previous.token) resetDirectory();
});

/** Members changed (Studio): the next name or picker that needs the list loads it again. */
export function invalidateDirectory(): void {
  if (useDirectoryStore.getState().status !== "loading") useDirectoryStore.setState({ status: "idle", at: 0 });
}

const byName = (a: PersonOption, b: PersonOption) => a.name.localeCompare(b.name);

async function fetchPeople(role: Role | null): Promise<PersonOption[]> {
  try {
    return (await listDirectory()).map((m) => ({ id: m.id, name: m.name, role: m.role })).sort(byName);
  } catch (error) {
    // A server without the directory: admins still have the member list.
    if (role !== "admin") throw error;
    const members = await listMembers();
    return members
      .filter((m) => m.active !== false)
      .map((m) => ({ id: m.user.id, name: m.user.name || m.user.email, role: m.role }))
      .sort(byName);
  }
}

export function loadDirectory(force = false): void {
  const { token, role } = useSession.getState();
  if (!token) return;
  const state = useDirectoryStore.getState();
  const same = state.token === token;
  if (same && state.status === "loading") return;
  const fresh = state.status === "ready" || (state.status === "error" && Date.now() - state.at < RETRY_MS);
  if (same && fresh && !force) return;
  useDirectoryStore.setState({ token, status: "loading", people: same ? state.people : null });
  const settle = (change: Partial<DirectoryState>) => {
    if (useDirectoryStore.getState().token === token) useDirectoryStore.setState({ ...change, at: Date.now() });
  };
  fetchPeople(role).then(
    (people) => settle({ people, status: "ready" }),
    () => settle({ status: "error" }),
  );
}

function refreshIfStale(): void {
  const { status, at } = useDirectoryStore.getState();
  if (status === "ready" && Date.now() - at > REFRESH_MS) loadDirectory(true);
}

/** Everyone who can be picked, by name; at least yourself, while the list loads or if it can't. */
export function usePeople(): PersonOption[] {
  const token = useSession((s) => s.token);
  const user = useSession((s) => s.user);
  const people = useDirectoryStore((s) => (s.token === token ? s.people : null));
  const status = useDirectoryStore((s) => s.status);

  useEffect(() => {
    if (token) loadDirectory();
  }, [token, status]);

  return useMemo(() => {
    const list = people ?? [];
    if (!user || list.some((p) => p.id === user.id)) return list;
    return [{ id: user.id, name: user.name || user.email }, ...list];
  }, [people, user]);
}

/** A person's display name: "You", a member's name, or a short id for someone not (or no longer) a member. */
export function usePersonName(id: string | null | undefined): string {
  const people = usePeople();
  const me = useSession((s) => s.user?.id);
  const known = id ? people.find((p) => p.id === id) : undefined;

  useEffect(() => {
    if (id && !known) refreshIfStale();
  }, [id, known]);

  if (!id) return "—";
  if (id === me) return "You";
  return known?.name ?? shortId(id);
}

export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}
