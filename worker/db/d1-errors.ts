// D1 gives no error codes: a failed statement rejects with a plain Error whose message carries
// SQLite's text ("D1_ERROR: UNIQUE constraint failed: record_uniques.key: SQLITE_CONSTRAINT"),
// sometimes only on `cause` when drizzle wraps it. The runtime types (worker-configuration.d.ts)
// declare no D1 error class or code either, so message text is all there is to go on — and it
// is read here, in one place, not by regexes scattered over the services.

function d1Text(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.message} ${error.cause instanceof Error ? error.cause.message : String(error.cause ?? "")}`;
}

/** A UNIQUE (or PRIMARY KEY) constraint failed — on `table` when one is named. */
export function isUniqueViolation(error: unknown, table?: string): boolean {
  const text = d1Text(error);
  if (table !== undefined) return text.includes(`UNIQUE constraint failed: ${table}.`);
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(text);
}

/** SQLite's json() refused its argument: the deliberate failure of a version guard (records/outbox.ts). */
export function isMalformedJson(error: unknown): boolean {
  return /malformed JSON/i.test(d1Text(error));
}
