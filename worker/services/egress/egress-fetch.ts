import { parseAllowList, urlRefusal, type EgressAllowList } from "../../shared/egress-rules";

// The one way the server calls out (webhook actions today, anything later). Redirects are
// never followed automatically: each hop's URL is checked like the first, at most MAX_HOPS.
const MAX_HOPS = 3;
const TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export type EgressPolicy = { allow: EgressAllowList; fetch?: typeof fetch; timeoutMs?: number; excerptBytes?: number };
export type EgressRequest = { method: string; headers: Record<string, string>; body?: string };
/** What is kept of a response: its status and a short excerpt, never the whole body. */
export type EgressResponse = { status: number; ok: boolean; url: string; redirects: number; excerpt: string };

/** A URL the platform will not call; retrying cannot help. */
export class EgressRefused extends Error {}

/** The allow-list from `EGRESS_ALLOW_HOSTS` (unset: nothing beyond the public internet). */
export function egressPolicy(env: { EGRESS_ALLOW_HOSTS?: string }, fetcher?: typeof fetch): EgressPolicy {
  return { allow: parseAllowList(env.EGRESS_ALLOW_HOSTS), fetch: fetcher };
}

export async function egressFetch(url: string, request: EgressRequest, policy: EgressPolicy): Promise<EgressResponse> {
  const fetcher = policy.fetch ?? fetch;
  const signal = AbortSignal.timeout(policy.timeoutMs ?? TIMEOUT_MS);
  let current = url;
  let req = request;
  for (let hop = 0; ; hop++) {
    const why = urlRefusal(current, policy.allow);
    if (why) throw new EgressRefused(`URL refused: ${why}`);
    const res = await fetcher(current, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: "manual",
      signal,
    });
    const location = res.headers.get("location");
    if (!REDIRECTS.has(res.status) || !location) {
      return {
        status: res.status,
        ok: res.ok,
        url: current,
        redirects: hop,
        excerpt: await excerpt(res, policy.excerptBytes ?? EXCERPT_BYTES),
      };
    }
    await res.body?.cancel();
    if (hop >= MAX_HOPS) throw new EgressRefused(`more than ${MAX_HOPS} redirects`);
    current = new URL(location, current).toString();
    // As browsers do: 303 (and 301/302 after a POST) continue as a GET without the body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && req.method === "POST")) {
      req = { ...req, method: "GET", body: undefined };
    }
  }
}

/** The first bytes of a body as text; the rest is never read. */
async function excerpt(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += Math.min(chunk.byteLength, bytes.length - at);
  }
  return new TextDecoder().decode(bytes).replace(/\uFFFD+$/, "");
}

/** Renders a URL template with each placeholder's value URL-encoded (path and query only). */
export function renderUrl(template: string, render: (text: string) => string): string {
  return template.replace(/\{\{[^}]*\}\}/g, (placeholder) => encodeURIComponent(render(placeholder)));
}
