import { readFileSync } from "node:fs";

// Operator script for tenants and shards (routes in worker/routes/ops.ts; docs/scaling.md).
//
//   npm run move-tenant -- move <tenantId> <SHARD_n>     freeze → wait → copy → switch → unfreeze → purge
//   npm run move-tenant -- import <export.ndjson> <name> [SHARD_n]   a fresh tenant from an admin export
//   npm run move-tenant -- shards                         the shards and their tenants
//
// PULSE_URL (default http://localhost:8787) and OPS_TOKEN (the Worker's OPS_TOKEN secret) say where.
// PULSE_PLACEMENT_WAIT_MS (default 16000: just over the Worker's 15 s placement cache) is how long a
// freeze is held before copying, so no isolate still writes to the old shard from a stale cache.

const base = (process.env.PULSE_URL ?? "http://localhost:8787").replace(/\/$/, "");
const token = process.env.OPS_TOKEN;
// Progress goes to stderr (a benchmark that drives this keeps stdout for its one JSON line).
const say = (...args: unknown[]) => console.error(...args);
const CHUNK_BYTES = 1_500_000; // under the API's 2 MiB body limit
const CHUNK_LINES = 800; // keeps each chunk well under D1's 1,000 queries per invocation

async function call(method: string, path: string, body?: string, contentType = "application/json"): Promise<Response> {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
    body,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}
const json = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
  (await call(method, path, body === undefined ? undefined : JSON.stringify(body))).json() as Promise<T>;

/** NDJSON lines in chunks small enough for one request each. */
export function chunks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (current.length && (size + line.length > CHUNK_BYTES || current.length >= CHUNK_LINES)) {
      out.push(current.join("\n") + "\n");
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) out.push(current.join("\n") + "\n");
  return out;
}

async function send(tenantId: string, shard: string | undefined, text: string) {
  const parts = chunks(text);
  for (const [i, part] of parts.entries()) {
    await call("POST", `/ops/tenants/${tenantId}/rows${shard ? `?shard=${shard}` : ""}`, part, "application/x-ndjson");
    say(`  copied chunk ${i + 1}/${parts.length}`);
  }
}

export async function move(
  tenantId: string,
  shard: string,
  waitMs = Number(process.env.PULSE_PLACEMENT_WAIT_MS ?? 16_000),
) {
  const from = (await json<{ shard: string; frozen: boolean }>("GET", `/ops/tenants/${tenantId}`)).shard;
  if (from === shard) return say(`${tenantId} is already on ${shard}`);
  say(`• freezing ${tenantId} (on ${from}); writes answer 503 until the move ends`);
  await json("POST", `/ops/tenants/${tenantId}/freeze`);
  try {
    await new Promise((r) => setTimeout(r, waitMs));
    say(`• copying to ${shard}`);
    const dump = await (await call("GET", `/ops/tenants/${tenantId}/export`)).text();
    await send(tenantId, shard, dump);
    const [src, dst] = await Promise.all(
      [from, shard].map((s) => json<{ rows: { total: number } }>("GET", `/ops/tenants/${tenantId}?shard=${s}`)),
    );
    say(
      `  rows: ${src!.rows.total} on ${from}, ${dst!.rows.total} on ${shard} (the source also counts processed ` +
        `outbox events, which are not copied)`,
    );
    say(`• switching the directory to ${shard}`);
    await json("POST", `/ops/tenants/${tenantId}/switch`, { shard });
  } finally {
    await json("POST", `/ops/tenants/${tenantId}/unfreeze`);
    say("• unfrozen");
  }
  say(`• purging the old copy on ${from}`);
  for (;;) {
    const { remaining } = await json<{ remaining: number }>("DELETE", `/ops/tenants/${tenantId}/rows?shard=${from}`);
    if (remaining === 0) break;
  }
  say(`✓ ${tenantId} is on ${shard}`);
}

export async function importExport(file: string, name: string, shard?: string) {
  const text = readFileSync(file, "utf8");
  const head = JSON.parse(text.slice(0, text.indexOf("\n"))) as { kind: string; shard?: string };
  if (head.kind !== "tenant") throw new Error("not a Pulse-8 export: the first line is not the tenant");
  const created = await json<{ tenant: { id: string; slug: string }; shard: string }>("POST", "/ops/tenants", {
    name,
    ...(shard ? { shard } : { avoidShard: head.shard }),
  });
  say(`• created ${created.tenant.slug} (${created.tenant.id}) on ${created.shard}`);
  await send(created.tenant.id, undefined, text);
  say(`✓ imported into ${created.tenant.slug}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!token) {
    console.error("OPS_TOKEN is not set (the Worker's OPS_TOKEN secret; locally in .dev.vars)");
    process.exit(2);
  }
  const [command, a, b, c] = process.argv.slice(2);
  const run =
    command === "move" && a && b
      ? move(a, b)
      : command === "import" && a && b
        ? importExport(a, b, c)
        : command === "shards"
          ? json("GET", "/ops/shards").then((r) => console.log(JSON.stringify(r, null, 2)))
          : undefined;
  if (!run) {
    console.error("usage: move-tenant move <tenantId> <SHARD_n> | import <export.ndjson> <name> [SHARD_n] | shards");
    process.exit(2);
  }
  run.catch((error) => {
    console.error(`✖ ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
