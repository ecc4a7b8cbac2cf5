import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../lib/app-env";
import { ApiError, badRequest } from "../lib/errors";
import type { Placement } from "../services/tenancy/directory";

/**
 * Read replication (D1 Sessions API). Every authenticated request reads its tenant's shard in a
 * D1 session (TenantDb.open): anchored at the bookmark the client sends in `x-pulse-bookmark`, so
 * whichever replica answers is at least as new as what the client last saw or wrote; with no
 * bookmark, reads may start at any replica and writes start at the primary. Every response whose
 * data came from the shard carries the session's bookmark after the request; the web client keeps
 * the newest one and sends it back (web/src/api/bookmark.ts).
 */
export const BOOKMARK_HEADER = "x-pulse-bookmark";
// D1 bookmarks are short strings of hex groups and dashes; anything else is refused before use.
const BOOKMARK = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export const isWrite = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());

export function bookmarks() {
  return createMiddleware<AppEnv>(async function bookmarks(c, next) {
    const sent = c.req.header(BOOKMARK_HEADER);
    if (sent !== undefined && !BOOKMARK.test(sent))
      throw badRequest(`${BOOKMARK_HEADER} is not a D1 bookmark`, [{ path: BOOKMARK_HEADER, message: "malformed" }]);
    await next();
    const bookmark = c.var.tdb?.bookmark();
    if (!bookmark || c.res.status === 101) return;
    try {
      c.res.headers.set(BOOKMARK_HEADER, bookmark);
    } catch {
      // an immutable response (a proxied one): it carries no bookmark
    }
  });
}

/** A frozen tenant (being moved to another shard) reads normally and answers writes 503. */
export function assertWritable(placement: Placement): void {
  if (placement.frozen) {
    throw new ApiError(
      503,
      "tenant_frozen",
      "This workspace is being moved; writes resume in a moment",
      [{ path: "", message: "tenant_frozen" }],
      { "retry-after": "30" },
    );
  }
}
