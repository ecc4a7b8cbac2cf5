// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    /** HS256 key for session tokens: `wrangler secret put JWT_SECRET`; locally from .dev.vars. */
    JWT_SECRET: string;
    /** Optional HMAC key that lets a mail/chat gateway post to the inbox without a user token. */
    INGEST_SECRET?: string;
    /** Inbound mail and import files (R2). */
    FILES: R2Bucket;
    /** Each tenant receives mail at support+<slug>@<this domain> (Email Routing → email()). */
    INBOUND_EMAIL_DOMAIN?: string;
    /** More inbound addresses: "help@acme.com=acme, sales@acme.com=acme" (address = tenant slug). */
    INBOUND_ADDRESSES?: string;
    /** Cloudflare's send_email binding (production only; without it mail stays in the local outbox). */
    EMAIL?: SendEmail;
    /** The From address of replies; default support+<slug>@INBOUND_EMAIL_DOMAIN. */
    OUTBOUND_FROM?: string;
    /** Hosts (host or host:port, comma-separated) webhooks may reach although they are not public,
     *  e.g. "127.0.0.1:8811" for a local receiver. Unset (the default): only the public internet. */
    EGRESS_ALLOW_HOSTS?: string;
    /** Root key for tenant secrets at rest (AES-GCM, HKDF per tenant). Falls back to JWT_SECRET. */
    SECRETS_KEY?: string;
    /** Optional: a Workers AI model for record briefings (default @cf/meta/llama-3.1-8b-instruct). */
    AI_MODEL?: string;
    /** Optional: route briefing calls through this AI Gateway. */
    AI_GATEWAY_ID?: string;
    /** Shards closed to new tenants, comma-separated binding names ("SHARD_0,SHARD_3"). Tenants
     *  already there stay. See worker/services/tenancy/placement.ts. */
    SHARDS_CLOSED?: string;
    /** Bearer token of the operator routes (/api/ops/*: freeze, import, move a tenant). Unset:
     *  those routes answer 404. `wrangler secret put OPS_TOKEN`. */
    OPS_TOKEN?: string;
    /** "1": responses carry x-pulse-trips, the round trips the request made (lib/trips.ts; development only). */
    PULSE_DEBUG_TRIPS?: string;
  }
}
