// Where the CLI talks to, and how: the saved login (a file under the user's home, or
// PULSE8_CONFIG), overridden by PULSE8_URL / PULSE8_TOKEN (CI) and by --url / --token.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export class CliError extends Error {
  /** @param {string} message @param {number} [exitCode] @param {string[]} [lines] */
  constructor(message, exitCode = 2, lines = []) {
    super(message);
    this.exitCode = exitCode;
    this.lines = lines;
  }
}

export const configFile = () => process.env.PULSE8_CONFIG || join(homedir(), ".config", "pulse8", "config.json");

export function readLogin() {
  const file = configFile();
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`${file} is not valid JSON; run pulse8 login again`);
  }
}

export function saveLogin(login) {
  const file = configFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the token is a credential: only the owner may read it
  return file;
}

/** The URL and bearer token (a session JWT or an API key: both are bearer tokens). */
export function resolveTarget(flags) {
  const saved = readLogin();
  const url = flags.url || process.env.PULSE8_URL || saved.url;
  const token = flags.token || process.env.PULSE8_TOKEN || saved.token;
  if (!url) throw new CliError("No server: run `pulse8 login --url <url> …` or set PULSE8_URL");
  if (!token) throw new CliError("Not signed in: run `pulse8 login` or set PULSE8_TOKEN");
  return { url: url.replace(/\/+$/, ""), token };
}

/** One API call; a non-2xx answer becomes a CliError carrying the contract's error body. */
export async function call(target, method, path, body) {
  const headers = { accept: "application/json" };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res;
  try {
    res = await fetch(`${target.url}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(`Cannot reach ${target.url}: ${error.cause?.message ?? error.message}`);
  }
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { error: { message: text.slice(0, 200) } };
  }
  if (!res.ok) {
    const err = parsed?.error ?? {};
    const error = new CliError(
      `${method} ${path}: ${res.status} ${err.message ?? res.statusText}`,
      res.status === 422 ? 1 : 2,
    );
    error.status = res.status;
    error.code = err.code;
    error.details = err.details ?? [];
    throw error;
  }
  return parsed;
}
