import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, publishConfig } from "../helpers";

const msg = (over: Record<string, unknown> = {}) => ({
  channel: "email",
  externalId: crypto.randomUUID(),
  from: { email: "Jane@Customer.test", name: "Jane Doe" },
  subject: "Printer broken",
  body: "It jams.",
  ...over,
});

async function sign(key: string, body: string) {
  const k = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

describe("inbox", () => {
  it("creates the customer and a case for a new sender, then threads replies into the open case", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const first = await api("POST", "/crm/inbox/messages", { token: agent.token, body: msg() });
    expect(first.status).toBe(201);
    expect(first.body.customer).toMatchObject({
      entity: "customers",
      data: { name: "Jane Doe", email: "jane@customer.test" },
    });
    expect(first.body.case).toMatchObject({
      entity: "cases",
      status: "new",
      data: { subject: "Printer broken", channel: "email", description: "It jams.", customer: first.body.customer.id },
    });

    const reply = await api("POST", "/crm/inbox/messages", {
      token: agent.token,
      body: msg({ subject: "RE: Fwd: printer broken", body: "Still jams." }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.case.id).toBe(first.body.case.id);
    expect(reply.body.customer.id).toBe(first.body.customer.id);

    const other = await api("POST", "/crm/inbox/messages", {
      token: agent.token,
      body: msg({ subject: "Invoice question" }),
    });
    expect(other.body.case.id).not.toBe(first.body.case.id);
    expect(other.body.customer.id).toBe(first.body.customer.id);

    const threads = await api("GET", "/crm/inbox", { token: agent.token });
    expect(threads.body.items.map((t: { caseId: string; messageCount: number }) => [t.caseId, t.messageCount])).toEqual(
      [
        [other.body.case.id, 1],
        [first.body.case.id, 2],
      ],
    );
    const messages = await api("GET", `/crm/inbox/${first.body.case.id}/messages`, { token: agent.token });
    expect(messages.body.items.map((m: { body: string }) => m.body)).toEqual(["It jams.", "Still jams."]);
  });

  it("is idempotent by externalId (200 the second time, nothing new)", async () => {
    const admin = await makeTenant();
    const body = msg({ externalId: "mail-42" });
    const first = await api("POST", "/crm/inbox/messages", { token: admin.token, body });
    const again = await api("POST", "/crm/inbox/messages", { token: admin.token, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    const both = await Promise.all(
      [1, 2, 3].map(() =>
        api("POST", "/crm/inbox/messages", {
          token: admin.token,
          body: msg({ externalId: "mail-43", subject: "Another topic" }),
        }),
      ),
    );
    expect(both.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await api("GET", "/crm/cases", { token: admin.token })).body.items).toHaveLength(2);
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("copes with first messages from one new sender arriving at once", async () => {
    const admin = await makeTenant();
    const results = await Promise.all(
      ["a", "b", "c"].map((id) =>
        api("POST", "/crm/inbox/messages", {
          token: admin.token,
          body: msg({ externalId: id, subject: `Topic ${id}` }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toHaveLength(1);
    expect((await api("GET", "/crm/cases", { token: admin.token })).body.items).toHaveLength(3);
  });

  it("opens a new case when the thread's case is closed", async () => {
    const admin = await makeTenant();
    const first = await api("POST", "/crm/inbox/messages", { token: admin.token, body: msg({ threadId: "t-1" }) });
    for (const to of ["open", "resolved"])
      await api("POST", `/crm/cases/${first.body.case.id}/transition`, { token: admin.token, body: { to } });
    const later = await api("POST", "/crm/inbox/messages", {
      token: admin.token,
      body: msg({ threadId: "t-1", subject: "Different subject, same thread" }),
    });
    expect(later.body.case.id).not.toBe(first.body.case.id);
    expect((await api("GET", "/crm/inbox?status=open", { token: admin.token })).body.items).toHaveLength(1);
    expect((await api("GET", "/crm/inbox?status=all", { token: admin.token })).body.items).toHaveLength(2);
  });

  it("accepts a gateway's signed message without a user token, and refuses a bad signature", async () => {
    const admin = await makeTenant();
    const { body: keyInfo } = await api("GET", "/admin/inbox/ingest-key", { token: admin.token });
    const raw = JSON.stringify(msg());
    const signed = await api("POST", "/crm/inbox/messages", {
      raw,
      headers: {
        "content-type": "application/json",
        "x-pulse-tenant": keyInfo.tenant,
        "x-pulse-signature": await sign(keyInfo.key, raw),
      },
    });
    expect(signed.status).toBe(201);
    expect(signed.body.case.ownerId).toBeNull();
    const forged = await api("POST", "/crm/inbox/messages", {
      raw,
      headers: {
        "content-type": "application/json",
        "x-pulse-tenant": keyInfo.tenant,
        "x-pulse-signature": await sign("guess", raw),
      },
    });
    expect(forged.status).toBe(401);
    const other = await makeTenant();
    const cross = await api("POST", "/crm/inbox/messages", {
      raw,
      headers: {
        "content-type": "application/json",
        "x-pulse-tenant": other.slug,
        "x-pulse-signature": await sign(keyInfo.key, raw),
      },
    });
    expect(cross.status).toBe(401);
  });

  it("needs an agent, rejects bad bodies with 422, and hides other tenants' threads", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    expect((await api("POST", "/crm/inbox/messages", { token: viewer.token, body: msg() })).status).toBe(403);
    const bad = await api("POST", "/crm/inbox/messages", {
      token: admin.token,
      body: { channel: "fax", externalId: "", from: { email: "nope" }, body: "" },
    });
    expect(bad.status).toBe(422);
    await api("POST", "/crm/inbox/messages", { token: admin.token, body: msg() });
    const b = await makeTenant();
    expect((await api("GET", "/crm/inbox", { token: b.token })).body.items).toEqual([]);
    const caseId = (await api("GET", "/crm/inbox", { token: admin.token })).body.items[0].caseId;
    expect((await api("GET", `/crm/inbox/${caseId}/messages`, { token: b.token })).status).toBe(404);
  });

  it("still accepts messages from new senders when an admin made more customer fields required", async () => {
    const admin = await makeTenant();
    const form = (await api("GET", "/runtime/config", { token: admin.token })).body.snapshot.form.customers.default;
    await publishConfig(admin, [
      {
        ns: "form",
        entity: "customers",
        key: "default",
        config: {
          ...form,
          fields: [...form.fields, { name: "accountManager", label: "Account manager", type: "text", required: true }],
        },
      },
    ]);
    const res = await api("POST", "/crm/inbox/messages", {
      token: admin.token,
      body: msg({ from: { email: "brand.new@x.test" } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.customer.data).toMatchObject({ email: "brand.new@x.test" });
  });
});
