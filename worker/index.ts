import { createApp } from "./app";
import { createMcpApp, MCP_PATH } from "./routes/mcp";
import { receiveEmail } from "./services/email/inbound";
import { sweepOutbox } from "./services/events/sweep";

export { TenantHub } from "./durable/tenant-hub";

const app = createApp();
const mcp = createMcpApp();

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    return pathname === MCP_PATH ? mcp.fetch(request, env, ctx) : app.fetch(request, env, ctx);
  },
  async email(message, env, ctx) {
    await receiveEmail(message, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepOutbox(env));
  },
} satisfies ExportedHandler<Env>;
