// 5. The app runs under its Content-Security-Policy without a single violation: an admin walks
// through the CRM (lists, a record, a new-record form, dashboard, inbox) and the Studio (items, an
// item's builder, publish, versions, audit, members, runs) while every page reports CSP
// violations. The document and the API carry the security headers; no source map is published.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { waitLive } from "../lib/browser";
import type { Scenario } from "../lib/scenario";

const PATHS = [
  "/crm",
  "/crm/customers",
  "/crm/customers/new",
  "/crm/deals",
  "/crm/dashboard",
  "/crm/inbox",
  "/crm/activities",
  "/crm/approvals",
  "/studio",
  "/studio/items/form/customers/default",
  "/studio/items/action/deals/kickoff_activity",
  "/studio/publish",
  "/studio/versions",
  "/studio/audit",
  "/studio/members",
  "/studio/runs",
  "/studio/secrets",
  "/studio/tenant",
];

async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  return violations;
}

export const securityHeaders: Scenario = {
  name: "Security: the app runs under its CSP without violations; headers on documents and API; no source maps",
  timeoutMs: 90_000,
  async run(t) {
    const admin = await t.user("admin", "admin-csp");
    const page = admin.page;
    const violations = await collectViolations(page);
    const doc = await page.goto(`${t.base}/crm`);
    const headers = doc!.headers();
    assert.match(headers["content-security-policy"] ?? "", /script-src 'self'/, "the document has a CSP");
    assert.equal(headers["x-content-type-options"], "nosniff");
    assert.equal(headers["x-frame-options"], "DENY");
    assert.ok(headers["referrer-policy"], "the document has a referrer policy");
    await waitLive(page);
    for (const path of PATHS) {
      await page.goto(`${t.base}${path}`);
      await page.waitForLoadState("networkidle");
      t.step(`visited ${path}: ${violations.length} violation(s) so far`);
    }
    await t.shot(page, "studio-runs-under-csp");
    assert.deepEqual(violations, [], "no CSP violations");

    const api = await page.request.get(`${t.base}/api/health`);
    assert.match(api.headers()["content-security-policy"] ?? "", /default-src 'none'/, "the API has its own CSP");
    assert.equal(api.headers()["x-content-type-options"], "nosniff");

    const scripts = await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of scripts.filter((s) => s.includes("/assets/"))) {
      const map = await page.request.get(`${src}.map`);
      assert.ok(!(map.headers()["content-type"] ?? "").includes("json"), `${src}.map is not published`);
      assert.ok(!(await map.text()).includes('"mappings"'), `${src}.map is not published`);
    }
    t.step(`no source maps for ${scripts.length} script(s)`);
  },
};
