import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { log } from "./harness";

// better-sqlite3 for the "same SQL on a plain SQLite file" baselines. It is a native build, so it
// is not a dependency of the project: the first bench that needs it installs it into a private
// folder under node_modules/.cache (its own package.json, which approves its install script for
// npm 11; `--allow-scripts` is refused on a project-scoped install). ~1.5 min of node-gyp once.

const VERSION = "12.11.1"; // the 13.x line needs Node 22
const ROOT = resolve(import.meta.dirname, "../..");
const PRIVATE = join(ROOT, "node_modules/.cache/pulse8-bench-sqlite");

export type Statement = {
  all: (...params: unknown[]) => unknown[];
  get: (...params: unknown[]) => unknown;
  run: (...params: unknown[]) => unknown;
  raw: (on?: boolean) => Statement;
};
export type Database = {
  prepare: (sql: string) => Statement;
  exec: (sql: string) => void;
  transaction: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;
  pragma: (text: string) => unknown;
  close: () => void;
};
export type DatabaseClass = new (file: string, opts?: { readonly?: boolean; fileMustExist?: boolean }) => Database;

function tryRequire(from: string): DatabaseClass | undefined {
  try {
    return createRequire(from)("better-sqlite3") as DatabaseClass;
  } catch {
    return undefined;
  }
}

/** better-sqlite3, installed on demand; undefined (with the reason on stderr) when that fails. */
export function loadBetterSqlite(): DatabaseClass | undefined {
  const found = tryRequire(join(ROOT, "package.json")) ?? tryRequire(join(PRIVATE, "package.json"));
  if (found) return found;
  log(`• installing better-sqlite3@${VERSION} into ${PRIVATE} (native build, once)`);
  mkdirSync(PRIVATE, { recursive: true });
  writeFileSync(
    join(PRIVATE, "package.json"),
    JSON.stringify({ private: true, allowScripts: { "better-sqlite3": true } }, null, 2),
  );
  const result = spawnSync(
    "npm",
    ["install", `better-sqlite3@${VERSION}`, "--no-audit", "--no-fund", "--no-package-lock"],
    { cwd: PRIVATE, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } },
  );
  if (result.status !== 0) {
    log(
      `✖ sqliteBaseline: npm install better-sqlite3 failed (${result.status}):\n${(result.stderr ?? "").slice(-2000)}`,
    );
    return undefined;
  }
  const loaded = tryRequire(join(PRIVATE, "package.json"));
  if (!loaded) log("✖ sqliteBaseline: better-sqlite3 installed but does not load (native build missing?)");
  return loaded;
}

/** The local D1 database file of `wrangler dev` (the one holding this tenant's rows), if any. */
export function localD1File(Database: DatabaseClass, tenantId: string): string | undefined {
  // npm run dev with PULSE_STATE_DIR keeps its state there instead of .wrangler/state.
  const state = process.env.PULSE_STATE_DIR ?? join(ROOT, ".wrangler/state");
  const dir = join(state, "v3/d1/miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")) {
    const db = new Database(join(dir, name), { readonly: true, fileMustExist: true });
    try {
      if (db.prepare("SELECT 1 FROM records WHERE tenant_id = ? LIMIT 1").get(tenantId)) return join(dir, name);
    } catch {
      // not the records database
    } finally {
      db.close();
    }
  }
  return undefined;
}

/** A new SQLite file with the project's schema: every migrations/*.sql, in order. */
export function migratedDatabase(Database: DatabaseClass, file: string): Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const dir = join(ROOT, "migrations");
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(join(dir, name), "utf8").split("--> statement-breakpoint")) {
      if (statement.replace(/--.*$/gm, "").trim()) db.exec(statement);
    }
  }
  return db;
}
