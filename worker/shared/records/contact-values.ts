// E-mail addresses and URLs as the record stores them (phone numbers: phone-values.ts). Pure and
// shared with the browser.

// RFC 5322 atext, plus any non-ASCII character that is not a space or control (RFC 6531's
// UTF8-non-ascii): a dot-atom, so no leading, trailing or doubled dots. Quoted local parts
// ("a b"@x.com) are valid RFC 5321 but refused: no mail client a CRM user has produces them.
const LOCAL_ATOM = String.raw`(?:[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~-]|[^\x00-\x7f\s\p{C}])+`;
const LOCAL_RE = new RegExp(String.raw`^${LOCAL_ATOM}(?:\.${LOCAL_ATOM})*$`, "u");
// A domain as typed: letters (any script), digits, marks, hyphens and dots.
const DOMAIN_CHARS_RE = /^[\p{L}\p{N}\p{M}.-]+$/u;
// The domain after IDNA (the WHATWG URL parser's host parsing): LDH labels, a TLD of letters or
// an A-label.
const ASCII_DOMAIN_RE = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const HOST_LABELS_RE = /^(?:(?!-)[a-z0-9-]{1,63}(?<!-))(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The host name the WHATWG URL parser makes of `host` (IDNA, lower case), or null. */
function parsedHost(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * An e-mail address per RFC 5321 / 6531, internationalised domains included, or null. Stored as
 * typed (NFC) with the domain lower-cased; conditions and the inbox compare addresses case-folded.
 */
export function normalizeEmail(raw: string): string | null {
  const text = raw.trim().normalize("NFC");
  const at = text.lastIndexOf("@");
  if (at <= 0) return null;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (utf8Length(local) > 64 || !LOCAL_RE.test(local)) return null;
  if (!DOMAIN_CHARS_RE.test(domain)) return null;
  const ascii = parsedHost(domain);
  if (ascii === null || ascii.length > 253 || !ASCII_DOMAIN_RE.test(ascii)) return null;
  const address = `${local}@${domain}`;
  return utf8Length(address) <= 254 ? address : null;
}

/**
 * An absolute http(s) URL parsed by the WHATWG URL parser and stored as it serialises it
 * (scheme and host lower-cased, IDNA applied, default port and dot segments dropped); or null.
 * The typed text must itself start with "http://" or "https://" and a host, so "http:x.com"
 * and "http:///x.com" are refused rather than guessed at.
 */
export function normalizeUrl(raw: string): string | null {
  const text = raw.trim();
  if (text.length > 2000 || !/^https?:\/\/[^/\\?#]/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname;
  const ipv6 = host.startsWith("[");
  if (!ipv6 && !HOST_LABELS_RE.test(host)) return null;
  return url.href.length <= 2000 ? url.href : null;
}
