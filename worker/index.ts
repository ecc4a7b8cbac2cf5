import { createApp } from "./app";
import { createMcpApp, MCP_PATH } from "./routes/mcp";
import { receiveEmail } from "./services/email/inbound";
import { sweepOutbox } from "./services/events/sweep";
import { countingEnv, formatTrips, newTrips, TRIPS_HEADER, tripsEnabled } from "./lib/trips";

export { TenantHub } from "./durable/tenant-hub";

const app = createApp();
const mcp = createMcpApp();

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    const handle = (e: Env) => (pathname === MCP_PATH ? mcp.fetch(request, e, ctx) : app.fetch(request, e, ctx));
    if (!tripsEnabled(env)) return handle(env);
    // Development only (lib/trips.ts): the round trips this request made, in a response header.
    const trips = newTrips();
    const res = await handle(countingEnv(env, trips));
    if (res.status === 101 || res.webSocket) return res;
    const out = new Response(res.body, res);
    out.headers.set(TRIPS_HEADER, formatTrips(trips));
    return out;
  },
  async email(message, env, ctx) {
    await receiveEmail(message, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepOutbox(env));
  },
} satisfies ExportedHandler<Env>;
