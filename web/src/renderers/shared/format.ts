// How field values read in cells, cards, history and charts. Dates go through date-fns.
import { format, formatDistanceToNowStrict, isValid, parseISO } from "date-fns";

// The snapshot has no currency setting yet; one place to change when it does.
const CURRENCY = "USD";
const money = new Intl.NumberFormat(undefined, { style: "currency", currency: CURRENCY });
const compactMoney = new Intl.NumberFormat(undefined, { style: "currency", currency: CURRENCY, notation: "compact" });
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/** "$", "€": shown beside currency inputs. */
export const CURRENCY_SYMBOL = money.formatToParts(0).find((part) => part.type === "currency")?.value ?? CURRENCY;

const asNumber = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

export function formatCurrency(value: unknown, compact = false): string {
  const n = asNumber(value);
  if (n === null) return "—";
  return (compact ? compactMoney : money).format(n);
}

export function formatNumber(value: unknown): string {
  const n = asNumber(value);
  return n === null ? "—" : number.format(n);
}

export function formatPercent(value: unknown): string {
  const n = asNumber(value);
  // A percent field stores the number before the "%": 15 means 15 %.
  return n === null ? "—" : `${number.format(n)}%`;
}

function parse(value: unknown): Date | null {
  if (typeof value !== "string" || !value) return null;
  const at = parseISO(value);
  return isValid(at) ? at : null;
}

/** A calendar day (`YYYY-MM-DD`), read as that day wherever the viewer is. */
export function formatDay(value: unknown): string {
  const at = parse(value);
  return at ? format(at, "PP") : typeof value === "string" && value ? value : "—";
}

export function formatMoment(value: unknown): string {
  const at = parse(value);
  return at ? format(at, "PP p") : typeof value === "string" && value ? value : "—";
}

/** "3 hours ago", "in 2 days". */
export function formatRelative(value: unknown): string {
  const at = parse(value);
  return at ? formatDistanceToNowStrict(at, { addSuffix: true }) : "—";
}

/** `1d 2h`, `5m 03s`: a countdown that stays short. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m ${String(s).padStart(2, "0")}s`;
}
