import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { listNotifications, markRead } from "../services/notifications";

const Notification = z
  .object({
    id: z.string(),
    at: z.string(),
    read: z.boolean(),
    title: z.string(),
    entity: z.string().optional(),
    recordId: z.string().optional(),
    kind: z.enum([
      "assigned",
      "approval.requested",
      "approval.decided",
      "sla.warning",
      "sla.breached",
      "mention",
      "reminder",
    ]),
  })
  .openapi("Notification");
const common = { tags: ["Notifications"], security: [{ bearer: [] }] };

export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/notifications",
      summary: "My notifications, newest first",
      description: 'Also pushed live on the socket as {type:"notification", notification} to the member it is for.',
      middleware: [authenticate()],
      request: {
        query: z.object({
          unread: z.enum(["true", "false"]).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          cursor: z.string().max(200).optional(),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({ items: z.array(Notification), unread: z.number().int(), nextCursor: z.string().nullable() }),
          "Notifications",
        ),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await listNotifications(c.var.tdb, c.var.principal.userId, {
          unread: q.unread === "true",
          limit: q.limit,
          cursor: q.cursor,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/notifications/read",
      summary: "Mark my notifications read (all when ids is absent)",
      middleware: [authenticate()],
      request: { body: jsonBody(z.object({ ids: z.array(z.string().min(1).max(200)).max(500).optional() }).strict()) },
      responses: {
        200: jsonContent(z.object({ unread: z.number().int() }), "Unread left"),
        ...errorResponses(401, 422),
      },
    }),
    async (c) => c.json({ unread: await markRead(c.var.tdb, c.var.principal.userId, c.req.valid("json").ids) }, 200),
  );
