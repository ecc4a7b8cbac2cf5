import { createApp } from "./app";
import { receiveEmail } from "./services/email/inbound";
import { sweepOutbox } from "./services/events/sweep";

export { TenantHub } from "./durable/tenant-hub";

const app = createApp();

export default {
  fetch: app.fetch,
  async email(message, env, ctx) {
    await receiveEmail(message, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepOutbox(env));
  },
} satisfies ExportedHandler<Env>;
