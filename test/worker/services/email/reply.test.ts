import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../../worker/index";
import { api, tenantD1, makeMember, makeTenant, type Json, type Session } from "../../helpers";

const addressOf = (t: Session) => `support+${t.slug}@inbound.pulse-8.localhost`;

function raw(h: Record<string, string>, text: string) {
  return [
    ...Object.entries(h).map(([k, v]) => `${k}: ${v}`),
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "",
  ].join("\r\n");
}

async function deliver(t: Session, headers: Record<string, string>, text: string) {
  const bytes = new TextEncoder().encode(
    raw({ From: "Jane <jane@customer.test>", To: addressOf(t), ...headers }, text),
  );
  const message = {
    from: "jane@customer.test",
    to: addressOf(t),
    rawSize: bytes.byteLength,
    raw: new Response(bytes).body!,
    headers: new Headers(),
    setReject: () => undefined,
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await worker.email!(message, env, ctx);
  await waitOnExecutionContext(ctx);
}

const messagesOf = async (t: Session, caseId: string) =>
  (await api("GET", `/crm/inbox/${caseId}/messages`, { token: t.token })).body.items as Json[];

describe("replying from a case's thread", () => {
  it("sends a threaded reply (in the thread and outbox) and files the customer's answer on the same case", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    await deliver(admin, { Subject: "Printer broken", "Message-ID": "<q1@customer.test>" }, "It jams.");
    const [thread] = (await api("GET", "/crm/inbox", { token: agent.token })).body.items;

    const reply = await api("POST", `/crm/inbox/${thread.caseId}/reply`, {
      token: agent.token,
      body: { body: "Have you tried turning it off and on?" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.delivery).toEqual({ status: "stored", provider: "local" }); // no send_email binding in tests
    expect(reply.body.message).toMatchObject({
      direction: "out",
      to: "jane@customer.test",
      from: { email: addressOf(admin) },
      subject: `Re: Printer broken [Case #${thread.caseId}]`,
    });

    const outbox = (await api("GET", `/admin/automation/emails?recordId=${thread.caseId}`, { token: admin.token })).body
      .items;
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      to: "jane@customer.test",
      status: "stored",
      entity: "cases",
      recordId: thread.caseId,
    });

    // The customer's mail client answers the reply: a new subject, but In-Reply-To names our Message-ID.
    const ourId = reply.body.message.externalId as string;
    expect(ourId).toMatch(/^<reply_.+@inbound\.pulse-8\.localhost>$/);
    await deliver(
      admin,
      {
        Subject: "thanks",
        "Message-ID": "<q2@customer.test>",
        "In-Reply-To": ourId,
        References: `<q1@customer.test> ${ourId}`,
      },
      "That worked!",
    );
    expect((await messagesOf(agent, thread.caseId)).map((m) => [m.direction, m.body])).toEqual([
      ["in", "It jams."],
      ["out", "Have you tried turning it off and on?"],
      ["in", "That worked!"],
    ]);
    expect((await api("GET", "/crm/cases", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("carries In-Reply-To and References of the thread", async () => {
    const admin = await makeTenant();
    await deliver(admin, { Subject: "Invoice", "Message-ID": "<i1@customer.test>" }, "Wrong total.");
    await deliver(
      admin,
      { Subject: "Re: Invoice", "Message-ID": "<i2@customer.test>", "In-Reply-To": "<i1@customer.test>" },
      "Any news?",
    );
    const [thread] = (await api("GET", "/crm/inbox", { token: admin.token })).body.items;
    const reply = await api("POST", `/crm/inbox/${thread.caseId}/reply`, {
      token: admin.token,
      body: { body: "Fixed.", subject: "Your invoice" },
    });
    expect(reply.status).toBe(201);
    const [row] = await (await tenantD1(admin.tenantId))
      .prepare("SELECT headers, subject FROM email_outbox WHERE record_id = ?")
      .bind(thread.caseId)
      .all<{ headers: string; subject: string }>()
      .then((r) => r.results);
    expect(JSON.parse(row!.headers)).toMatchObject({
      "In-Reply-To": "<i2@customer.test>",
      References: "<i1@customer.test> <i2@customer.test>",
    });
    expect(row!.subject).toBe(`Your invoice [Case #${thread.caseId}]`);
  });

  it("refuses read-only members, empty bodies, and other tenants' cases", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    const other = await makeTenant();
    await deliver(admin, { Subject: "Hello", "Message-ID": "<h1@customer.test>" }, "Hi.");
    const [thread] = (await api("GET", "/crm/inbox", { token: admin.token })).body.items;
    expect(
      (await api("POST", `/crm/inbox/${thread.caseId}/reply`, { token: viewer.token, body: { body: "x" } })).status,
    ).toBe(403);
    expect(
      (await api("POST", `/crm/inbox/${thread.caseId}/reply`, { token: admin.token, body: { body: "  " } })).status,
    ).toBe(422);
    expect(
      (await api("POST", `/crm/inbox/${thread.caseId}/reply`, { token: other.token, body: { body: "x" } })).status,
    ).toBe(404);
    expect(await messagesOf(admin, thread.caseId)).toHaveLength(1);
  });
});
