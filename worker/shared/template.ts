// `{{record.name}}`-style templates for automation actions, rendered without code execution:
// a placeholder is only ever a dotted path looked up in plain data. Unknown paths render as
// empty text; objects render as JSON; nothing else is interpreted.

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w]*(?:\.[\w-]+)*)\s*\}\}/g;
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

export type TemplateContext = Record<string, unknown>;

/** The value at a dotted path, or undefined; only own properties are followed. */
export function lookup(context: TemplateContext, path: string): unknown {
  let value: unknown = context;
  for (const part of path.split(".")) {
    if (FORBIDDEN.has(part) || value === null || typeof value !== "object") return undefined;
    if (!Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.map(toText).join(", ");
  return JSON.stringify(value);
}

export function renderTemplate(template: string, context: TemplateContext): string {
  return template.replace(PLACEHOLDER, (_, path: string) => toText(lookup(context, path)));
}

/**
 * Renders every string inside a JSON-like value. A string that is exactly one placeholder keeps
 * the looked-up value's type (so `"{{record.amount}}"` stays a number).
 */
export function renderDeep(value: unknown, context: TemplateContext): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{\s*([a-zA-Z_][\w]*(?:\.[\w-]+)*)\s*\}\}$/.exec(value);
    if (whole) return lookup(context, whole[1]!) ?? null;
    return renderTemplate(value, context);
  }
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, context));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !FORBIDDEN.has(k))
        .map(([k, v]) => [k, renderDeep(v, context)]),
    );
  }
  return value;
}
