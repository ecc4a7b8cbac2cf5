import { createRoute } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import { IDENTITY_HEADERS } from "../durable/sockets";
import { ApiError } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses } from "../lib/schemas";
import { authenticate } from "../middleware/auth";

export const realtime = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/realtime",
    // Browsers cannot set headers on a WebSocket: the token rides in ?token= (or the bearer.<jwt> subprotocol).
    security: [{ bearer: [] }, { queryToken: [] }],
    tags: ["Realtime"],
    summary: "Upgrade to the tenant's WebSocket (token as ?token= or subprotocol bearer.<jwt>)",
    description:
      "Server messages: hello, config.published, record.changed, sla.*, approval.*, activity.created. Client: " +
      '{"type":"ping"}.',
    middleware: [authenticate()],
    responses: { 101: { description: "Switching protocols" }, ...errorResponses(401, 426) },
  }),
  async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "Connect with a WebSocket upgrade");
    }
    // The object trusts these headers because only this Worker can reach it.
    const { tenantId, userId, role, sessionId } = c.var.principal;
    const headers = new Headers(c.req.raw.headers);
    headers.set(IDENTITY_HEADERS.tenant, tenantId);
    headers.set(IDENTITY_HEADERS.user, userId);
    headers.set(IDENTITY_HEADERS.role, role);
    headers.set(IDENTITY_HEADERS.session, sessionId);
    return tenantHub(c.env, tenantId).fetch(new Request(c.req.raw, { headers }));
  },
);
