// Light / dark / system, chosen per user and remembered on this device.
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import { type ColorMode, isColorMode } from "../config/types";
import { useSession } from "./session";
import { useTheme } from "./config-hooks";

export const COLOR_MODE_STORAGE_KEY = "pulse8.color-mode";

interface ColorModeState {
  byUser: Record<string, ColorMode>;
  /** The last choice on this device, for pages shown before sign-in. */
  last: ColorMode | null;
  choose(userId: string | null, mode: ColorMode): void;
}

export const useColorModeStore = create<ColorModeState>()(
  persist(
    (set) => ({
      byUser: {},
      last: null,
      choose: (userId, mode) =>
        set((state) => ({ last: mode, byUser: userId ? { ...state.byUser, [userId]: mode } : state.byUser })),
    }),
    {
      name: COLOR_MODE_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ byUser, last }) => ({ byUser, last }),
    },
  ),
);

/** The user's own choice, else the tenant theme's default, else the system's. */
export function useColorMode(): { mode: ColorMode; setMode: (mode: ColorMode) => void } {
  const userId = useSession((s) => s.user?.id ?? null);
  const chosen = useColorModeStore((s) => (userId ? s.byUser[userId] : s.last));
  const themeDefault = useTheme()?.defaultMode;
  const choose = useColorModeStore((s) => s.choose);
  const mode = chosen ?? (isColorMode(themeDefault) ? themeDefault : "system");
  return { mode, setMode: (next) => choose(userId, next) };
}
