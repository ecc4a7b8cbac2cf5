import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../lib/app-env";
import { ApiError, errorBody } from "../lib/errors";
import { authenticate } from "../middleware/auth";
import { mcpContext } from "../services/mcp/context";
import { handleMcpRequest } from "../services/mcp/server";

export const MCP_PATH = "/mcp";
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The Model Context Protocol endpoint (Streamable HTTP, stateless), outside /api because MCP
 * clients are configured with one URL. Authenticated like every route: a session token or an
 * API key as `Authorization: Bearer`, so a tool can never do more than its caller.
 */
export function createMcpApp() {
  const app = new Hono<AppEnv>();
  app.use(
    MCP_PATH,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.post(MCP_PATH, authenticate(), async (c) => {
    // Writes name the channel in the audit trail: the key's name, or "MCP" for a session token.
    c.var.tdb.via ??= "MCP";
    const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    const ctx = await mcpContext({ env: c.env, principal: c.var.principal, tdb: c.var.tdb, waitUntil });
    return handleMcpRequest(ctx, c.req.raw);
  });
  // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
  app.on(["GET", "DELETE"], MCP_PATH, (c) =>
    c.json(errorBody("method_not_allowed", "This MCP server is stateless: POST JSON-RPC messages"), 405, {
      allow: "POST",
    }),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      const challenge: Record<string, string> =
        err.status === 401 ? { "www-authenticate": 'Bearer realm="pulse-8"' } : {};
      return c.json(errorBody(err.code, err.message, err.details), err.status, { ...err.headers, ...challenge });
    }
    console.error("mcp unhandled", err);
    return c.json(errorBody("internal", "Something went wrong on our side"), 500);
  });
  return app;
}
