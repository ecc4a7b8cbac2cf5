type Operation = { operationId?: string };
type Document = { paths?: object };

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/**
 * Gives every operation without one a stable `operationId` derived from its method and path
 * (`GET /api/crm/{entity}/{id}/timeline` → `getCrmByEntityByIdTimeline`), so generated clients get
 * readable names and renaming a route is visible as a renamed operation.
 */
export function withOperationIds<T extends Document>(doc: T): T {
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Record<string, unknown>][]) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method) || typeof op !== "object" || op === null) continue;
      const operation = op as Operation;
      operation.operationId ??= operationId(method, path);
    }
  }
  return doc;
}

export function operationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((s) => s && s !== "api")
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? `By${pascal(param[1]!)}` : pascal(segment);
    });
  return method.toLowerCase() + words.join("");
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}
