// Put the tenant theme and the user's color mode on <html>, live as either changes.
import { useEffect } from "react";
import { useColorMode } from "../state/color-mode";
import { useTheme } from "../state/config-hooks";

const COLOR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([^;{}]*\)|[a-z]+)$/i;

export function isCssColor(value: unknown): value is string {
  return typeof value === "string" && COLOR.test(value.trim());
}

/** Black or white text, whichever reads better on a hex background. */
export function textOn(color: string): string | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? "#111827" : "#ffffff";
}

export function applyColorMode(mode: string, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = mode;
}

export function applyThemeColors(
  colors: { primary?: string; accent?: string } | undefined,
  root: HTMLElement = document.documentElement,
): void {
  const set = (name: string, value: string | null | undefined) =>
    value ? root.style.setProperty(name, value) : root.style.removeProperty(name);
  const primary = isCssColor(colors?.primary) ? colors.primary.trim() : null;
  const accent = isCssColor(colors?.accent) ? colors.accent.trim() : null;
  set("--brand-primary", primary);
  set("--brand-on-primary", primary ? textOn(primary) : null);
  set("--brand-accent", accent);
}

export function useApplyTheme(): void {
  const { mode } = useColorMode();
  const colors = useTheme()?.colors;
  useEffect(() => applyColorMode(mode), [mode]);
  useEffect(() => applyThemeColors(colors), [colors]);
}
