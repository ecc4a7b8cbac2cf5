// Read replication (D1 Sessions): the server answers with `x-pulse-bookmark`, the position of
// the data it read or wrote; sending the newest one back makes every later answer at least as
// new, whichever replica serves it. So a user never reads older data than they wrote. Kept in
// memory (and sessionStorage, so a reload keeps it); cleared with the session.
export const BOOKMARK_HEADER = "x-pulse-bookmark";
const KEY = "pulse8.bookmark";

let latest: string | null = read();

function read(): string | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The bookmark to send, if any. */
export function currentBookmark(): string | null {
  return latest;
}

/**
 * Keeps the newer of the held and the received bookmark. D1 bookmarks are fixed-width hex groups,
 * so among equal lengths the larger string is the newer position; a response that raced an older
 * read cannot move the bookmark back.
 */
export function noteBookmark(received: string | null | undefined): void {
  if (!received) return;
  if (latest && latest.length === received.length && received <= latest) return;
  latest = received;
  try {
    sessionStorage?.setItem(KEY, received);
  } catch {
    // storage full or denied: memory is enough
  }
}

export function clearBookmark(): void {
  latest = null;
  try {
    sessionStorage?.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

/** Adds the bookmark header to outgoing headers; reads it from a response. */
export function withBookmark(headers: Record<string, string>): Record<string, string> {
  return latest ? { ...headers, [BOOKMARK_HEADER]: latest } : headers;
}

export function takeBookmark(response: Response): void {
  noteBookmark(response.headers?.get?.(BOOKMARK_HEADER));
}
