import { describe, expect, it } from "vitest";
import { hostRefusal, parseAllowList, templatedHost, urlRefusal } from "../../../worker/shared/egress-rules";
import { EgressRefused, egressFetch, renderUrl } from "../../../worker/services/egress/egress-fetch";

const REFUSED = [
  // loopback in every notation fetch() would accept
  "http://127.0.0.1/",
  "http://127.1/",
  "http://2130706433/",
  "http://017700000001/",
  "http://0x7f000001/",
  "http://0x7f.0.0.1/",
  "http://0177.0.0.1/",
  "http://127.0.0.1./",
  "http://[::1]/",
  "http://[0:0:0:0:0:0:0:1]/",
  // IPv4-mapped / compatible / NAT64 forms of loopback and metadata
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://[::ffff:169.254.169.254]/",
  "http://[::127.0.0.1]/",
  "http://[64:ff9b::7f00:1]/",
  // private, link-local, CGNAT, unspecified, multicast, reserved, broadcast
  "http://10.1.2.3/",
  "http://172.16.0.1/",
  "http://172.31.255.255/",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data",
  "http://100.64.0.1/",
  "http://0.0.0.0/",
  "http://0/",
  "http://224.0.0.1/",
  "http://240.0.0.1/",
  "http://255.255.255.255/",
  "http://[::]/",
  "http://[fc00::1]/",
  "http://[fd12:3456::1]/",
  "http://[fe80::1]/",
  "http://[ff02::1]/",
  "http://[2001:db8::1]/",
  "http://[2002:7f00:1::]/",
  // names that mean local hosts
  "http://localhost/",
  "http://LOCALHOST:8787/",
  "http://localhost./",
  "http://api.localhost/",
  "http://metadata.google.internal/",
  "http://db.internal/",
  "http://printer.local/",
  "http://metadata/",
  "http://intranet/",
  // schemes and credentials
  "ftp://example.com/",
  "file:///etc/passwd",
  "http://user:pw@example.com/",
];

describe("egress rules", () => {
  it.each(REFUSED)("refuses %s", (url) => {
    expect(urlRefusal(url)).not.toBeNull();
  });

  it.each([
    "https://hooks.example.com/x?y=1",
    "http://93.184.216.34/",
    "http://[2606:4700::1111]/",
    "https://8.8.8.8:8443/",
  ])("lets %s through", (url) => {
    expect(urlRefusal(url)).toBeNull();
  });

  it("classifies hosts the way the URL parser canonicalizes them", () => {
    expect(new URL("http://2130706433/").hostname).toBe("127.0.0.1");
    expect(hostRefusal("[::ffff:7f00:1]")).toMatch(/non-public/);
    expect(hostRefusal("example.com")).toBeNull();
  });

  it("lets an explicitly allowed host (and only that port) through", () => {
    const allow = parseAllowList(" 127.0.0.1:8811 , Localhost ");
    expect(urlRefusal("http://127.0.0.1:8811/hook", allow)).toBeNull();
    expect(urlRefusal("http://127.0.0.1:8812/hook", allow)).not.toBeNull();
    expect(urlRefusal("http://localhost:9999/", allow)).toBeNull();
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it("spots a templated scheme or host, not a templated path or query", () => {
    expect(templatedHost("http://{{record.company}}/x")).toBe(true);
    expect(templatedHost("https://api.{{record.domain}}/x")).toBe(true);
    expect(templatedHost("https://user@{{record.host}}:80/")).toBe(true);
    expect(templatedHost("{{record.url}}")).toBe(true);
    expect(templatedHost("https://hooks.example.com/{{record.id}}?q={{record.name}}")).toBe(false);
  });

  it("URL-encodes what templates put into the path and query", () => {
    const url = renderUrl("https://hooks.example.com/c/{{record.id}}?n={{record.name}}", (p) =>
      p.includes("id") ? "../../admin" : "a&b=@127.0.0.1",
    );
    expect(url).toBe("https://hooks.example.com/c/..%2F..%2Fadmin?n=a%26b%3D%40127.0.0.1");
    expect(new URL(url).hostname).toBe("hooks.example.com");
  });
});

type Hop = { status: number; location?: string; body?: string };

function fakeNet(routes: Record<string, Hop>) {
  const seen: { url: string; method: string; redirect: string | undefined }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, method: init?.method ?? "GET", redirect: init?.redirect });
    const hop = routes[url];
    if (!hop) throw new Error(`unexpected ${url}`);
    return new Response(hop.body ?? "", {
      status: hop.status,
      headers: hop.location ? { location: hop.location } : {},
    });
  }) as typeof fetch;
  return { fetcher, seen };
}

describe("egressFetch", () => {
  const post = { method: "POST", headers: {}, body: "{}" };

  it("follows redirects by hand, re-checking every hop, and keeps only an excerpt", async () => {
    const { fetcher, seen } = fakeNet({
      "https://a.example.com/": { status: 302, location: "https://b.example.com/x" },
      "https://b.example.com/x": { status: 200, body: "y".repeat(5000) },
    });
    const res = await egressFetch("https://a.example.com/", post, { allow: [], fetch: fetcher, excerptBytes: 100 });
    expect(res).toMatchObject({ status: 200, ok: true, redirects: 1, url: "https://b.example.com/x" });
    expect(res.excerpt).toHaveLength(100);
    expect(seen.map((s) => [s.method, s.redirect])).toEqual([
      ["POST", "manual"],
      ["GET", "manual"],
    ]);
  });

  it("refuses a redirect to a local address without fetching it", async () => {
    const { fetcher, seen } = fakeNet({
      "https://a.example.com/": { status: 307, location: "http://127.0.0.1:8787/api/admin" },
    });
    await expect(egressFetch("https://a.example.com/", post, { allow: [], fetch: fetcher })).rejects.toThrow(
      EgressRefused,
    );
    expect(seen).toHaveLength(1);
  });

  it("stops after three redirects", async () => {
    const { fetcher, seen } = fakeNet({
      "https://a.example.com/1": { status: 301, location: "/2" },
      "https://a.example.com/2": { status: 301, location: "/3" },
      "https://a.example.com/3": { status: 301, location: "/4" },
      "https://a.example.com/4": { status: 301, location: "/5" },
    });
    await expect(egressFetch("https://a.example.com/1", post, { allow: [], fetch: fetcher })).rejects.toThrow(
      /more than 3 redirects/,
    );
    expect(seen).toHaveLength(4);
  });

  it("refuses a local URL before any connection", async () => {
    const { fetcher, seen } = fakeNet({});
    await expect(egressFetch("http://[::ffff:127.0.0.1]/", post, { allow: [], fetch: fetcher })).rejects.toThrow(
      /URL refused/,
    );
    expect(seen).toHaveLength(0);
  });

  it("gives up after its timeout", async () => {
    const hang = ((_: unknown, init?: RequestInit) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      )) as typeof fetch;
    await expect(
      egressFetch("https://slow.example.com/", post, { allow: [], fetch: hang, timeoutMs: 20 }),
    ).rejects.toThrow();
  });
});
