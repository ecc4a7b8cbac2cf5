import { applyD1Migrations, env } from "cloudflare:test";
// Every D1 binding gets every migration, as `npm run db:migrate` does: the control database and
// each tenant-data shard (SHARD_*).
const databases = Object.entries(env).filter(
  ([name, value]) =>
    (name === "DB" || name.startsWith("SHARD_")) && value && typeof (value as D1Database).prepare === "function",
);
for (const [, d1] of databases) await applyD1Migrations(d1 as D1Database, env.TEST_MIGRATIONS);
