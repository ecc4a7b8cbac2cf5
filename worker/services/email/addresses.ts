import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { tenants } from "../../db/schema";

// Where a tenant's mail is received. Every tenant has `support+<slug>@<INBOUND_EMAIL_DOMAIN>`
// (one Email Routing catch-all or `support@` rule with subaddressing covers every tenant);
// INBOUND_ADDRESSES adds addresses of the tenant's own domain that are routed to this Worker:
// "help@acme.com=acme, sales@acme.com=acme" (address = tenant slug).

const LOCAL_PART = "support";
export const DEFAULT_INBOUND_DOMAIN = "inbound.pulse-8.localhost";

type AddressEnv = Pick<Env, "INBOUND_EMAIL_DOMAIN" | "INBOUND_ADDRESSES">;

const domainOf = (env: AddressEnv) => (env.INBOUND_EMAIL_DOMAIN || DEFAULT_INBOUND_DOMAIN).trim().toLowerCase();

function configured(env: AddressEnv): { address: string; slug: string }[] {
  return (env.INBOUND_ADDRESSES ?? "")
    .split(",")
    .map((pair) => pair.split("=").map((s) => s.trim().toLowerCase()))
    .filter((p): p is [string, string] => p.length === 2 && p[0]!.includes("@") && p[1]!.length > 0)
    .map(([address, slug]) => ({ address, slug }));
}

export function inboundAddresses(env: AddressEnv, slug: string): string[] {
  return [
    `${LOCAL_PART}+${slug}@${domainOf(env)}`,
    ...configured(env)
      .filter((c) => c.slug === slug)
      .map((c) => c.address),
  ];
}

/** The slug a recipient address names, or undefined when no tenant receives mail there. */
export function slugForRecipient(env: AddressEnv, to: string): string | undefined {
  const address = to
    .trim()
    .toLowerCase()
    .replace(/^.*<([^>]+)>.*$/, "$1");
  const listed = configured(env).find((c) => c.address === address);
  if (listed) return listed.slug;
  const at = address.lastIndexOf("@");
  if (at < 0 || address.slice(at + 1) !== domainOf(env)) return undefined;
  const match = /^([^+]+)\+([a-z0-9-]{1,64})$/.exec(address.slice(0, at));
  return match && match[1] === LOCAL_PART ? match[2] : undefined;
}

/** The tenant (control database) that receives mail at `to`. */
export async function tenantForRecipient(env: Env, to: string): Promise<{ id: string; slug: string } | undefined> {
  const slug = slugForRecipient(env, to);
  if (!slug) return undefined;
  const [row] = await createDb(env.DB)
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.slug, slug))
    .limit(1);
  return row;
}
