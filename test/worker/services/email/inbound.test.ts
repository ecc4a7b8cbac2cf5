import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../../worker/index";
import { api, makeTenant, type Json, type Session } from "../../helpers";

const DOMAIN = "inbound.pulse-8.localhost";
const addressOf = (t: Session) => `support+${t.slug}@${DOMAIN}`;

type Mail = {
  from?: string;
  to: string;
  messageId: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string;
  attachment?: { name: string; type: string; content: string };
};

/** An RFC 5322 message, multipart when it carries a file. */
function rawMail(m: Mail): string {
  const head = [
    `From: Jane Doe <${m.from ?? "jane@customer.test"}>`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Message-ID: ${m.messageId}`,
    "Date: Wed, 02 Dec 2026 09:00:00 +0000",
    "MIME-Version: 1.0",
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
  ];
  if (!m.attachment) return [...head, "Content-Type: text/plain; charset=utf-8", "", m.text, ""].join("\r\n");
  const b = "b-0123456789";
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    m.text,
    `--${b}`,
    `Content-Type: ${m.attachment.type}; name="${m.attachment.name}"`,
    `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    "Content-Transfer-Encoding: base64",
    "",
    btoa(m.attachment.content),
    `--${b}--`,
    "",
  ].join("\r\n");
}

/** What Email Routing hands the Worker: a ForwardableEmailMessage over the raw text. */
function fakeMessage(raw: string, envelope: { from: string; to: string }, extraHeaders: Record<string, string> = {}) {
  const bytes = new TextEncoder().encode(raw);
  const rejected: string[] = [];
  const message = {
    from: envelope.from,
    to: envelope.to,
    rawSize: bytes.byteLength,
    raw: new Response(bytes).body!,
    headers: new Headers(extraHeaders),
    setReject: (reason: string) => void rejected.push(reason),
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
  return { message, rejected };
}

async function deliver(raw: string, to: string, headers: Record<string, string> = {}) {
  const fake = fakeMessage(raw, { from: "jane@customer.test", to }, headers);
  const ctx = createExecutionContext();
  await worker.email!(fake.message, env, ctx);
  await waitOnExecutionContext(ctx);
  return fake.rejected;
}

const threads = async (t: Session) =>
  (await api("GET", "/crm/inbox?status=all", { token: t.token })).body.items as Json[];
const messagesOf = async (t: Session, caseId: string) =>
  (await api("GET", `/crm/inbox/${caseId}/messages`, { token: t.token })).body.items as Json[];

describe("inbound e-mail (the Worker's email handler)", () => {
  it("turns a mail with an attachment into a customer, a case, a message and a stored file", async () => {
    const t = await makeTenant();
    const raw = rawMail({
      to: addressOf(t),
      messageId: "<first-1@customer.test>",
      subject: "Printer broken",
      text: "It jams on page 2.",
      attachment: { name: "jam.txt", type: "text/plain", content: "paper jam log" },
    });
    const rejected = await deliver(raw, addressOf(t), {
      "authentication-results":
        "mx.cloudflare.net; spf=pass smtp.mailfrom=customer.test; dkim=pass header.d=customer.test; dmarc=fail " +
        "header.from=customer.test",
    });
    expect(rejected).toEqual([]);

    const customers = (await api("GET", "/crm/customers", { token: t.token })).body.items;
    expect(customers).toHaveLength(1);
    expect(customers[0].data).toMatchObject({ name: "Jane Doe", email: "jane@customer.test" });
    const [thread] = await threads(t);
    expect(thread).toMatchObject({ subject: "Printer broken", messageCount: 1, customer: { id: customers[0].id } });
    const [message] = await messagesOf(t, thread.caseId);
    expect(message).toMatchObject({
      channel: "email",
      externalId: "<first-1@customer.test>",
      body: "It jams on page 2.",
      to: addressOf(t),
      auth: { spf: "pass", dkim: "pass", dmarc: "fail" },
    });
    expect(message.attachments).toMatchObject([
      { filename: "jam.txt", contentType: "text/plain", size: 13, stored: true },
    ]);

    const file = await exports.default.fetch(`http://pulse.test${message.attachments[0].url}`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain('filename="jam.txt"');
    expect(await file.text()).toBe("paper jam log");
  });

  it("threads a reply onto the same case by In-Reply-To, and by the case token in the subject", async () => {
    const t = await makeTenant();
    await deliver(
      rawMail({ to: addressOf(t), messageId: "<root@customer.test>", subject: "Invoice wrong", text: "Please fix." }),
      addressOf(t),
    );
    const [first] = await threads(t);
    // A different subject: only the headers say it is the same conversation.
    await deliver(
      rawMail({
        to: addressOf(t),
        messageId: "<reply@customer.test>",
        subject: "one more thing",
        text: "Also the date.",
        inReplyTo: "<root@customer.test>",
        references: "<root@customer.test>",
      }),
      addressOf(t),
    );
    await deliver(
      rawMail({
        to: addressOf(t),
        messageId: "<token@customer.test>",
        subject: `Re: something else [Case #${first.caseId}]`,
        text: "Any news?",
      }),
      addressOf(t),
    );
    const all = await threads(t);
    expect(all).toHaveLength(1);
    expect((await messagesOf(t, first.caseId)).map((m) => m.body)).toEqual([
      "Please fix.",
      "Also the date.",
      "Any news?",
    ]);
  });

  it("stores a mail delivered twice once", async () => {
    const t = await makeTenant();
    const raw = rawMail({
      to: addressOf(t),
      messageId: "<dup@customer.test>",
      subject: "Twice",
      text: "Hello",
      attachment: { name: "a.txt", type: "text/plain", content: "x" },
    });
    await deliver(raw, addressOf(t));
    await deliver(raw, addressOf(t));
    const [thread, ...more] = await threads(t);
    expect(more).toEqual([]);
    const messages = await messagesOf(t, thread.caseId);
    expect(messages).toHaveLength(1);
    expect(messages[0].attachments).toHaveLength(1);
    expect((await api("GET", "/crm/cases", { token: t.token })).body.items).toHaveLength(1);
  });

  it("rejects mail for an unknown recipient and stores nothing", async () => {
    const t = await makeTenant();
    expect(
      await deliver(
        rawMail({ to: "support+nobody-here@" + DOMAIN, messageId: "<x@y>", subject: "Hi", text: "?" }),
        `support+no-such-tenant-zz@${DOMAIN}`,
      ),
    ).toEqual(["Unknown recipient"]);
    expect(
      await deliver(
        rawMail({ to: "someone@elsewhere.test", messageId: "<x2@y>", subject: "Hi", text: "?" }),
        "someone@elsewhere.test",
      ),
    ).toEqual(["Unknown recipient"]);
    expect(await threads(t)).toEqual([]);
  });

  it("lets no other tenant download the attachment", async () => {
    const [t, other] = [await makeTenant(), await makeTenant()];
    await deliver(
      rawMail({
        to: addressOf(t),
        messageId: "<secret@customer.test>",
        subject: "Contract",
        text: "Attached.",
        attachment: { name: "contract.pdf", type: "application/pdf", content: "%PDF-1.4 secret" },
      }),
      addressOf(t),
    );
    const [thread] = await threads(t);
    const [message] = await messagesOf(t, thread.caseId);
    const url = message.attachments[0].url as string;
    const theirs = await exports.default.fetch(`http://pulse.test${url}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain("secret");
    const anonymous = await exports.default.fetch(`http://pulse.test${url}`);
    expect(anonymous.status).toBe(401);
  });

  it("tells the admin where mail is received", async () => {
    const t = await makeTenant();
    const res = await api("GET", "/admin/inbox/address", { token: t.token });
    expect(res.status).toBe(200);
    expect(res.body.addresses).toEqual([addressOf(t)]);
  });
});
