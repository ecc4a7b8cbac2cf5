#!/usr/bin/env node
// pulse8: configuration as code for Pulse-8. `pulse8 help` lists the commands.
// Exit codes: 0 ok, 1 the configuration is not valid (paths printed), 2 anything else
// (usage, network, auth, a stale --expected-version).
import { parseArgs } from "node:util";
import { call, CliError, readLogin, resolveTarget, saveLogin } from "./lib/client.mjs";
import { lineDiff, readTree, render, sortKeys, writeTree } from "./lib/files.mjs";

const FORMAT = "pulse8.bundle/1";
const MAX_DIFF_LINES = 40;
const USAGE = `Usage: pulse8 <command> [options]

  login --url <url> (--token <token|api key> | --email <e> --password <p> [--tenant <slug>])
  config pull [dir] [--version <n>] [--format yaml|json]   one file per item: <dir>/<ns>/<entity>/<key>.yaml
  config diff [dir] [--prune]                              what a push would change (and every error)
  config push [dir] --dry-run [--prune]                    the same, for CI: exit 1 on validation errors
  config push [dir] -m <message> [--prune] [--expected-version <n>]
  config versions                                          published versions, newest first
  config rollback <version> [-m <message>]
  sandbox list | sandbox create <name> [--records <n>] | sandbox promote <id> [--dry-run] [-m <message>]

  dir defaults to ./config. --prune removes server items that have no file.
  Every command takes --url and --token (or PULSE8_URL / PULSE8_TOKEN); the saved login lives in
  ${"$"}PULSE8_CONFIG or ~/.config/pulse8/config.json.`;

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  tenant: { type: "string" },
  version: { type: "string" },
  format: { type: "string" },
  message: { type: "string", short: "m" },
  "dry-run": { type: "boolean" },
  prune: { type: "boolean" },
  "expected-version": { type: "string" },
  records: { type: "string" },
  help: { type: "boolean", short: "h" },
};

const print = (line = "") => process.stdout.write(`${line}\n`);
const int = (value, name) => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(`${name} must be a whole number`);
  return Number(value);
};
const label = (i) => `${i.namespace}/${i.entity}/${i.key}`;

async function login(flags) {
  const url = (flags.url || process.env.PULSE8_URL || readLogin().url || "").replace(/\/+$/, "");
  if (!url) throw new CliError("login needs --url");
  let token = flags.token;
  if (!token) {
    if (!flags.email || !flags.password) throw new CliError("login needs --token, or --email and --password");
    token = (
      await call({ url }, "POST", "/auth/login", {
        email: flags.email,
        password: flags.password,
        ...(flags.tenant ? { tenant: flags.tenant } : {}),
      })
    ).token;
  }
  const me = await call({ url, token }, "GET", "/auth/me");
  const file = saveLogin({ url, token });
  print(`Signed in to ${url} as ${me.user.email} (${me.role}) in ${me.tenant.name}; saved to ${file}`);
}

async function pull(target, dir, flags) {
  const format = flags.format ?? "yaml";
  if (!["yaml", "json"].includes(format)) throw new CliError("--format is yaml or json");
  const version = int(flags.version, "--version");
  const bundle = await call(target, "GET", `/admin/config/bundle${version ? `?version=${version}` : ""}`);
  const { written, removed } = writeTree(dir, bundle.items, format);
  print(
    `Pulled version ${bundle.version}: ${written} items into ${dir}` +
      `${removed ? ` (${removed} stale files removed)` : ""}`,
  );
}

/** The bundle a push sends: the tree's items, plus removals of server items without a file (--prune). */
async function localBundle(target, dir, flags) {
  const { items, files } = readTree(dir);
  let remove = [];
  if (flags.prune) {
    const local = new Set(items.map(label));
    const server = await call(target, "GET", "/admin/config/bundle");
    remove = server.items
      .filter((i) => !local.has(label(i)))
      .map(({ namespace, entity, key }) => ({ namespace, entity, key }));
  }
  return { bundle: { format: FORMAT, items, ...(remove.length ? { remove } : {}) }, files };
}

/** "items[3].config.fields[0].type" → "config/form/deals/default.yaml: fields[0].type". */
function explain(path, files) {
  const m = /^items\[(\d+)\](?:\.config)?\.?(.*)$/.exec(path);
  if (m && files[Number(m[1])]) return `${files[Number(m[1])]}${m[2] ? `: ${m[2]}` : ""}`;
  return path;
}

function printChanges(changes, format = "yaml") {
  if (changes.length === 0) return print("No changes.");
  for (const c of changes) {
    print(`${{ added: "+", removed: "-", modified: "~" }[c.change]} ${c.change.padEnd(8)} ${label(c)}`);
    if (c.change !== "modified" || c.before === undefined) continue; // a publish result lists items without content
    const lines = lineDiff(render(sortKeys(c.before), format), render(sortKeys(c.after), format));
    for (const line of lines.slice(0, MAX_DIFF_LINES)) print(`      ${line}`);
    if (lines.length > MAX_DIFF_LINES) print(`      … ${lines.length - MAX_DIFF_LINES} more lines`);
  }
  const count = (kind) => changes.filter((c) => c.change === kind).length;
  print(
    `${changes.length} change${changes.length === 1 ? "" : "s"}: ` +
      `${count("added")} added, ${count("modified")} modified, ${count("removed")} removed`,
  );
}

function failValidation(errors, files) {
  throw new CliError(
    `The configuration is not valid (${errors.length} error${errors.length === 1 ? "" : "s"})`,
    1,
    errors.map((e) => `${explain(e.path, files)}: ${e.message}`),
  );
}

async function diff(target, dir, flags) {
  const { bundle, files } = await localBundle(target, dir, flags);
  const result = await call(target, "POST", "/admin/config/bundle?dryRun=true", bundle);
  print(`Against version ${result.version}:`);
  printChanges(result.changes);
  if (!result.valid) failValidation(result.errors, files);
  return result;
}

async function push(target, dir, flags) {
  if (flags["dry-run"]) return diff(target, dir, flags);
  if (!flags.message) throw new CliError('push needs -m "<message>" (or --dry-run)');
  const expectedVersion = int(flags["expected-version"], "--expected-version");
  const { bundle, files } = await localBundle(target, dir, flags);
  const preview = await call(target, "POST", "/admin/config/bundle?dryRun=true", bundle);
  if (!preview.valid) {
    printChanges(preview.changes);
    failValidation(preview.errors, files);
  }
  if (preview.changes.length === 0 && expectedVersion === undefined)
    return print(`Nothing to push: version ${preview.version} already has this configuration.`);
  try {
    const result = await call(target, "POST", "/admin/config/bundle", {
      ...bundle,
      message: flags.message,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
    printChanges(preview.changes);
    print(`Published version ${result.version} (${result.hash.slice(0, 12)})`);
  } catch (error) {
    if (error.status === 422) failValidation(error.details, files);
    throw error;
  }
}

async function versions(target) {
  const { versions: list } = await call(target, "GET", "/admin/config/versions");
  for (const v of list) {
    const kind = v.kind === "rollback" ? ` (rollback to ${v.rolledBackTo})` : v.kind === "starter" ? " (starter)" : "";
    print(
      `${String(v.version).padStart(5)}  ${v.publishedAt}  ${(v.publishedByName ?? v.publishedBy ?? "").padEnd(16)}  ` +
        `${v.items.length} item(s)  ${v.message ?? ""}${kind}`,
    );
  }
}

async function rollback(target, version, flags) {
  const n = int(version, "version");
  if (!n) throw new CliError("rollback needs the version number");
  const result = await call(target, "POST", "/admin/config/rollback", {
    version: n,
    ...(flags.message ? { message: flags.message } : {}),
  });
  print(
    `Rolled back: version ${result.version} has the content of version ${n} (${result.items.length} item(s) changed)`,
  );
}

async function sandbox(target, [sub, arg], flags) {
  if (sub === "list") {
    const { sandboxes } = await call(target, "GET", "/admin/sandboxes");
    if (sandboxes.length === 0) print("No sandboxes.");
    for (const s of sandboxes) print(`${s.id}  ${s.slug.padEnd(30)}  ${s.name}  (created ${s.createdAt})`);
  } else if (sub === "create") {
    if (!arg) throw new CliError("sandbox create needs a name");
    const created = await call(target, "POST", "/admin/sandboxes", {
      name: arg,
      ...(flags.records ? { sampleRecords: int(flags.records, "--records") } : {}),
    });
    print(
      `Created sandbox ${created.sandbox.slug} (${created.sandbox.id}); sign in to it with: pulse8 login --url ` +
        `${target.url} --token <token> (or --tenant ${created.sandbox.slug})`,
    );
  } else if (sub === "promote") {
    if (!arg) throw new CliError("sandbox promote needs the sandbox id");
    const dry = flags["dry-run"];
    const result = await call(
      target,
      "POST",
      `/admin/sandboxes/${encodeURIComponent(arg)}/promote${dry ? "?dryRun=true" : ""}`,
      flags.message ? { message: flags.message } : {},
    );
    printChanges(dry ? result.changes : result.items);
    for (const c of result.conflicts ?? [])
      print(`! also changed in production since the sandbox was made: ${label(c)}`);
    if (dry && !result.valid) failValidation(result.errors, []);
    if (!dry)
      print(
        `Promoted: production is now version ${result.version}; undo with pulse8 config rollback ${result.version - 1}`,
      );
  } else throw new CliError("sandbox list | create <name> | promote <id>");
}

async function main(argv) {
  const { values: flags, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, sub, ...rest] = positionals;
  if (flags.help || !command || command === "help") return print(USAGE);
  if (command === "login") return login(flags);
  const target = resolveTarget(flags);
  if (command === "sandbox") return sandbox(target, [sub, ...rest], flags);
  if (command !== "config") throw new CliError(`Unknown command "${command}"\n\n${USAGE}`);
  const dir = rest[0] ?? "config";
  switch (sub) {
    case "pull":
      return pull(target, dir, flags);
    case "diff":
      return diff(target, dir, flags);
    case "push":
      return push(target, dir, flags);
    case "versions":
      return versions(target);
    case "rollback":
      return rollback(target, rest[0], flags);
    default:
      throw new CliError(`Unknown config command "${sub ?? ""}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    if (error instanceof CliError) {
      process.stderr.write(`pulse8: ${error.message}\n`);
      for (const line of error.lines) process.stderr.write(`  ${line}\n`);
      for (const d of error.details ?? []) if (!error.lines.length) process.stderr.write(`  ${d.path}: ${d.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`pulse8: ${error.message}\n`);
    process.exit(2);
  },
);
