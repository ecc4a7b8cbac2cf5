// 7. E-mail in and out through wrangler dev's Email Routing handler (/cdn-cgi/handler/email): a
// customer's mail with an attachment becomes a case in the agent's inbox; the agent opens the
// thread, sees the attachment and replies from the composer; the customer's answer (In-Reply-To
// the first mail) joins the same case and shows up in the open thread.
import assert from "node:assert/strict";
import { DEMO_TENANT } from "../../../scripts/demo";
import { eventually, visible } from "../lib/browser";
import type { Scenario } from "../lib/scenario";

const INBOUND_DOMAIN = "inbound.pulse-8.localhost"; // INBOUND_EMAIL_DOMAIN's default

function mime(m: {
  from: string;
  to: string;
  subject: string;
  id: string;
  inReplyTo?: string;
  text: string;
  attachment?: { name: string; body: string };
}): string {
  const head = [
    `From: Dana Scully <${m.from}>`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.id}>`,
    "MIME-Version: 1.0",
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
  ];
  if (!m.attachment) return [...head, "Content-Type: text/plain; charset=utf-8", "", m.text, ""].join("\r\n");
  const boundary = "pulse8-e2e-boundary";
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    m.text,
    `--${boundary}`,
    `Content-Type: text/plain; name="${m.attachment.name}"`,
    `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(m.attachment.body).toString("base64"),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

async function deliver(base: string, from: string, to: string, raw: string): Promise<string> {
  const res = await fetch(
    `${base}/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    { method: "POST", body: raw },
  );
  const text = await res.text();
  assert.equal(res.status, 200, `the email handler answered ${res.status}: ${text}`);
  return text;
}

export const inboundEmail: Scenario = {
  name: "Agent: a customer's e-mail with an attachment becomes a case; the reply and the answer thread onto it",
  timeoutMs: 90_000,
  async run(t) {
    const salt = Date.now().toString(36);
    const customer = `dana-${salt}@fbi.test`;
    const inbox = `support+${DEMO_TENANT.slug}@${INBOUND_DOMAIN}`;
    const subject = `Printer ${salt} prints only X-files`;
    const firstId = `${salt}.1@fbi.test`;
    await deliver(
      t.base,
      customer,
      inbox,
      mime({
        from: customer,
        to: inbox,
        subject,
        id: firstId,
        text: "Every page says 'The truth is out there'.",
        attachment: { name: `printout-${salt}.txt`, body: "The truth is out there" },
      }),
    );
    t.step("email handler: the customer's mail was accepted");

    const agent = await t.user("agent");
    const page = agent.page;
    await page.goto(`${t.base}/crm/inbox`);
    const threads = page.getByRole("list", { name: "Threads" });
    await visible(threads.getByRole("link", { name: subject }));
    await threads.getByRole("link", { name: subject }).click();
    const messages = page.getByRole("list", { name: "Messages" });
    await visible(messages.getByText("Every page says 'The truth is out there'."));
    await visible(
      messages.getByRole("list", { name: "Attachments" }).getByRole("button", { name: `printout-${salt}.txt` }),
    );
    t.step("agent: the thread shows the mail and its attachment");
    await t.shot(page, "thread-with-attachment");

    await page.getByRole("textbox", { name: "Message" }).fill("Have you tried unplugging it?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await visible(messages.getByText("Have you tried unplugging it?"));
    t.step("agent: the reply is in the thread");

    await deliver(
      t.base,
      customer,
      inbox,
      mime({
        from: customer,
        to: inbox,
        subject: `Re: ${subject}`,
        id: `${salt}.2@fbi.test`,
        inReplyTo: firstId,
        text: "Unplugged. Now it prints I WANT TO BELIEVE.",
      }),
    );
    const answer = messages.getByText("Unplugged. Now it prints I WANT TO BELIEVE.");
    await eventually(
      async () => {
        if ((await answer.count()) > 0) return true;
        await page.reload(); // the thread re-reads on a live update; a reload is the fallback
        return (await answer.count()) > 0;
      },
      "the customer's answer to join the case",
      30_000,
      1000,
    );
    assert.equal(
      (await messages
        .getByRole("listitem")
        .filter({ hasText: /Dana Scully|unplugging/ })
        .count()) >= 3,
      true,
      "three messages on one case",
    );
    t.step("email handler: the customer's answer joined the same case");
    await t.shot(page, "thread-answered");
  },
};
