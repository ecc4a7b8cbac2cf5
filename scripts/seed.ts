import { listItems } from "../worker/shared/config/snapshot";
import { templateSnapshot } from "../worker/shared/config/templates";
import { DEMO_PASSWORD, DEMO_TEMPLATE, DEMO_TENANT, DEMO_USERS } from "./demo";
import { DEMO_CASES, DEMO_CUSTOMERS, DEMO_DEALS, DEMO_MESSAGES } from "./demo-data";

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
  let auth = await api.call("POST", "/auth/login", {
    email: admin.email,
    password: DEMO_PASSWORD,
    tenant: DEMO_TENANT.slug,
  });
  if (auth.status === 401) {
    auth = await api.call("POST", "/auth/register", {
      email: admin.email,
      password: DEMO_PASSWORD,
      name: admin.name,
      tenantName: DEMO_TENANT.name,
      template: DEMO_TEMPLATE,
    });
    expectStatus(auth, [201], "register the demo tenant");
  }
  expectStatus(auth, [200, 201], "sign in as the demo admin");
  api.setToken(String(auth.body.token));

  const members = await api.call("GET", "/admin/members");
  const existing = new Set((members.body.items as { user: { email: string } }[]).map((m) => m.user.email));
  for (const user of others.filter((u) => !existing.has(u.email))) {
    expectStatus(
      await api.call("POST", "/admin/members", { ...user, password: DEMO_PASSWORD }),
      [201],
      `add ${user.email}`,
    );
  }

  // A tenant registered before it came from the template gets the template's missing items.
  let drafted = 0;
  for (const item of listItems(templateSnapshot(DEMO_TEMPLATE))) {
    const path = `/admin/config/${item.namespace}/${item.entity}/${item.key}/draft`;
    if ((await api.call("GET", path)).status === 200) continue;
    expectStatus(await api.call("PUT", path, { config: item.config }), [200, 201], `draft ${path}`);
    drafted++;
  }
  if (drafted > 0) {
    expectStatus(
      await api.call("POST", "/admin/config/publish", { message: "Demo template" }),
      [200],
      "publish the demo config",
    );
  }
  await seedRecords(api);
}

/** Customers, deals along the pipeline, cases and inbox threads — only into an empty tenant. */
async function seedRecords(api: ReturnType<typeof client>) {
  const existing = await api.call("GET", "/crm/customers?limit=1");
  if ((existing.body.items as unknown[]).length > 0) return;
  const customers: string[] = [];
  for (const [name, email, tier, revenue] of DEMO_CUSTOMERS) {
    const body = {
      name,
      email,
      tier,
      revenue,
      company: name,
      ...(tier === "churned" ? { churnReason: "Moved to an in-house tool" } : {}),
    };
    const res = await api.call("POST", "/crm/customers", body);
    expectStatus(res, [201], `customer ${name}`);
    customers.push(String(res.body.id));
  }
  const walk = async (entity: string, id: string, steps: string[]) => {
    for (const to of steps)
      expectStatus(await api.call("POST", `/crm/${entity}/${id}/transition`, { to }), [200], `move ${entity} to ${to}`);
  };
  for (const [name, customer, amount, steps] of DEMO_DEALS) {
    const close = new Date(Date.now() + (steps.length + 1) * 9 * 86_400_000).toISOString().slice(0, 10);
    const res = await api.call("POST", "/crm/deals", {
      name,
      customer: customers[customer],
      amount,
      closeDate: close,
      source: "inbound",
    });
    expectStatus(res, [201], `deal ${name}`);
    await walk("deals", String(res.body.id), steps);
  }
  for (const [subject, customer, priority, steps] of DEMO_CASES) {
    const res = await api.call("POST", "/crm/cases", {
      subject,
      customer: customers[customer],
      priority,
      channel: "email",
      description: `${subject}. Reported by the customer.`,
    });
    expectStatus(res, [201], `case ${subject}`);
    await walk("cases", String(res.body.id), steps);
  }
  for (const message of DEMO_MESSAGES)
    expectStatus(await api.call("POST", "/crm/inbox/messages", message), [200, 201], `inbox ${message.externalId}`);
  expectStatus(
    await api.call("POST", "/crm/activities", {
      title: "Prepare Q3 business review for Globex",
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    }),
    [201],
    "activity",
  );
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
