import { createApp } from "./app";
import { sweepOutbox } from "./services/events/sweep";

export { TenantHub } from "./durable/tenant-hub";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepOutbox(env));
  },
} satisfies ExportedHandler<Env>;
