// Email goes out through a provider behind this interface. Locally (and until a provider is
// configured) messages are only stored in the outbox, where the app can show them.
export type EmailMessage = { to: string; subject: string; body: string };
export type Delivery = { status: "sent" | "stored" | "failed"; error?: string };

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
