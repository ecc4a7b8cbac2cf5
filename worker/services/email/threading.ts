import { desc, inArray } from "drizzle-orm";
import { inboxMessages } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";

// E-mail threads by its headers: a reply names the Message-IDs it answers (In-Reply-To,
// References). Our own replies carry the case in the subject too ("[Case #rec_…]"), which still
// works when a mail client drops the headers. With neither, the inbox's subject rule applies.

const CASE_TOKEN = /\[case #([a-z0-9_]{4,64})\]/i;
const MESSAGE_ID = /<[^<>\s]+>/g;
// One thread's References can grow long; the newest ones are the ones that matter.
const MAX_REFERENCES = 20;

export const caseToken = (caseId: string) => `[Case #${caseId}]`;

export function caseFromSubject(subject: string | undefined): string | undefined {
  return subject ? CASE_TOKEN.exec(subject)?.[1] : undefined;
}

/** The Message-IDs a mail answers, newest first ("<a@x> <b@y>" → ["<b@y>", "<a@x>"]). */
export function referencedIds(inReplyTo: string | undefined, references: string | undefined): string[] {
  const ids = [
    ...(inReplyTo ?? "").matchAll(MESSAGE_ID),
    ...[...(references ?? "").matchAll(MESSAGE_ID)].reverse(),
  ].map((m) => m[0]);
  return [...new Set(ids)].slice(0, MAX_REFERENCES);
}

/** The thread and case of the newest stored message among `ids`, if any. */
export async function threadOfReferences(
  tdb: TenantDb,
  ids: string[],
): Promise<{ threadKey: string; caseId: string } | undefined> {
  if (ids.length === 0) return undefined;
  const [hit] = await tdb.db
    .select({ threadKey: inboxMessages.threadKey, caseId: inboxMessages.caseId })
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, inArray(inboxMessages.externalId, ids)))
    .orderBy(desc(inboxMessages.receivedAt))
    .limit(1);
  return hit;
}

/** A Message-ID as stored: with angle brackets; an over-long one is hashed (the column holds 200). */
export async function normalizeMessageId(id: string | undefined, raw: ArrayBuffer): Promise<string> {
  const trimmed = id?.trim();
  if (trimmed && trimmed.length <= 200) return trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
  return `<${await sha256Hex(trimmed ?? raw)}@pulse-8.invalid>`;
}

export async function sha256Hex(input: string | ArrayBuffer): Promise<string> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  return Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

/** `Authentication-Results: mx.example; spf=pass …; dkim=pass …; dmarc=fail …` → { spf, dkim, dmarc }. */
export function authVerdicts(header: string | undefined | null): Record<string, string> | undefined {
  if (!header) return undefined;
  const verdicts: Record<string, string> = {};
  for (const [, method, result] of header.matchAll(/\b(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)/gi)) {
    verdicts[method!.toLowerCase()] ??= result!.toLowerCase();
  }
  return Object.keys(verdicts).length ? verdicts : undefined;
}
