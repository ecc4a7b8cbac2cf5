// The schema-checked fake's checker: a fixture served as an API answer must match the response
// schema the server's OpenAPI document (web/src/api/openapi.json, `npm run api:types`) gives that
// path, method and status. A drifted fixture fails its test instead of passing against a stale shape.
import spec from "../../web/src/api/openapi.json";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const doc = spec as unknown as Doc;

const routes = Object.keys(doc.paths)
  .map((template) => ({
    template,
    // Literal segments first: "/crm/jobs" is not "/crm/{entity}".
    literal: template.split("/").filter((s) => !s.startsWith("{")).length,
    pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }))
  .sort((a, b) => b.literal - a.literal);

/** The path template of the spec that `pathname` (with /api) falls under. */
export function routeOf(pathname: string): string | null {
  return routes.find((r) => r.pattern.test(pathname))?.template ?? null;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Where `value` breaks `schema` ("" is the root), or an empty list. */
export function violations(schema: Schema, value: unknown, at = ""): string[] {
  if (schema.$ref) return violations(doc.components.schemas[schema.$ref.split("/").at(-1)!] ?? {}, value, at);
  if (schema.allOf) return schema.allOf.flatMap((s) => violations(s, value, at));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const each = alternatives.map((s) => violations(s, value, at));
    return each.some((v) => v.length === 0) ? [] : each.reduce((a, b) => (b.length < a.length ? b : a));
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${at || "body"}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (schema.nullable) types.push("null");
  const actual = typeOf(value);
  if (types.length && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    return [`${at || "body"}: expected ${types.join(" | ")}, got ${actual}`];
  }
  if (actual === "array" && schema.items)
    return (value as unknown[]).flatMap((v, i) => violations(schema.items!, v, `${at}[${i}]`));
  if (actual !== "object") return [];
  const object = value as Record<string, unknown>;
  const missing = (schema.required ?? []).filter((k) => !(k in object)).map((k) => `${at}.${k}: missing`);
  const fields = Object.entries(object).flatMap(([k, v]) => {
    const property = schema.properties?.[k];
    if (property) return violations(property, v, `${at}.${k}`);
    if (schema.additionalProperties === false) return [`${at}.${k}: not in the schema`];
    return typeof schema.additionalProperties === "object"
      ? violations(schema.additionalProperties, v, `${at}.${k}`)
      : [];
  });
  return [...missing, ...fields];
}

/**
 * Checks one answer against the spec. Unknown paths and non-JSON bodies are not checked; an
 * answer whose status the route does not declare is a violation.
 */
export function checkAnswer(method: string, pathname: string, status: number, body: unknown): string[] {
  const template = routeOf(pathname);
  const operation = template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  if (!operation) return [];
  const response = operation.responses?.[String(status)];
  const where = `${method.toUpperCase()} ${template} ${status}`;
  // Any route may answer an error the contract's way (a fixture's 404 or 500 for a failure path).
  if (!response && status >= 400)
    return violations({ $ref: "#/components/schemas/Error" }, body).map((v) => `${where} ${v}`);
  if (!response) return [`${where}: the route declares no such status`];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema || body === undefined) return [];
  return violations(schema, body).map((v) => `${where} ${v}`);
}
