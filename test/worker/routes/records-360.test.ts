import { describe, expect, it } from "vitest";
import { customerForm, dealForm } from "../../../worker/shared/config/starter-forms";
import { api, eventually, makeMember, makeTenant, publishConfig, type Json } from "../helpers";

// Deals carry a manager-only "margin" field and customers a manager-only "secret" one.
async function setupWithHiddenFields() {
  const admin = await makeTenant();
  const deals = dealForm();
  deals.fields.push({ name: "margin", label: "Margin", type: "number", access: { read: "manager" } });
  const customers = customerForm();
  customers.fields.push({ name: "secret", label: "Secret", type: "text", access: { read: "manager" } });
  const res = await publishConfig(admin, [
    { ns: "form", entity: "deals", key: "default", config: deals },
    { ns: "form", entity: "customers", key: "default", config: customers },
  ]);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return admin;
}

const groupOf = (body: Json, entity: string) => body.groups.find((g: Json) => g.entity === entity);

describe("GET /crm/:entity/:id/related", () => {
  it("groups every record that points at this one, with totals, newest first, without hidden fields", async () => {
    const admin = await setupWithHiddenFields();
    const agent = await makeMember(admin, "agent");
    const globex = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Globex" } });
    const other = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Initech" } });
    const d1 = await api("POST", "/crm/deals", {
      token: admin.token,
      body: { name: "Deal one", customer: globex.body.id, margin: 12 },
    });
    const d2 = await api("POST", "/crm/deals", {
      token: admin.token,
      body: { name: "Deal two", customer: globex.body.id, margin: 30 },
    });
    await api("POST", "/crm/deals", { token: admin.token, body: { name: "Not theirs", customer: other.body.id } });
    await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Printer", customer: globex.body.id } });
    await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Invoice", customer: globex.body.id } });

    const res = await api("GET", `/crm/customers/${globex.body.id}/related`, { token: agent.token });
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: Json) => [g.entity, g.field, g.total])).toEqual([
      ["cases", "customer", 2],
      ["deals", "customer", 2],
    ]);
    const deals = groupOf(res.body, "deals");
    expect(deals.title).toBe("Deals");
    expect(deals.items.map((d: Json) => d.id)).toEqual([d2.body.id, d1.body.id]);
    expect(deals.items[0].data).not.toHaveProperty("margin");
    expect(deals.columns).not.toContain("margin");
    expect(JSON.stringify(res.body)).not.toContain('"margin"');

    const asAdmin = await api("GET", `/crm/customers/${globex.body.id}/related?limit=1`, { token: admin.token });
    expect(groupOf(asAdmin.body, "deals")).toMatchObject({ total: 2, items: [{ data: { margin: 30 } }] });
  });

  it("follows the form's related list: which groups, in what order, which columns", async () => {
    const admin = await makeTenant();
    const customers = {
      ...customerForm(),
      related: [{ entity: "deals", via: "customer", columns: ["name", "amount"], title: "Opportunities" }],
    };
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: customers }])).status,
    ).toBe(200);
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Hidden group", customer: c.body.id } });
    const res = await api("GET", `/crm/customers/${c.body.id}/related`, { token: admin.token });
    expect(res.body.groups).toHaveLength(1);
    expect(res.body.groups[0]).toMatchObject({
      entity: "deals",
      title: "Opportunities",
      columns: ["name", "amount"],
      total: 0,
      items: [],
    });
  });

  it("refuses a related list that names no reference to this entity", async () => {
    const admin = await makeTenant();
    const customers = { ...customerForm(), related: [{ entity: "deals", via: "amount" }] };
    const res = await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: customers }]);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain("related");
  });

  it("is a 404 for another tenant's record and for an unknown entity", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const c = await api("POST", "/crm/customers", { token: a.token, body: { name: "Mine" } });
    expect((await api("GET", `/crm/customers/${c.body.id}/related`, { token: b.token })).status).toBe(404);
    expect((await api("GET", `/crm/customers/${c.body.id}/timeline`, { token: b.token })).status).toBe(404);
    expect((await api("GET", `/crm/nothing/${c.body.id}/related`, { token: a.token })).status).toBe(404);
  });
});

// The test env sets PULSE_DEBUG_TRIPS=1 (README "Round trips per request").
const d1Trips = (headers: Headers) => /\bd1=(\d+)/.exec(headers.get("x-pulse-trips") ?? "")?.[1];

describe("the record page's reads", () => {
  it("answer the related lists and a timeline page in one D1 batch each, actors named", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const c = await api("POST", "/crm/customers", { token: agent.token, body: { name: "Globex" } });
    await api("POST", "/crm/deals", { token: agent.token, body: { name: "Big deal", customer: c.body.id } });
    await api("POST", "/crm/cases", { token: agent.token, body: { subject: "Printer", customer: c.body.id } });
    await api("POST", "/crm/activities", {
      token: agent.token,
      body: { title: "Call back", type: "call", entity: "customers", recordId: c.body.id },
    });
    await api("GET", `/crm/customers/${c.body.id}`, { token: admin.token }); // session and config remembered

    const related = await api("GET", `/crm/customers/${c.body.id}/related`, { token: admin.token });
    expect(related.body.groups.map((g: Json) => g.total)).toEqual([1, 1]);
    expect(d1Trips(related.headers)).toBe("1");
    const timeline = await api("GET", `/crm/customers/${c.body.id}/timeline`, { token: admin.token });
    expect(timeline.body.items.map((i: Json) => [i.summary, i.actor.name])).toEqual([
      ["Call: Call back", "A agent"],
      ["Created", "A agent"],
    ]);
    expect(d1Trips(timeline.headers)).toBe("1");
    // A 404 costs the same one batch, and tells nothing of the lists.
    const other = await makeTenant();
    const foreign = await api("GET", `/crm/customers/${c.body.id}/related`, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain("Big deal");

    // Someone no longer a member is named as such.
    expect((await api("DELETE", `/admin/members/${agent.userId}`, { token: admin.token })).status).toBe(204);
    const after = await api("GET", `/crm/customers/${c.body.id}/timeline`, { token: admin.token });
    const theirs = after.body.items.filter((i: Json) => i.actor.id === agent.userId);
    expect(theirs.map((i: Json) => [i.summary, i.actor.name])).toEqual([
      ["Call: Call back", "Former member"],
      ["Created", "Former member"],
    ]);
  });
});

describe("GET /crm/:entity/:id/timeline", () => {
  it("merges history, activities and messages newest first, paged by cursor", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const inbound = await api("POST", "/crm/inbox/messages", {
      token: agent.token,
      body: {
        channel: "email",
        externalId: `m-${Math.random()}`,
        from: { email: "pat@globex.test", name: "Pat" },
        subject: "Printer jams",
        body: "It jams.",
      },
    });
    expect(inbound.status).toBe(201);
    const caseId = inbound.body.case.id;
    await api("PATCH", `/crm/cases/${caseId}`, { token: agent.token, body: { priority: "high" } });
    await api("POST", "/crm/activities", {
      token: agent.token,
      body: { title: "Call Pat back", type: "call", entity: "cases", recordId: caseId },
    });

    const res = await api("GET", `/crm/cases/${caseId}/timeline`, { token: agent.token });
    expect(res.status).toBe(200);
    const kinds = res.body.items.map((i: Json) => i.kind);
    expect(kinds).toContain("message");
    expect(kinds).toContain("activity");
    expect(kinds).toContain("history");
    const ats = res.body.items.map((i: Json) => Date.parse(i.at));
    expect([...ats].sort((x, y) => y - x)).toEqual(ats);
    const change = res.body.items.find((i: Json) => i.summary === "Changed Priority");
    expect(change).toMatchObject({
      actor: { id: agent.userId, kind: "member" },
      data: { changes: { priority: { from: "normal", to: "high" } } },
    });
    expect(res.body.items.find((i: Json) => i.kind === "activity")).toMatchObject({
      summary: "Call: Call Pat back",
      data: { type: "call", status: "open" },
    });
    expect(res.body.items.find((i: Json) => i.kind === "message")).toMatchObject({
      summary: "Pat: Printer jams",
      data: { body: "It jams." },
    });

    // The customer's timeline shows the message they sent, too.
    const customer = await api("GET", `/crm/customers/${inbound.body.customer.id}/timeline?kinds=message`, {
      token: agent.token,
    });
    expect(customer.body.items.map((i: Json) => i.kind)).toEqual(["message"]);

    // Pages of one entry walk the same list without gaps or repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await api(
        "GET",
        `/crm/cases/${caseId}/timeline?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token: agent.token },
      );
      seen.push(...page.body.items.map((i: Json) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen).toEqual(res.body.items.map((i: Json) => i.id));

    const onlyActivities = await api("GET", `/crm/cases/${caseId}/timeline?kinds=activity`, { token: agent.token });
    expect(onlyActivities.body.items.map((i: Json) => i.kind)).toEqual(["activity"]);
    expect((await api("GET", `/crm/cases/${caseId}/timeline?kinds=gossip`, { token: agent.token })).status).toBe(400);
    expect((await api("GET", `/crm/cases/${caseId}/timeline?cursor=%%%`, { token: agent.token })).status).toBe(400);
  });

  it("tells e-mail the record's automations sent, and an agent's reply once, as a message going out", async () => {
    const admin = await makeTenant();
    const published = await publishConfig(admin, [
      {
        ns: "trigger",
        entity: "cases",
        key: "escalated",
        config: { on: "update", when: { field: "priority", op: "changedTo", value: "urgent" } },
      },
      {
        ns: "action",
        entity: "cases",
        key: "tell_pat",
        config: {
          type: "send_email",
          to: "pat@globex.test",
          subject: "We are on it",
          body: "Your case is urgent now.",
        },
      },
      {
        ns: "automation",
        entity: "cases",
        key: "escalation_mail",
        config: { trigger: "escalated", actions: ["tell_pat"] },
      },
    ]);
    expect(published.status).toBe(200);
    const inbound = await api("POST", "/crm/inbox/messages", {
      token: admin.token,
      body: {
        channel: "email",
        externalId: `m-${Math.random()}`,
        from: { email: "pat@globex.test", name: "Pat" },
        subject: "Printer jams",
        body: "It jams.",
      },
    });
    const caseId = inbound.body.case.id;
    expect(
      (
        await api("POST", `/crm/inbox/${caseId}/reply`, {
          token: admin.token,
          body: { body: "Try turning it off and on." },
        })
      ).status,
    ).toBeLessThan(300);
    await api("PATCH", `/crm/cases/${caseId}`, { token: admin.token, body: { priority: "urgent" } });

    const timeline = await eventually(async () => {
      const res = await api("GET", `/crm/cases/${caseId}/timeline?kinds=email,message`, { token: admin.token });
      return res.body.items.some((i: Json) => i.kind === "email") && res.body.items;
    });
    expect(timeline.filter((i: Json) => i.kind === "email")).toEqual([
      expect.objectContaining({
        summary: "To pat@globex.test: We are on it",
        data: expect.objectContaining({ body: "Your case is urgent now." }),
      }),
    ]);
    const messages = timeline.filter((i: Json) => i.kind === "message");
    expect(messages.map((m: Json) => m.data.direction)).toEqual(["out", "in"]);
    expect(messages[0].data).toMatchObject({ body: "Try turning it off and on.", to: "pat@globex.test" });
  });

  it("never shows a hidden field's values, and leaves out changes only to hidden fields", async () => {
    const admin = await setupWithHiddenFields();
    const agent = await makeMember(admin, "agent");
    const c = await api("POST", "/crm/customers", {
      token: admin.token,
      body: { name: "Globex", secret: "s3cr3t-value" },
    });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { secret: "another-s3cr3t" } });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { tier: "gold" } });
    const asAgent = await api("GET", `/crm/customers/${c.body.id}/timeline`, { token: agent.token });
    expect(asAgent.status).toBe(200);
    expect(JSON.stringify(asAgent.body)).not.toContain("s3cr3t");
    expect(asAgent.body.items.map((i: Json) => i.summary)).toEqual(["Changed Tier", "Created"]);
    const asAdmin = await api("GET", `/crm/customers/${c.body.id}/timeline`, { token: admin.token });
    expect(asAdmin.body.items.map((i: Json) => i.summary)).toEqual(["Changed Tier", "Changed Secret", "Created"]);
  });
});
