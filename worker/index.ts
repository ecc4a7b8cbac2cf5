import { DurableObject } from "cloudflare:workers";
export class TenantHub extends DurableObject<Env> {
  async ping() { return "pong"; }
}
export default {
  async fetch(req: Request, env: Env) {
    const stub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName("t"));
    return Response.json({ ok: true, p: await stub.ping() });
  },
} satisfies ExportedHandler<Env>;
