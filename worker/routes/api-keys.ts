import { createRoute, z } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import { forbidden } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { createApiKey, KEY_SCOPES, listApiKeys, revokeApiKey } from "../services/auth/api-keys";

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(KEY_SCOPES),
    prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart" }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .openapi("ApiKey");

const NewKeyBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    scope: z.enum(KEY_SCOPES).openapi({
      description: "read ≈ read_only, write ≈ agent, admin ≈ your role; always capped by your current role",
    }),
    expiresAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .openapi("NewApiKey");

const common = { tags: ["Auth"], security: [{ bearer: [] }] };

export const apiKeysRoutes = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/auth/tokens",
      summary: "Create an API key (shown once)",
      description: "Only a signed-in session may create keys, so a leaked key cannot mint more.",
      middleware: [authenticate()],
      request: { body: jsonBody(NewKeyBody) },
      responses: {
        201: jsonContent(ApiKey.extend({ token: z.string() }), "The key; `token` is never shown again"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { tenantId, userId, via } = c.var.principal;
      if (via) throw forbidden("Create API keys while signed in, not with another key");
      const body = c.req.valid("json");
      const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : undefined;
      return c.json(
        await createApiKey(c.var.tdb.control, { tenantId, userId, name: body.name, scope: body.scope, expiresAt }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/auth/tokens",
      summary: "Your API keys in this tenant",
      middleware: [authenticate()],
      responses: { 200: jsonContent(z.object({ items: z.array(ApiKey) }), "Keys"), ...errorResponses(401) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      return c.json({ items: await listApiKeys(c.var.tdb.control, tenantId, userId) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/auth/tokens/{id}",
      summary: "Revoke an API key; it is refused from the next request",
      middleware: [authenticate()],
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(64)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: { 204: { description: "Revoked" }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      await revokeApiKey(c.var.tdb.control, tenantId, userId, c.req.valid("param").id);
      // Sockets carry no key id, so the member's sockets are closed; browsers reconnect with their session.
      c.executionCtx.waitUntil(
        tenantHub(c.env, tenantId)
          .disconnectUser(userId)
          .catch(() => undefined),
      );
      return c.body(null, 204);
    },
  );
