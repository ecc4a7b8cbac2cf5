// Who is signed in, persisted in localStorage so a reload keeps the session.
import { clearBookmark } from "../api/bookmark";
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { AuthResponse, Me, Role, Tenant, User } from "../api/types";

export const SESSION_STORAGE_KEY = "pulse8.session";

interface SessionData {
  token: string | null;
  user: User | null;
  tenant: Tenant | null;
  role: Role | null;
}

export interface SessionState extends SessionData {
  signIn(auth: AuthResponse): void;
  /** Refresh who we are (role changes, renamed tenant) without touching the token. */
  update(me: Me): void;
  signOut(): void;
}

const signedOut: SessionData = { token: null, user: null, tenant: null, role: null };

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...signedOut,
      signIn: ({ token, user, tenant, role }) => set({ token, user, tenant, role }),
      update: ({ user, tenant, role }) => set({ user, tenant, role }),
      signOut: () => {
        clearBookmark(); // another account must not inherit this one's read position
        set(signedOut);
      },
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ token, user, tenant, role }): SessionData => ({ token, user, tenant, role }),
    },
  ),
);
