// Which URLs the platform may call out to. Pure (no bindings), so config validation in the
// browser, the Worker and the tenant object apply the same rules; the fetching itself lives in
// worker/services/egress. Hosts are classified after WHATWG URL parsing, which is also what
// fetch() uses, so every notation of an address (2130706433, 0x7f.1, 017700000001, 127.1,
// [::ffff:127.0.0.1] …) is seen in the canonical form fetch would connect to.

/** Hosts (optionally host:port) a deployment explicitly lets through, e.g. a local receiver. */
export type EgressAllowList = readonly string[];

/** `EGRESS_ALLOW_HOSTS="127.0.0.1:8811,localhost"` → ["127.0.0.1:8811", "localhost"]. Unset: none. */
export function parseAllowList(raw: string | undefined): EgressAllowList {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const BLOCKED_NAMES = new Set(["localhost", "metadata", "metadata.goog", "instance-data", "metadata.azure.com"]);
const BLOCKED_SUFFIXES = [".localhost", ".internal", ".local", ".localdomain", ".home.arpa", ".arpa"];

// [first address, prefix length] of every IPv4 range that is not the public internet.
const BLOCKED_V4: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function v4ToInt(dotted: string): number | null {
  const parts = dotted.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

const inV4Range = (ip: number, [base, bits]: readonly [string, number]) =>
  Math.floor(ip / 2 ** (32 - bits)) === Math.floor(v4ToInt(base)! / 2 ** (32 - bits));

export function isBlockedIPv4(ip: number): boolean {
  return BLOCKED_V4.some((range) => inV4Range(ip, range));
}

/** "::ffff:7f00:1" → eight 16-bit groups, or null when it is not an IPv6 address. */
export function parseIPv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = v4ToInt(v4[1]!);
    if (n === null) return null;
    s = `${s.slice(0, -v4[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

// Only global unicast (2000::/3) is the internet; inside it, documentation, Teredo and 6to4
// (which embed or tunnel to arbitrary IPv4) are refused too. Everything else — ::, ::1,
// ::ffff:0:0/96 (IPv4-mapped), 64:ff9b::/96 (NAT64), fc00::/7, fe80::/10, ff00::/8 — is refused.
export function isBlockedIPv6(groups: number[]): boolean {
  const [a = 0, b = 0] = groups;
  if ((a & 0xe000) !== 0x2000) return true;
  if (a === 0x2001 && (b === 0x0db8 || b < 0x0200)) return true;
  return a === 0x2002;
}

/** Why a canonical URL hostname may not be called, or null when it may. */
export function hostRefusal(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) {
    const groups = parseIPv6(host.slice(1, -1));
    if (!groups) return "is not a valid IPv6 address";
    return isBlockedIPv6(groups) ? "is a loopback, private, link-local, mapped or otherwise non-public address" : null;
  }
  const ip = v4ToInt(host);
  if (ip !== null)
    return isBlockedIPv4(ip)
      ? "is a loopback, private, link-local, CGNAT, multicast or otherwise non-public address"
      : null;
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return "is not a valid address";
  if (BLOCKED_NAMES.has(host) || BLOCKED_SUFFIXES.some((s) => host.endsWith(s)))
    return "names a local or internal host";
  // A single label ("intranet") resolves through search domains to internal hosts.
  if (!host.includes(".")) return "is not a fully qualified domain name";
  return null;
}

const allowed = (url: URL, allow: EgressAllowList) =>
  allow.includes(url.hostname.toLowerCase()) || allow.includes(url.host.toLowerCase());

/** Why this URL may not be fetched (a sentence fragment about it), or null when it may. */
export function urlRefusal(raw: string, allow: EgressAllowList = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a valid URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must use http or https";
  if (url.username || url.password) return "must not carry credentials";
  if (allowed(url, allow)) return null;
  const why = hostRefusal(url.hostname);
  return why ? `host ${url.hostname} ${why}` : null;
}

/**
 * The scheme and host of an action URL must be literal: templates may fill the path and query
 * only (rendered URL-encoded), so record data can never choose where the server connects.
 */
export function templatedHost(raw: string): boolean {
  const authority = /^[^:/?#]*:\/\/[^/?#]*/.exec(raw);
  const head = authority ? authority[0] : raw;
  return head.includes("{{") || head.includes("}}");
}
