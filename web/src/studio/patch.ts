// Immutable edits of plain config objects and lists. Properties set to undefined are dropped,
// so an emptied optional setting disappears from the JSON instead of lingering as "".

export function patch<T extends object>(obj: T, changes: { [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...obj } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/** The list with the item at `from` moved to `to` (the others shift). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Empty text means "not set". */
export function textOrUndefined(value: string): string | undefined {
  return value.trim() === "" ? undefined : value;
}

/** A number input's value, or undefined when empty or not a number. */
export function numberOrUndefined(value: string): number | undefined {
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `base`, `base_2`, `base_3` … whichever is not taken yet. */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}_${i}`)) return `${base}_${i}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Lists read leniently: a draft may hold anything until it is validated. */
export function asList<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}
