// Debian's Chromium driven by playwright-core (no downloaded browsers), signing in through the
// real login form, and small waiting helpers (playwright-core has no `expect`).
import { type Browser, type Locator, type Page, chromium } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../scripts/demo";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/** The caller handles signals (and closes the browser); Playwright's own handlers would exit at once. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export type Role = (typeof DEMO_USERS)[number]["role"];
export const demoUser = (role: Role) => DEMO_USERS.find((u) => u.role === role)!;

/** Signs in with the login form, then waits for the app shell and a live realtime socket. */
export async function signIn(page: Page, base: string, role: Role): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(demoUser(role).email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await waitLive(page);
}

/** The top bar's connection indicator says the socket is up (config pushes will arrive). */
export async function waitLive(page: Page, timeout = 15_000): Promise<void> {
  await page.getByRole("status", { name: "Realtime: Live" }).waitFor({ timeout });
}

export async function visible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

export async function gone(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: "detached", timeout });
}

/** Polls `check` until it returns something other than undefined/false; throws `message` on timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  message: string,
  timeout = 10_000,
  every = 50,
): Promise<T> {
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= until) throw new Error(`${message} (waited ${timeout} ms)${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** The text of the elements a control's aria-describedby names (its hint and error). */
export function describedBy(locator: Locator): Promise<string> {
  return locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
      .join(" | "),
  );
}

export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

// Plain source, not a function: tsx's transform would add helpers (`__name`) the page lacks.
const WATCH_SOURCE = `(({ key, selector, text, absent }) => {
  const seen = (window.__e2eSeen ??= {});
  delete seen[key];
  const matches = () => [...document.querySelectorAll(selector)].some((el) => (el.textContent ?? "").includes(text));
  const check = () => {
    if (seen[key] === undefined && matches() !== absent) seen[key] = Date.now();
  };
  new MutationObserver(check).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  check();
})`;

/**
 * Records, inside the page, the wall-clock time (Date.now(), same clock as this process) at which
 * `selector` first matches an element whose text contains `text` — or, with `absent`, when none
 * does any more. A MutationObserver sees the DOM change itself, not the next poll.
 */
export async function watchDom(page: Page, key: string, selector: string, text: string, absent = false): Promise<void> {
  await page.evaluate(`${WATCH_SOURCE}(${JSON.stringify({ key, selector, text, absent })})`);
}

/** The time `watchDom(key)` saw its change; throws after `timeout`. */
export async function seenAt(page: Page, key: string, timeout = 5000): Promise<number> {
  return eventually(
    () => page.evaluate(`window.__e2eSeen?.[${JSON.stringify(key)}]`) as Promise<number | undefined>,
    `the page never showed the change "${key}"`,
    timeout,
    20,
  );
}
