// The dev server the browser tests run against: `npm run dev` in its own process group, with its
// own local state directory (a fresh, freshly seeded Acme), the prebuilt web app, and a stop that
// always takes the whole group down (npm → tsx → wrangler → workerd).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const READY_LINE = "Pulse-8 is running at";

/** Whether nothing listens on `port` (checked on every address `localhost` may mean). */
async function portFree(port: number): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", (error: NodeJS.ErrnoException) =>
        resolve(error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT"),
      );
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
    });
  for (const host of ["127.0.0.1", "::1", "0.0.0.0"]) if (!(await tryHost(host))) return false;
  return true;
}

/** The first free port from `start` on. */
export async function freePort(start: number): Promise<number> {
  for (let port = start; port < start + 100; port++) if (await portFree(port)) return port;
  throw new Error(`no free port in ${start}–${start + 99}`);
}

/** `npx vite build` of the web app (once per run; the dev server then skips its own build), into `outDir` if given. */
export function buildWeb(cwd: string, outDir?: string): void {
  const out = outDir ? ["--outDir", outDir, "--emptyOutDir"] : [];
  const result = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn", ...out], {
    cwd,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`the web build failed (exit ${result.status})`);
}

/**
 * A private copy of what `npm run dev` serves — worker, scripts, migrations, wrangler.toml,
 * package.json, and the web app built into its own web/dist (node_modules linked) — so that
 * edits of worker code or rebuilds of web/dist by someone else during the run don't restart
 * wrangler under the tests (which drops every socket, or serves 404s mid-rebuild).
 */
export function snapshotProject(root: string, dir: string): void {
  for (const d of ["worker", "scripts", "migrations"]) cpSync(join(root, d), join(dir, d), { recursive: true });
  for (const f of ["wrangler.toml", "package.json", "tsconfig.json"])
    if (existsSync(join(root, f))) copyFileSync(join(root, f), join(dir, f));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "web"), { recursive: true });
  buildWeb(root, join(dir, "web", "dist"));
}

export interface DevServer {
  base: string;
  /** The last `chars` characters of its output. */
  tail(chars?: number): string;
  /** How often wrangler reloaded so far (worker code or web/dist changed under it). */
  reloads(): number;
  stop(): Promise<void>;
}

export async function startDevServer(opts: {
  cwd: string;
  port: number;
  stateDir: string;
  logFile: string;
  timeoutMs?: number;
}): Promise<DevServer> {
  const base = `http://localhost:${opts.port}`;
  const child: ChildProcess = spawn("npm", ["run", "dev"], {
    cwd: opts.cwd,
    env: {
      ...process.env,
      PORT: String(opts.port),
      PULSE_STATE_DIR: opts.stateDir,
      PULSE_SKIP_BUILD: "1",
      WRANGLER_SEND_METRICS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so one signal reaches wrangler and workerd too
  });
  const file = createWriteStream(opts.logFile);
  let log = "";
  let reloads = 0;
  const onData = (d: Buffer) => {
    reloads += String(d).split("Reloading local server").length - 1;
    log += d;
    if (log.length > 200_000) log = log.slice(-100_000);
    file.write(d);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone already
    }
  };
  // Whatever happens to this process, the server does not outlive it.
  const onExit = () => signal("SIGKILL");
  process.on("exit", onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    signal("SIGTERM");
    const gone = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 8000)),
    ]);
    // Children (workerd) may linger after npm itself exits: the group gets SIGKILL either way.
    await new Promise((r) => setTimeout(r, gone ? 300 : 0));
    signal("SIGKILL");
    process.off("exit", onExit);
    file.end();
  };

  const until = Date.now() + (opts.timeoutMs ?? 180_000);
  while (Date.now() < until) {
    if (log.includes(READY_LINE)) return { base, tail: (n = 4000) => log.slice(-n), reloads: () => reloads, stop };
    if (log.includes("seeding the demo tenant failed") || child.exitCode !== null || child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`npm run dev did not print "${READY_LINE}":\n${log.slice(-3000)}`);
}
