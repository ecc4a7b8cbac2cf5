import { badRequest } from "./errors";

/** `If-Match: "3"` (also `W/"3"` or bare `3`) → 3; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(header.trim());
  if (!match) throw badRequest('If-Match must be a quoted version number, e.g. "3"');
  return Number(match[1]);
}

export const etagOf = (revision: number) => `"${revision}"`;
