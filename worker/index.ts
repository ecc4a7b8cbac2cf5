import { createApp } from "./app";

export { TenantHub } from "./durable/tenant-hub";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
