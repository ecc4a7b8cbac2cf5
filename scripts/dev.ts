import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from "./demo";
import { migrateAll } from "./migrate";
import { seedDemo } from "./seed";

// `npm run dev`: secrets, local D1 migrations, the web build, `wrangler dev`, then the demo seed.
const port = Number(process.env.PORT ?? 8787);
const base = `http://localhost:${port}`;
// Offline-friendly: no metrics, and no fetch of workers.cloudflare.com/cf.json (request.cf keeps
// miniflare's bundled defaults), so a machine without internet sees no ENOTFOUND errors.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  CI: process.env.CI ?? "true",
};
// PULSE_STATE_DIR gives a run its own local D1/KV/Durable Object state (tests, benchmarks).
const persist = process.env.PULSE_STATE_DIR ? ["--persist-to", process.env.PULSE_STATE_DIR] : [];

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

function ensureDevVars() {
  const text = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  if (/^JWT_SECRET=.{32,}$/m.test(text)) return;
  const line = `JWT_SECRET=${randomBytes(32).toString("hex")}\n`;
  writeFileSync(".dev.vars", text + (text && !text.endsWith("\n") ? "\n" : "") + line, { mode: 0o600 });
  console.log("• wrote a fresh JWT_SECRET to .dev.vars (git-ignored)");
}

async function waitForHealth(timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${base} within ${timeoutMs / 1000} s`);
}

ensureDevVars();
console.log("• applying D1 migrations (local): the control database and every shard");
migrateAll({ persistTo: process.env.PULSE_STATE_DIR, env });
console.log("• building the web app");
if (process.env.PULSE_SKIP_BUILD !== "1")
  run("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);

console.log(`• starting wrangler dev on ${base}`);
// Deployment knobs given in the environment reach the Worker as vars: limits (LIMIT_*, see
// README "Security model"), the egress allow-list for a local webhook receiver, shards closed to
// new tenants (SHARDS_CLOSED), the operator token (OPS_TOKEN; in production a secret) and the
// pause before a 429 (REFUSAL_DELAY_MS).
const named = ["EGRESS_ALLOW_HOSTS", "SHARDS_CLOSED", "OPS_TOKEN", "REFUSAL_DELAY_MS"];
const knobs = Object.entries(process.env).filter(([k, v]) => v && (k.startsWith("LIMIT_") || named.includes(k))) as [
  string,
  string,
][];
const vars = knobs.flatMap(([k, v]) => ["--var", `${k}:${v}`]);
// PULSE_INSPECTOR=0: no DevTools inspector, which costs every subrequest (scripts/dev-worker.ts).
const wrangler =
  process.env.PULSE_INSPECTOR === "0"
    ? spawn("npx", ["tsx", "scripts/dev-worker.ts"], {
        stdio: ["inherit", "pipe", "pipe"],
        env: { ...env, PORT: String(port), PULSE_DEV_VARS: JSON.stringify(Object.fromEntries(knobs)) },
      })
    : spawn(
        "npx",
        ["wrangler", "dev", "--port", String(port), "--show-interactive-dev-session=false", ...persist, ...vars],
        { stdio: ["inherit", "pipe", "pipe"], env },
      );
// workerd reports every browser that closes a socket mid-response ("Broken pipe") and internal
// alarm bookkeeping ("NOSENTRY …") as errors; they are not. PULSE_VERBOSE=1 shows them.
const noise = /Broken pipe|NOSENTRY|disconnected: operation canceled/;
for (const [from, to] of [
  [wrangler.stdout, process.stdout],
  [wrangler.stderr, process.stderr],
] as const) {
  createInterface({ input: from }).on("line", (line) => {
    if (process.env.PULSE_VERBOSE === "1" || !noise.test(line)) to.write(`${line}\n`);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code) => process.exit(code ?? 0));

try {
  await waitForHealth();
  await seedDemo(base);
  const rows = DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email.padEnd(20)} ${DEMO_PASSWORD}`).join("\n");
  console.log(
    `\n  Pulse-8 is running at ${base}  (API docs: ${base}/api/docs)\n` +
      `  Demo tenant "${DEMO_TENANT.name}" — sign in as:\n${rows}\n`,
  );
} catch (error) {
  console.error("✖ seeding the demo tenant failed:", error);
}
