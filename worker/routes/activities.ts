import { createRoute, z } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import { validationFailed } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { createActivity, listActivities, readableActivities, updateActivity } from "../services/activities";
import { currentSnapshot } from "../services/config/current";
import { readableRecordIds } from "../services/records/visibility";

const Activity = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    notes: z.string().nullable(),
    assigneeId: z.string().nullable(),
    dueAt: z.string().nullable(),
    status: z.enum(["open", "done", "cancelled"]),
    system: z.boolean(),
    entity: z.string().nullable(),
    recordId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
    completedAt: z.string().nullable(),
    remindAt: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi("Activity");
const Instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const Id = z.string().min(1).max(64);
// v2: the kinds people log. (Automations may still create other types through their actions.)
const ActivityType = z.enum(["task", "call", "meeting", "note"]);

const common = { tags: ["Activities"], security: [{ bearer: [] }] };

export const activitiesRoutes = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/activities",
      summary: "Activities; assignee=me for my own",
      middleware: [authenticate()],
      request: {
        query: z.object({
          assignee: z.string().max(64).optional().openapi({ description: '"me" or a user id' }),
          status: z.enum(["open", "done", "cancelled"]).optional(),
          entity: z.string().regex(CONFIG_NAME_RE).optional(),
          recordId: Id.optional(),
          overdue: z.enum(["true", "false"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(Activity) }), "Activities"),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { tdb, principal } = c.var;
      const assigneeId = q.assignee === "me" ? principal.userId : q.assignee;
      const readable = readableActivities(
        tdb,
        await currentSnapshot(c.env, principal.tenantId, (p) => c.executionCtx.waitUntil(p)),
        principal,
      );
      return c.json(
        { items: await listActivities(tdb, { ...q, assigneeId, overdue: q.overdue === "true", readable }) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/activities",
      summary: "Create an activity",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        body: jsonBody(
          z
            .object({
              title: z.string().trim().min(1).max(300),
              type: ActivityType.optional(),
              notes: z.string().max(10_000).optional(),
              assigneeId: Id.nullable().optional(),
              dueAt: Instant.nullable().optional(),
              remindAt: Instant.nullable().optional(),
              entity: z.string().regex(CONFIG_NAME_RE).optional(),
              recordId: Id.optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonContent(Activity, "Created"), ...errorResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      const body = c.req.valid("json");
      // Only about a record the caller can read; one that exists but is not theirs reads as absent.
      if (body.recordId) {
        const snapshot = await currentSnapshot(c.env, tenantId, (p) => c.executionCtx.waitUntil(p));
        const readable = await readableRecordIds(c.var.tdb, snapshot, c.var.principal, [body.recordId]);
        if (!readable.has(body.recordId))
          throw validationFailed([{ path: "recordId", message: "must reference an existing record" }]);
      }
      const activity = await createActivity(c.var.tdb, userId, {
        ...body,
        assigneeId: body.assigneeId === undefined ? userId : body.assigneeId,
      });
      c.executionCtx.waitUntil(
        tenantHub(c.env, tenantId)
          .drainEvents()
          .catch(() => undefined),
      );
      return c.json(activity, 201);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/crm/activities/{id}",
      summary: "Update an activity: complete it (status done), edit, reassign, reschedule",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({ id: Id.openapi({ param: { name: "id", in: "path" } }) }),
        body: jsonBody(
          z
            .object({
              status: z.enum(["open", "done", "cancelled"]).optional(),
              title: z.string().trim().min(1).max(300).optional(),
              notes: z.string().max(10_000).nullable().optional(),
              assigneeId: Id.nullable().optional(),
              dueAt: Instant.nullable().optional(),
              remindAt: Instant.nullable().optional(),
              type: ActivityType.optional(),
            })
            .strict()
            .refine((v) => Object.keys(v).length > 0, "Give at least one change"),
        ),
      },
      responses: { 200: jsonContent(Activity, "Updated"), ...errorResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      const readable = readableActivities(
        c.var.tdb,
        await currentSnapshot(c.env, tenantId, (p) => c.executionCtx.waitUntil(p)),
        c.var.principal,
      );
      const activity = await updateActivity(c.var.tdb, userId, {
        id: c.req.valid("param").id,
        change: c.req.valid("json"),
        readable,
      });
      c.executionCtx.waitUntil(
        tenantHub(c.env, tenantId)
          .drainEvents()
          .catch(() => undefined),
      );
      return c.json(activity, 200);
    },
  );
