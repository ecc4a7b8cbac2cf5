import { z } from "zod";
import { ROLES } from "../roles";

// Entity and key names: they appear in URLs and storage keys, so lower-case and short.
export const CONFIG_NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;
// Field names: identifiers, so `{{record.field}}` templates and JSON paths stay unambiguous.
export const FIELD_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

// Columns every record has besides its form fields; views and conditions may name them.
export const SYSTEM_FIELDS = ["id", "status", "ownerId", "createdAt", "updatedAt", "createdBy", "updatedBy"] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

// A form field may not shadow a record's own properties (see the record shape in api.md).
export const RESERVED_FIELD_NAMES: readonly string[] = [...SYSTEM_FIELDS, "entity", "data", "version", "sla"];

// `/api/crm/activities|approvals|inbox|dashboard|jobs|members|search` are fixed routes beside
// `/api/crm/:entity`, and `tenant` is the entity of tenant-wide namespaces, so none of these can be
// an entity (test/worker/app.test.ts checks the list against the OpenAPI routes).
export const RESERVED_ENTITIES: readonly string[] = [
  "tenant",
  "activities",
  "approvals",
  "inbox",
  "dashboard",
  "jobs",
  "members",
  "search",
];

export const configName = z.string().regex(CONFIG_NAME_RE, "must match ^[a-z][a-z0-9_]{0,39}$");
export const fieldName = z.string().regex(FIELD_NAME_RE, "must match ^[a-zA-Z][a-zA-Z0-9_]{0,63}$");
export const roleSchema = z.enum(ROLES);
export const label = z.string().trim().min(1).max(200);

// Durations: a whole number and a unit, e.g. "30m", "4h", "2d", "1w".
export const DURATION_RE = /^([1-9][0-9]{0,5})([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a duration such as "2d", or null when it is not one. */
export function parseDuration(value: string): number | null {
  const match = DURATION_RE.exec(value);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

export const durationSchema = z.string().regex(DURATION_RE, 'must be a duration like "30m", "4h", "2d" or "1w"');

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().min(1).refine(isValidTimeZone, "must be an IANA time zone");

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export const httpUrlSchema = z.string().max(2000).refine(isHttpUrl, "must be an http(s) URL");
export const hexColorSchema = z
  .string()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "must be a hex colour like #4f46e5");

// Any JSON value (for defaults, `set`, `values`, webhook bodies).
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

// Who: the members holding a role, or named users.
export const membersSchema = z
  .strictObject({ role: roleSchema.optional(), users: z.array(z.string().min(1)).min(1).optional() })
  .superRefine((value, ctx) => {
    if ((value.role === undefined) === (value.users === undefined)) {
      ctx.addIssue({ code: "custom", message: 'must be exactly one of { "role" } or { "users" }' });
    }
  });
export type Members = z.infer<typeof membersSchema>;

/** Reports a custom issue for every repeated value, at `path(index)`. */
export function reportDuplicates(
  values: readonly string[],
  ctx: z.RefinementCtx,
  path: (index: number) => PropertyKey[],
  what: string,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: "custom", message: `duplicate ${what} "${value}"`, path: path(index) });
    seen.add(value);
  });
}
