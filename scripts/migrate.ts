import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

// `npm run db:migrate [-- --remote]`: applies migrations/ to the control database (DB) and to
// every tenant-data shard (each [[d1_databases]] binding in wrangler.toml). Every database gets
// every migration: tenant tables exist everywhere, control tables are used on DB only. Adding a
// shard is adding its binding to wrangler.toml and running this again.
// Local by default; `--remote` for the deployed databases. PULSE_STATE_DIR picks local state.

/** The D1 binding names in wrangler.toml, DB first. */
export function d1Bindings(toml = readFileSync("wrangler.toml", "utf8")): string[] {
  const names: string[] = [];
  for (const block of toml.split(/^\[\[d1_databases\]\]\s*$/m).slice(1)) {
    const binding = /^\s*binding\s*=\s*"([^"]+)"/m.exec(block.split(/^\[/m)[0]!)?.[1];
    if (binding) names.push(binding);
  }
  return names.sort((a, b) => (a === "DB" ? -1 : b === "DB" ? 1 : a.localeCompare(b)));
}

export function migrateAll(opts: { remote?: boolean; persistTo?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const where = opts.remote ? ["--remote"] : ["--local", ...(opts.persistTo ? ["--persist-to", opts.persistTo] : [])];
  for (const binding of d1Bindings()) {
    console.log(`• migrations → ${binding} (${opts.remote ? "remote" : "local"})`);
    const result = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", binding, ...where], {
      stdio: "inherit",
      env: { WRANGLER_SEND_METRICS: "false", CI: "true", ...(opts.env ?? process.env) },
    });
    if (result.status !== 0) {
      console.error(`\n✖ migrations for ${binding} failed`);
      process.exit(result.status ?? 1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateAll({ remote: process.argv.includes("--remote"), persistTo: process.env.PULSE_STATE_DIR });
}
