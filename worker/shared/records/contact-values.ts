import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

// E-mail addresses, phone numbers and URLs as the record stores them. Pure and shared with the
// browser (libphonenumber-js's "min" metadata keeps the web bundle small).

// RFC 5322 atext, plus any non-ASCII character that is not a space or control (RFC 6531's
// UTF8-non-ascii): a dot-atom, so no leading, trailing or doubled dots. Quoted local parts
// ("a b"@x.com) are valid RFC 5321 but refused: no mail client a CRM user has produces them.
const LOCAL_RE = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f\s\p{C}])+(?:\.(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f\s\p{C}])+)*$/u;
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

// What people type around a phone number's digits: spaces (also no-break and thin ones),
// dots, hyphens, slashes and at most one pair of parentheses, after an optional "+".
const PHONE_SHAPE_RE = /^\+?[\d\s\u00a0\u2000-\u200b\u2060\u3000().\-/]+$/;

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === "string" && /^[A-Z]{2}$/.test(value);
}

/** A phone number in E.164 ("+12025550143"), read with the tenant's default country; or null. */
export function normalizePhone(raw: string, defaultCountry?: string): string | null {
  const text = raw.trim();
  if (!PHONE_SHAPE_RE.test(text)) return null;
  if ((text.match(/\(/g)?.length ?? 0) > 1 || (text.match(/\)/g)?.length ?? 0) > 1) return null;
  const country = isCountryCode(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** An E.164 number as people read it ("+1 202 555 0143"); anything else as it is. */
export function formatPhone(value: string): string {
  const parsed = value.startsWith("+") ? parsePhoneNumberFromString(value) : undefined;
  return parsed ? parsed.formatInternational() : value;
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
