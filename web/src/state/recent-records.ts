// Records I opened lately, newest first, per user in this browser (the home page lists them).
import { create } from "zustand";
import { persist } from "zustand/middleware";

export interface RecentRecord {
  entity: string;
  id: string;
  title: string;
  at: string;
}

const MAX = 8;

interface RecentState {
  byUser: Record<string, RecentRecord[]>;
}

export const useRecentStore = create<RecentState>()(persist(() => ({ byUser: {} }), { name: "pulse8.recent" }));

export function rememberRecent(userId: string | undefined, record: Omit<RecentRecord, "at">): void {
  if (!userId) return;
  useRecentStore.setState((s) => {
    const mine = (s.byUser[userId] ?? []).filter((r) => !(r.entity === record.entity && r.id === record.id));
    return { byUser: { ...s.byUser, [userId]: [{ ...record, at: new Date().toISOString() }, ...mine].slice(0, MAX) } };
  });
}

export function forgetRecent(userId: string | undefined, entity: string, id: string): void {
  if (!userId) return;
  useRecentStore.setState((s) => ({
    byUser: { ...s.byUser, [userId]: (s.byUser[userId] ?? []).filter((r) => !(r.entity === entity && r.id === id)) },
  }));
}
