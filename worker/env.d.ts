// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    /** HS256 key for session tokens: `wrangler secret put JWT_SECRET`; locally from .dev.vars. */
    JWT_SECRET: string;
    /** Optional HMAC key that lets a mail/chat gateway post to the inbox without a user token. */
    INGEST_SECRET?: string;
  }
}
