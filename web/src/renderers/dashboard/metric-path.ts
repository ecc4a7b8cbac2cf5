// Reading GET /api/crm/dashboard/metrics by a widget's dotted `metric` path, defensively:
// the numbers grow over time, and a metric this server doesn't have yet is just "—".
import { formatCurrency, formatNumber, formatPercent } from "../shared/format";

export function metricAt(metrics: unknown, path: string): unknown {
  let value: unknown = metrics;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

export function formatMetric(path: string, value: unknown): string {
  const name = path.split(".").at(-1) ?? "";
  if (/value$|revenue|amount/i.test(name)) return formatCurrency(value);
  if (/compliance|percent|rate$/i.test(name)) return formatPercent(value);
  if (typeof value === "number") return formatNumber(value);
  if (Array.isArray(value)) return formatNumber(value.length);
  return value === null || value === undefined ? "—" : String(value);
}

export interface ChartPoint {
  name: string;
  value: number;
  /** A second number some series carry (a stage's money). */
  amount: number | null;
}

const firstString = (o: Record<string, unknown>, keys: string[]) =>
  keys.map((k) => o[k]).find((v) => typeof v === "string" && v) as string | undefined;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A series for charts: `[{ label|stage|status, count|value }]`, or an object of numbers. */
export function chartPoints(value: unknown): ChartPoint[] {
  if (Array.isArray(value)) {
    return value
      .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
      .map((item) => {
        const count = num(item.count);
        return {
          name: firstString(item, ["label", "name", "stage", "status", "key"]) ?? "—",
          value: count ?? num(item.value) ?? 0,
          amount: count !== null ? num(item.value) : null,
        };
      });
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => num(v) !== null)
      .map(([name, v]) => ({ name, value: num(v)!, amount: null }));
  }
  return [];
}
