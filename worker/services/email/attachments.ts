import type { Attachment } from "postal-mime";
import { eq, inArray } from "drizzle-orm";
import { inboxAttachments } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { notFound } from "../../lib/errors";
import { sha256Hex } from "./threading";

// Attachments of inbound mail go to R2 under the tenant's prefix; D1 lists them on the message.
// Ids and keys derive from the Message-ID and the part's position, so a redelivered mail (or a
// retry after a crash between the message and its files) writes the same rows and objects again.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

type Row = typeof inboxAttachments.$inferSelect;

const byteLength = (c: Attachment["content"]) =>
  typeof c === "string" ? new TextEncoder().encode(c).byteLength : c.byteLength;

export async function storeAttachments(opts: {
  files: R2Bucket;
  tdb: TenantDb;
  messageId: string;
  caseId: string;
  externalId: string;
  parts: Attachment[];
  now: number;
}): Promise<void> {
  const { files, tdb, messageId, caseId, parts, now } = opts;
  const rows: Row[] = [];
  for (const [index, part] of parts.slice(0, MAX_ATTACHMENTS).entries()) {
    const id = `att_${(await sha256Hex(`${tdb.tenantId}\u0000${opts.externalId}\u0000${index}`)).slice(0, 24)}`;
    const size = byteLength(part.content);
    const stored = size <= MAX_ATTACHMENT_BYTES;
    const r2Key = stored ? `tenants/${tdb.tenantId}/attachments/${id}` : null;
    const contentType = part.mimeType || "application/octet-stream";
    if (r2Key) await files.put(r2Key, part.content, { httpMetadata: { contentType } });
    rows.push({
      id,
      tenantId: tdb.tenantId,
      messageId,
      caseId,
      filename: cleanName(part.filename, index),
      contentType,
      size,
      stored,
      r2Key,
      createdAt: now,
    });
  }
  // One row at a time: 11 columns × 20 rows would pass D1's 100 bound parameters.
  for (const row of rows) await tdb.db.insert(inboxAttachments).values(row).onConflictDoNothing();
}

/** A file name safe to show and to put in content-disposition. */
function cleanName(name: string | null, index: number): string {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f"\\/]/g, "_")
    .trim()
    .slice(0, 200);
  return cleaned || `attachment-${index + 1}`;
}

export const presentAttachment = (a: Row) => ({
  id: a.id,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  stored: a.stored,
  url: a.stored ? `/api/crm/inbox/attachments/${a.id}` : null,
});

export async function attachmentsOf(
  tdb: TenantDb,
  messageIds: string[],
): Promise<Map<string, ReturnType<typeof presentAttachment>[]>> {
  const out = new Map<string, ReturnType<typeof presentAttachment>[]>();
  if (messageIds.length === 0) return out;
  for (let i = 0; i < messageIds.length; i += 90) {
    const rows = await tdb.db
      .select()
      .from(inboxAttachments)
      .where(tdb.scope(inboxAttachments, inArray(inboxAttachments.messageId, messageIds.slice(i, i + 90))));
    for (const r of rows) out.set(r.messageId, [...(out.get(r.messageId) ?? []), presentAttachment(r)]);
  }
  return out;
}

export async function getAttachment(tdb: TenantDb, id: string): Promise<Row> {
  const [row] = await tdb.db
    .select()
    .from(inboxAttachments)
    .where(tdb.scope(inboxAttachments, eq(inboxAttachments.id, id)))
    .limit(1);
  if (!row) throw notFound("There is no such attachment");
  return row;
}
