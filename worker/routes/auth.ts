import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../db/client";
import { placementOf } from "../services/tenancy/directory";
import { shardDatabase } from "../services/tenancy/placement";
import { tenantHub } from "../lib/hub";
import { notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent, RoleSchema, TenantSchema, UserSchema } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { describeSession, login, register } from "../services/auth/accounts";
import { revokeSession } from "../services/auth/sessions";
import { ensureViewIndexes } from "../services/records/indexes";
import { TEMPLATE_NAMES, TEMPLATES, templateSnapshot } from "../shared/config/templates";

const Email = z.string().trim().email().max(254);

const RegisterBody = z
  .object({
    email: Email,
    password: z.string().min(10, "Use at least 10 characters").max(200),
    name: z.string().trim().min(1).max(120),
    tenantName: z.string().trim().min(1).max(120),
    template: z
      .enum(TEMPLATE_NAMES)
      .optional()
      .openapi({ description: "The starter configuration (GET /api/auth/templates); standard when left out" }),
  })
  .openapi("RegisterRequest");

const LoginBody = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(200),
    tenant: z.string().trim().min(1).max(60).optional(),
  })
  .openapi("LoginRequest");

const AuthResponse = z
  .object({ token: z.string(), user: UserSchema, tenant: TenantSchema, role: RoleSchema })
  .openapi("AuthResponse");

const MeResponse = z.object({ user: UserSchema, tenant: TenantSchema, role: RoleSchema }).openapi("Me");

const clientIp = (req: Request) => req.headers.get("cf-connecting-ip") ?? "unknown";

export const auth = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/templates",
      security: [],
      tags: ["Auth"],
      summary: "The starter templates a new tenant can be registered with",
      responses: {
        200: jsonContent(
          z.object({
            templates: z.array(z.object({ name: z.enum(TEMPLATE_NAMES), title: z.string(), description: z.string() })),
          }),
          "Templates",
        ),
      },
    }),
    (c) => c.json({ templates: TEMPLATES.map((t) => ({ ...t })) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/register",
      security: [],
      tags: ["Auth"],
      summary: "Create a tenant with yourself as its admin",
      description: "Publishes the tenant's starter configuration as version 1.",
      request: { body: jsonBody(RegisterBody) },
      responses: { 201: jsonContent(AuthResponse, "Registered"), ...errorResponses(400, 409, 422, 429) },
    }),
    async (c) => {
      const { template, ...input } = c.req.valid("json");
      const snapshot = templateSnapshot(template);
      const result = await register(createDb(c.env.DB), c.env, { ...input, snapshot }, clientIp(c.req.raw));
      // The template's views' sort and filter fields get their indexes (once per database: the tenant's shard).
      const shard = shardDatabase(c.env, (await placementOf(c.env, result.tenant.id)).shard);
      c.executionCtx.waitUntil(ensureViewIndexes(shard, snapshot).catch(() => undefined));
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      security: [],
      tags: ["Auth"],
      summary: "Sign in; `tenant` picks one of several memberships",
      request: { body: jsonBody(LoginBody) },
      responses: { 200: jsonContent(AuthResponse, "Signed in"), ...errorResponses(400, 401, 422, 429) },
    }),
    async (c) => c.json(await login(createDb(c.env.DB), c.env, c.req.valid("json"), clientIp(c.req.raw)), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["Auth"],
      summary: "The signed-in user, tenant and role",
      security: [{ bearer: [] }],
      middleware: [authenticate()],
      responses: { 200: jsonContent(MeResponse, "The session"), ...errorResponses(401) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      const me = await describeSession(c.var.tdb.control, tenantId, userId);
      if (!me) throw notFound();
      // With an API key the role is the key's (capped by its scope), not the membership's.
      return c.json({ ...me, role: c.var.principal.role }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags: ["Auth"],
      summary: "End this session; its token stops working and its open sockets close",
      security: [{ bearer: [] }],
      middleware: [authenticate()],
      responses: { 204: { description: "Signed out" }, ...errorResponses(401) },
    }),
    async (c) => {
      const { tenantId, sessionId } = c.var.principal;
      await revokeSession(c.var.tdb.control, sessionId);
      await tenantHub(c.env, tenantId)
        .disconnectSession(sessionId)
        .catch(() => undefined);
      return c.body(null, 204);
    },
  );
