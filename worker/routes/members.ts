import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { tenantHub } from "../lib/hub";
import type { AppEnv } from "../lib/app-env";
import { createRouter } from "../lib/router";
import { errorResponses, IdParam, jsonBody, jsonContent, RoleSchema, UserSchema } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { addMember, listMembers, removeMember, updateMember } from "../services/members";

const Member = z
  .object({ user: UserSchema, role: RoleSchema, active: z.boolean(), createdAt: z.string() })
  .openapi("Member");

const NewMember = z
  .object({
    email: z.string().trim().email().max(254),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(10, "Use at least 10 characters").max(200),
    role: RoleSchema,
  })
  .openapi("NewMember");

const MemberChange = z
  .object({ role: RoleSchema.optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, "Give a role or active")
  .openapi("MemberChange");

const UserIdParams = z.object({ userId: IdParam.openapi({ param: { name: "userId", in: "path" } }) });

const guard = [authenticate(), requireRole("admin")];

/** A member whose access changed loses their open sockets (they carry the old role's tags). */
function endSockets(c: Context<AppEnv>, userId: string) {
  const { tenantId } = c.var.principal;
  c.executionCtx.waitUntil(
    tenantHub(c.env, tenantId)
      .disconnectUser(userId)
      .catch(() => undefined),
  );
}
const common = { tags: ["Members"], security: [{ bearer: [] }], middleware: guard };

export const members = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/members",
      summary: "The tenant's members",
      responses: { 200: jsonContent(z.object({ items: z.array(Member) }), "Members"), ...errorResponses(401, 403) },
    }),
    async (c) => c.json({ items: await listMembers(c.var.tdb) }, 200),
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/admin/members",
      summary: "Add a member with a new account",
      request: { body: jsonBody(NewMember) },
      responses: {
        201: jsonContent(z.object({ user: UserSchema, role: RoleSchema }), "Added"),
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await addMember(c.var.tdb, c.var.principal.userId, c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/admin/members/{userId}",
      summary: "Change a member's role or (de)activate them",
      request: { params: UserIdParams, body: jsonBody(MemberChange) },
      responses: { 200: jsonContent(Member, "Updated"), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { userId } = c.req.valid("param");
      const member = await updateMember(c.var.tdb, c.var.principal.userId, userId, c.req.valid("json"));
      endSockets(c, userId);
      return c.json(member, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/admin/members/{userId}",
      summary: "Remove a member from the tenant; their sessions end",
      request: { params: UserIdParams },
      responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await removeMember(c.var.tdb, c.var.principal.userId, c.req.valid("param").userId);
      endSockets(c, c.req.valid("param").userId);
      return c.body(null, 204);
    },
  );

// Every member may look up who is who (names for owners, assignees, user fields); only admins
// see emails and manage members.
export const directory = createRouter().openapi(
  createRoute({
    tags: ["Members"],
    security: [{ bearer: [] }],
    middleware: [authenticate()],
    method: "get",
    path: "/crm/members",
    summary: "Active members' names and roles (any member)",
    responses: {
      200: jsonContent(
        z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })) }),
        "Members",
      ),
      ...errorResponses(401),
    },
  }),
  async (c) => {
    const all = await listMembers(c.var.tdb);
    return c.json(
      { items: all.filter((m) => m.active).map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })) },
      200,
    );
  },
);
