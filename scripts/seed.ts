import { demoSnapshot, starterSnapshot } from "../worker/shared/config/starter";
import { getRawItem, listItems } from "../worker/shared/config/snapshot";
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from "./demo";

type Json = Record<string, unknown>;

/** Talks to a running Worker, the way any API client would. */
function client(baseUrl: string) {
  let token = "";
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  return { call, setToken: (t: string) => (token = t) };
}

function expectStatus(res: { status: number; body: Json }, ok: number[], what: string) {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** Creates the Acme tenant, its users and the demo automations unless they already exist. */
export async function seedDemo(baseUrl: string): Promise<void> {
  const api = client(baseUrl);
  const [admin, ...others] = DEMO_USERS;
  let auth = await api.call("POST", "/auth/login", { email: admin.email, password: DEMO_PASSWORD, tenant: DEMO_TENANT.slug });
  if (auth.status === 401) {
    auth = await api.call("POST", "/auth/register", { email: admin.email, password: DEMO_PASSWORD, name: admin.name, tenantName: DEMO_TENANT.name });
    expectStatus(auth, [201], "register the demo tenant");
  }
  expectStatus(auth, [200, 201], "sign in as the demo admin");
  api.setToken(String(auth.body.token));

  const members = await api.call("GET", "/admin/members");
  const existing = new Set((members.body.items as { user: { email: string } }[]).map((m) => m.user.email));
  for (const user of others.filter((u) => !existing.has(u.email))) {
    expectStatus(await api.call("POST", "/admin/members", { ...user, password: DEMO_PASSWORD }), [201], `add ${user.email}`);
  }

  // The demo's extra config (automations and what they use) on top of the starter version.
  const starter = starterSnapshot();
  const extras = listItems(demoSnapshot()).filter((i) => getRawItem(starter, i.namespace, i.entity, i.key) === undefined);
  let drafted = 0;
  for (const item of extras) {
    const path = `/admin/config/${item.namespace}/${item.entity}/${item.key}/draft`;
    if ((await api.call("GET", path)).status === 200) continue;
    expectStatus(await api.call("PUT", path, { config: item.config }), [200, 201], `draft ${path}`);
    drafted++;
  }
  if (drafted > 0) {
    expectStatus(await api.call("POST", "/admin/config/publish", { message: "Demo automations" }), [200], "publish the demo config");
  }
}

// `npm run seed` against an already running `npm run dev`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 8787}`;
  seedDemo(base).then(
    () => console.log(`Seeded ${base}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
