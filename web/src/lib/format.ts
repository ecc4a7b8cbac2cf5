// Display helpers for values that come from the API.
import type { Actor } from "../api/types";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dateTime.format(at);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : date.format(at);
}

export function formatActor(actor: Actor | undefined): string {
  if (!actor) return "—";
  if (typeof actor === "string") return actor;
  return actor.name || actor.id || "—";
}

/** A short, readable rendering of any JSON value (table cells, audit targets). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return Number.isFinite(value) ? value.toLocaleString() : String(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.name === "string") return o.name;
    if (typeof o.namespace === "string" && typeof o.entity === "string" && typeof o.key === "string") {
      return `${o.namespace}/${o.entity}/${o.key}`;
    }
    if (typeof o.type === "string" && typeof o.id === "string") return `${o.type} ${o.id}`;
    return JSON.stringify(value);
  }
  return String(value);
}
