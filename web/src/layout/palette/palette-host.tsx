// The palette's one instance, opened by the shortcut or the top bar's search button.
import { useCallback } from "react";
import { create } from "zustand";
import { CommandPalette } from "./command-palette";
import { usePaletteShortcut } from "./use-palette-shortcut";

export const usePaletteStore = create<{ open: boolean }>()(() => ({ open: false }));
export const openPalette = () => usePaletteStore.setState({ open: true });
const closePalette = () => usePaletteStore.setState({ open: false });

export function PaletteHost() {
  const open = usePaletteStore((s) => s.open);
  usePaletteShortcut(useCallback(() => usePaletteStore.setState((s) => ({ open: !s.open })), []));
  return open ? <CommandPalette onClose={closePalette} /> : null;
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function PaletteButton() {
  return (
    <button
      type="button"
      className="palette-button"
      onClick={openPalette}
      aria-keyshortcuts={isMac ? "Meta+K" : "Control+K"}
    >
      <span aria-hidden="true">⌕</span>
      <span className="palette-button-label">Search…</span>
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: kbd is not focusable; the shortcut is in aria-keyshortcuts */}
      <kbd className="kbd" aria-hidden="true">
        {isMac ? "⌘K" : "Ctrl K"}
      </kbd>
    </button>
  );
}
