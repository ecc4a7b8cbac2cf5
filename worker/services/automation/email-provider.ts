// Email goes out through a provider behind this interface: Cloudflare's send_email binding
// (`EMAIL`) in production; locally (and until the binding is configured) messages are only
// stored in the outbox, where the app shows them.
export type EmailMessage = {
  to: string;
  subject: string;
  body: string;
  from?: string;
  /** Threading headers: Message-ID, In-Reply-To, References. */
  headers?: Record<string, string>;
};
export type Delivery = { status: "sent" | "stored" | "failed"; error?: string; messageId?: string };

export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage): Promise<Delivery>;
}

export const localEmailProvider: EmailProvider = {
  name: "local",
  async send() {
    return { status: "stored" };
  },
};

/** Cloudflare Email Service: the destination must be allowed for the binding, the From domain verified. */
export function cloudflareEmailProvider(binding: SendEmail): EmailProvider {
  return {
    name: "cloudflare",
    async send(message) {
      if (!message.from) return { status: "failed", error: "no From address" };
      try {
        const result = await binding.send({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.body,
          headers: message.headers,
        });
        return { status: "sent", messageId: result.messageId };
      } catch (error) {
        return { status: "failed", error: String((error as Error)?.message ?? error).slice(0, 500) };
      }
    },
  };
}

export function emailProviderFor(env: Pick<Env, "EMAIL">): EmailProvider {
  return env.EMAIL ? cloudflareEmailProvider(env.EMAIL) : localEmailProvider;
}
