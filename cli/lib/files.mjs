// A bundle as a directory: <dir>/<namespace>/<entity>/<key>.yaml (or .json), one file per item,
// so a change to one view is a one-file diff in git.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, stringify } from "yaml";
import { CliError } from "./client.mjs";

const EXTENSIONS = [".yaml", ".yml", ".json"];
const NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;

const isDir = (p) => existsSync(p) && statSync(p).isDirectory();
const subdirs = (p) =>
  isDir(p)
    ? readdirSync(p)
        .filter((n) => !n.startsWith(".") && isDir(join(p, n)))
        .sort()
    : [];

export function render(config, format) {
  return format === "json" ? `${JSON.stringify(config, null, 2)}\n` : stringify(config, { lineWidth: 0 });
}

/** Writes every item; removes item files of this tree that the bundle no longer has. */
export function writeTree(dir, items, format = "yaml") {
  const wanted = new Set();
  for (const item of items) {
    const folder = join(dir, item.namespace, item.entity);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${item.key}.${format}`);
    wanted.add(file);
    writeFileSync(file, render(item.config, format));
  }
  let removed = 0;
  for (const { file } of listFiles(dir)) {
    if (!wanted.has(file)) {
      rmSync(file);
      removed++;
    }
  }
  return { written: wanted.size, removed };
}

function listFiles(dir) {
  const out = [];
  for (const namespace of subdirs(dir)) {
    for (const entity of subdirs(join(dir, namespace))) {
      for (const name of readdirSync(join(dir, namespace, entity)).sort()) {
        const ext = EXTENSIONS.find((e) => name.endsWith(e));
        if (!ext || name.startsWith(".")) continue;
        out.push({ namespace, entity, key: name.slice(0, -ext.length), file: join(dir, namespace, entity, name), ext });
      }
    }
  }
  return out;
}

/** The bundle items of a tree, each with the file it came from (for error messages). */
export function readTree(dir) {
  if (!isDir(dir)) throw new CliError(`${dir} is not a directory (run pulse8 config pull ${dir} first)`);
  const items = [];
  const files = [];
  const seen = new Map();
  const problems = [];
  for (const { namespace, entity, key, file, ext } of listFiles(dir)) {
    const shown = relative(process.cwd(), file) || file;
    const id = `${namespace}/${entity}/${key}`;
    if (!NAME_RE.test(key)) problems.push(`${shown}: "${key}" is not a valid key (^[a-z][a-z0-9_]{0,39}$)`);
    if (seen.has(id)) problems.push(`${shown}: ${id} is also in ${seen.get(id)}`);
    seen.set(id, shown);
    let config;
    try {
      const text = readFileSync(file, "utf8");
      config = ext === ".json" ? JSON.parse(text) : parse(text);
    } catch (error) {
      problems.push(`${shown}: cannot be parsed: ${error.message.split("\n")[0]}`);
      continue;
    }
    items.push({ namespace, entity, key, config });
    files.push(shown);
  }
  if (problems.length > 0) throw new CliError("The config files have problems", 1, problems);
  return { items, files };
}

/** Object keys sorted at every depth, as the server exports them (so diffs show content, not order). */
export function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** A line diff of two renderings (longest common subsequence; configs are small). */
export function lineDiff(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.filter((l) => l.trim() !== "+" && l.trim() !== "-");
}
