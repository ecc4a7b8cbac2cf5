import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

// Phone numbers as the record stores them: E.164, parsed by libphonenumber-js with its "min"
// metadata (the smallest; the web app loads it with the record pages, not on first paint).

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
