// What a scenario gets: signed-in users (one browser context each), extra tabs, screenshots,
// step and timing output. Everything it opens is tracked, so a failure can screenshot every page
// and print its console errors, and the contexts are always closed afterwards.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { type Role, signIn, waitLive } from "./browser";

export interface Scenario {
  name: string;
  timeoutMs: number;
  run(t: ScenarioContext): Promise<void>;
}

interface TrackedPage {
  label: string;
  page: Page;
  errors: string[];
}

export interface User {
  role: Role;
  context: BrowserContext;
  /** The first tab, signed in. */
  page: Page;
  /** Another tab of the same signed-in user. */
  newTab(label: string): Promise<Page>;
}

export class ScenarioContext {
  readonly metrics: Record<string, number> = {};
  private readonly contexts: BrowserContext[] = [];
  private readonly pages: TrackedPage[] = [];
  private shots = 0;
  private readonly started = Date.now();

  constructor(
    readonly base: string,
    private readonly browser: Browser,
    readonly slug: string,
    private readonly artifacts: string,
  ) {
    mkdirSync(artifacts, { recursive: true });
  }

  /** A user in a browser context of their own, signed in through the login form. */
  async user(role: Role, label: string = role): Promise<User> {
    const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: this.base });
    context.setDefaultTimeout(10_000);
    this.contexts.push(context);
    const page = await this.track(context, label);
    await signIn(page, this.base, role);
    const newTab = async (tabLabel: string) => {
      const tab = await this.track(context, tabLabel);
      await tab.goto(`${this.base}/crm`);
      await waitLive(tab);
      return tab;
    };
    return { role, context, page, newTab };
  }

  private async track(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    const tracked: TrackedPage = { label, page, errors: [] };
    page.on("console", (m) => {
      if (m.type() === "error") tracked.errors.push(`console.error: ${m.text()}`);
    });
    page.on("pageerror", (e) => tracked.errors.push(`uncaught: ${e.message}`));
    page.on("requestfailed", (r) => {
      // Sockets and aborted fetches closing with their page are not errors.
      if (!r.failure()?.errorText.includes("ERR_ABORTED"))
        tracked.errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
    });
    this.pages.push(tracked);
    return page;
  }

  /** A PNG in the artifacts folder: `<scenario>-<nn>-<name>.png` (what the viewport shows, or the whole page). */
  async shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
    const file = join(this.artifacts, `${this.slug}-${String(++this.shots).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
    return file;
  }

  step(message: string): void {
    const s = ((Date.now() - this.started) / 1000).toFixed(1).padStart(5);
    console.log(`      ${s}s  ${message}`);
  }

  /** A timing worth printing on the scenario's result line. */
  metric(name: string, ms: number): void {
    this.metrics[name] = Math.round(ms);
    this.step(`⏱  ${name}: ${Math.round(ms)} ms`);
  }

  /** After a failure: a screenshot of every open page, and what its console said. */
  async failureReport(): Promise<string[]> {
    const lines: string[] = [];
    for (const { label, page, errors } of this.pages) {
      if (page.isClosed()) continue;
      const file = join(this.artifacts, `${this.slug}-FAILED-${label.replace(/[^\w-]+/g, "_")}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
        lines.push(`screenshot [${label}] ${page.url()} → ${file}`);
      } catch (error) {
        lines.push(`screenshot [${label}] failed: ${String(error).split("\n")[0]}`);
      }
      if (errors.length === 0) lines.push(`console [${label}]: no errors`);
      for (const e of errors.slice(-20)) lines.push(`console [${label}]: ${e}`);
    }
    return lines;
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => undefined)));
  }
}
