import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { secretName } from "../shared/config/secret-ref";
import { deleteSecret, listSecrets, putSecret } from "../services/secrets/store";

const NameParams = z.object({
  name: secretName.openapi({ param: { name: "name", in: "path" }, example: "CRM_API_KEY" }),
});
const SecretInfo = z
  .object({ name: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable() })
  .openapi("SecretInfo");
const common = { tags: ["Secrets"], security: [{ bearer: [] }], middleware: [authenticate(), requireRole("admin")] };

// Write-only: a value goes in and never comes out again, not even to the admin who set it.
export const secrets = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/secrets",
      summary: "Secret names and when they were set (never values)",
      responses: { 200: jsonContent(z.object({ items: z.array(SecretInfo) }), "Secrets"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const rows = await listSecrets(c.var.tdb);
      return c.json({ items: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "put",
      path: "/admin/secrets/{name}",
      summary: "Set a secret (stored encrypted; write-only)",
      request: { params: NameParams, body: jsonBody(z.object({ value: z.string().min(1).max(4096) }).strict()) },
      responses: { 204: { description: "Set" }, ...errorResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      await putSecret(c.env, c.var.tdb, c.var.principal, {
        name: c.req.valid("param").name,
        value: c.req.valid("json").value,
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/admin/secrets/{name}",
      summary: "Delete a secret",
      request: { params: NameParams },
      responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      await deleteSecret(c.var.tdb, c.var.principal, c.req.valid("param").name);
      return c.body(null, 204);
    },
  );
