// Error paths as the API and `validateItem` write them (`fields[2].type`, `set["my-field"]`),
// and the DOM ids of the controls they point at.
import { formatPath } from "@shared/config/issues";

export type PathPart = string | number;

const TOKEN_RE = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/y;

/** `fields[2].type` → `["fields", 2, "type"]`. Unreadable input stops the parse where it is. */
export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < path.length) {
    const match = TOKEN_RE.exec(path);
    if (!match) break;
    if (match[1] !== undefined) parts.push(Number(match[1]));
    else if (match[2] !== undefined) parts.push(JSON.parse(match[2]) as string);
    else if (match[3] !== undefined) parts.push(match[3]);
  }
  return parts;
}

/** `childPath("fields[2]", "options", 0)` → `fields[2].options[0]`. */
export function childPath(base: string, ...parts: PathPart[]): string {
  return formatPath([...parsePath(base), ...parts]);
}

/** One step up: `fields[2].type` → `fields[2]`; `""` for a top-level property. */
export function parentPath(path: string): string {
  return formatPath(parsePath(path).slice(0, -1));
}

/** Whether `path` is `prefix` itself or lies inside it. */
export function isWithin(path: string, prefix: string): boolean {
  if (!prefix) return true;
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The DOM id of the control that edits `path`. */
export function controlId(path: string): string {
  return `ctl-${path ? path.replace(/[^A-Za-z0-9_]+/g, "-").replace(/-+$/, "") : "root"}`;
}

/** `form/customers/default:fields[2].type` → the item and the path inside it. */
export function splitItemPath(path: string): { item: string; path: string } {
  const at = path.indexOf(":");
  return at < 0 ? { item: path, path: "" } : { item: path.slice(0, at), path: path.slice(at + 1) };
}

/** The Studio URL of an item's builder, optionally focusing the control of `path`. */
export function itemUrl(item: { namespace: string; entity: string; key: string }, focus?: string): string {
  const base = `/studio/items/${item.namespace}/${item.entity}/${item.key}`;
  return focus ? `${base}?focus=${encodeURIComponent(focus)}` : base;
}
