import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { webhook } from "../../../worker/services/automation/actions/messaging";
import type { ActionContext } from "../../../worker/services/automation/actions/context";
import { PermanentFailure } from "../../../worker/services/automation/actions/context";
import { api, eventually, makeTenant, publishConfig, runsOf } from "../helpers";

afterEach(() => vi.restoreAllMocks());

const hookItems = (url: string) => [
  { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
  { ns: "action", entity: "customers", key: "tell", config: { type: "webhook", url } },
  { ns: "automation", entity: "customers", key: "tell", config: { trigger: "created", actions: ["tell"] } },
];

describe("webhook URLs at validate and publish", () => {
  it("refuses a templated host with the URL's path, at validate and at publish", async () => {
    const admin = await makeTenant();
    const res = await publishConfig(admin, hookItems("http://{{record.company}}/x"));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual({
      path: "action/customers/tell:url",
      message: expect.stringMatching(/host cannot be a template/),
    });
    const check = await api("POST", "/admin/config/action/customers/tell/validate", { token: admin.token });
    expect(check.body).toMatchObject({
      valid: false,
      errors: [{ path: "url", message: expect.stringMatching(/host cannot be a template/) }],
    });
  });

  it.each([
    "http://127.0.0.1:8787/api/health",
    "http://169.254.169.254/latest",
    "http://[::1]/",
    "http://2130706433/",
    "http://localhost/",
  ])("refuses %s at publish", async (url) => {
    const admin = await makeTenant();
    const res = await publishConfig(admin, hookItems(url));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual({
      path: "action/customers/tell:url",
      message: expect.stringMatching(/webhook URL's host/),
    });
  });

  it("accepts a public host with templates in path and query", async () => {
    const admin = await makeTenant();
    expect(
      (await publishConfig(admin, hookItems("https://hooks.example.com/c/{{record.id}}?n={{record.name}}"))).status,
    ).toBe(200);
  });
});

describe("webhook URLs at run time", () => {
  it("a public URL redirecting to the platform's address fails the run at once, fetching nothing local", async () => {
    const urls: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      urls.push(String(input));
      return new Response(null, { status: 302, headers: { location: "http://127.0.0.1:8787/api/admin/secrets" } });
    });
    const admin = await makeTenant();
    expect((await publishConfig(admin, hookItems("https://hooks.example.com/in"))).status).toBe(200);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const [run] = await eventually(
      async () => {
        const runs = await runsOf(admin);
        return runs[0]?.status === "failed" ? runs : undefined;
      },
      5000,
      "the run to fail",
    );
    expect(run).toMatchObject({
      attempts: 1,
      steps: [{ status: "failed", error: expect.stringMatching(/URL refused: host 127\.0\.0\.1/) }],
    });
    expect(urls).toEqual(["https://hooks.example.com/in"]);
  });

  it("the executor itself refuses a templated host even if one reached it", async () => {
    const fetcher = vi.fn();
    const ctx = {
      env,
      key: "run:0",
      template: { record: { company: "127.0.0.1:8787" } },
      fetch: fetcher,
    } as unknown as ActionContext;
    await expect(webhook({ type: "webhook", url: "http://{{record.company}}/x" }, ctx)).rejects.toThrow(
      PermanentFailure,
    );
    expect(fetcher).not.toHaveBeenCalled();
  });
});
