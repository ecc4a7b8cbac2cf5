import type { z } from "zod";

// A validation error as the API returns it (`details` of a 422).
export type ConfigError = { path: string; message: string };
type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["fields", 2, "type"]` → `fields[2].type`; odd keys are quoted: `set["my-field"]`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && IDENTIFIER_RE.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

// A union branch that failed only because the value is of another type is not the one meant.
const isTypeMismatch = (issues: readonly Issue[]) =>
  issues.length === 1 && issues[0]?.code === "invalid_type" && issues[0].path.length === 0;

function flatten(issue: Issue, prefix: readonly PathPart[]): { path: PathPart[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown property "${key}"` }));
    case "invalid_key":
      return [{ path, message: `invalid key: ${issue.issues[0]?.message ?? issue.message}` }];
    case "invalid_union": {
      const meant = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (meant.length === 1 && meant[0]) return meant[0].flatMap((inner) => flatten(inner, path));
      const message = issue.message === "Invalid input" ? "does not match any allowed shape" : issue.message;
      return [{ path, message }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** zod issues as `{ path, message }`, one per offending property, paths relative to the parsed value. */
export function issuesToErrors(issues: readonly Issue[], prefix: readonly PathPart[] = []): ConfigError[] {
  return issues
    .flatMap((issue) => flatten(issue, prefix))
    .map((e) => ({ path: formatPath(e.path), message: e.message }));
}
