// 1. An admin adds a REQUIRED "Account manager" field to the customers form in the Studio, adds
// it as a column of the "All customers" view too (view builder), and publishes both with a
// message. Meanwhile an agent has the customers list and a half-filled new-customer form open in
// two tabs. Within 1 s of the publish response, without a reload, the form shows the new
// (required) field with the typed values intact, and the list shows the new column.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { eventually, seenAt, visible, watchDom } from "../lib/browser";
import type { Scenario } from "../lib/scenario";

const FIELD_LABEL = "Account manager";
const TYPED = { name: "Live Form Ltd", email: "hello@liveform.test" };
const LIVE_BUDGET_MS = 1000;

export async function openStudioItem(page: Page, item: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Config items", exact: true }).click();
  await page.getByRole("link", { name: `Edit ${item}` }).click();
  const [, entity, key] = item.split("/");
  await visible(page.getByRole("heading", { level: 1, name: new RegExp(`${entity}/${key}$`) }));
  await visible(page.getByRole("tabpanel", { name: "Builder" }));
}

export async function saveDraft(page: Page, expectValid = true) {
  await page.getByRole("button", { name: "Save draft" }).click();
  const notice = expectValid
    ? /Saved revision \d+\. It is valid and ready to publish\./
    : /Saved revision \d+, with problems to fix before publishing\./;
  await visible(page.getByText(notice));
}

/** Clicks the publish button and resolves with the publish response's arrival (wall clock) and body. */
export async function publishNow(page: Page, buttonName: string | RegExp) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/admin/config/publish") && r.request().method() === "POST"),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
  await response.finished();
  const timing = response.request().timing();
  const at = timing.startTime + (timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart);
  return { at, status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

export const liveForm: Scenario = {
  name: "Studio: a required field published while an agent has the list and a half-filled form open",
  timeoutMs: 90_000,
  async run(t) {
    // The agent: the customers list in one tab, a new customer half filled in another.
    const agent = await t.user("agent");
    const list = agent.page;
    await list.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers", exact: true }).click();
    const table = await visible(list.getByRole("table", { name: "All customers" }));
    await visible(table.getByRole("link", { name: "Globex Corporation" }));
    assert.equal(
      await table.getByRole("columnheader", { name: FIELD_LABEL }).count(),
      0,
      "the list has no Account manager column yet",
    );

    const formPage = await agent.newTab("agent-form");
    await formPage
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers", exact: true })
      .click();
    await formPage.getByRole("link", { name: "New customer" }).click();
    const form = await visible(formPage.getByRole("form", { name: "Customer" }));
    await form.getByRole("textbox", { name: "Name", exact: true }).fill(TYPED.name);
    await form.getByRole("textbox", { name: "Email", exact: true }).fill(TYPED.email);
    assert.equal(
      await form.getByRole("textbox", { name: FIELD_LABEL }).count(),
      0,
      "the form has no Account manager field yet",
    );
    t.step("agent: customers list open, new-customer form half filled (name, email)");
    await t.shot(formPage, "agent-form-before");

    // The admin: the field in the form builder, the column in the view builder.
    const admin = await t.user("admin");
    const studio = admin.page;
    await openStudioItem(studio, "form/customers/default");
    await studio.getByRole("button", { name: "Add field" }).click();
    const card = studio.getByRole("list", { name: "Fields" }).getByRole("listitem").last();
    await card.getByLabel("Name", { exact: true }).fill("accountManager");
    await card.getByLabel("Label", { exact: true }).fill(FIELD_LABEL);
    await card.getByLabel("Required", { exact: true }).check();
    await visible(card.getByText("required", { exact: true }));
    await saveDraft(studio);
    t.step("admin: form draft saved with a required text field “Account manager”");
    await t.shot(studio, "studio-form-builder", { fullPage: true });

    await openStudioItem(studio, "view/customers/all");
    await studio.getByRole("button", { name: "Add column" }).click();
    const column = studio.getByRole("list", { name: "Columns" }).getByRole("listitem").last();
    // offered from the saved form draft
    await column.getByLabel("Field", { exact: true }).selectOption({ label: FIELD_LABEL });
    await saveDraft(studio);
    t.step("admin: view draft saved with an Account manager column");

    await studio.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Publish", exact: true }).click();
    await visible(studio.getByRole("heading", { name: /Unpublished changes/ }));
    await visible(studio.getByRole("checkbox", { name: "Publish form/customers/default" }));
    await visible(studio.getByRole("checkbox", { name: "Publish view/customers/all" }));
    await studio.getByLabel("Message").fill("Customers get a required account manager");
    await t.shot(studio, "studio-publish-review", { fullPage: true });

    // Watch the agent's tabs from inside the page, so the time is the DOM change itself.
    await watchDom(formPage, "field", "form.record-form label", FIELD_LABEL);
    await watchDom(list, "column", "table thead th", FIELD_LABEL);
    const published = await publishNow(studio, "Publish 2 changes");
    assert.equal(published.status, 200, `publish answered ${published.status}: ${JSON.stringify(published.body)}`);
    t.step(`admin: published version ${published.body.version}`);

    const fieldAt = await seenAt(formPage, "field");
    const columnAt = await seenAt(list, "column");
    t.metric("publish→form", fieldAt - published.at);
    t.metric("publish→list column", columnAt - published.at);
    assert.ok(
      fieldAt - published.at <= LIVE_BUDGET_MS,
      `the form re-rendered ${fieldAt - published.at} ms after the publish response (budget ${LIVE_BUDGET_MS} ms)`,
    );
    assert.ok(
      columnAt - published.at <= LIVE_BUDGET_MS,
      `the list re-rendered ${columnAt - published.at} ms after the publish response (budget ${LIVE_BUDGET_MS} ms)`,
    );

    // The form: the new field, required, and nothing typed was lost.
    const field = await visible(form.getByRole("textbox", { name: FIELD_LABEL }));
    assert.equal(await field.getAttribute("aria-required"), "true", "the new field is required");
    assert.equal(
      await form.getByRole("textbox", { name: "Name", exact: true }).inputValue(),
      TYPED.name,
      "the typed name survived the publish",
    );
    assert.equal(
      await form.getByRole("textbox", { name: "Email", exact: true }).inputValue(),
      TYPED.email,
      "the typed email survived the publish",
    );
    await visible(table.getByRole("columnheader", { name: FIELD_LABEL }));
    await t.shot(formPage, "agent-form-after-publish");
    await t.shot(list, "agent-list-after-publish");
    await visible(studio.getByText(`Published version ${published.body.version} with 2 changes.`));

    // The required field is enforced: refused without it, created with it.
    await form.getByRole("button", { name: "Create customer" }).click();
    await eventually(
      async () => (await field.getAttribute("aria-invalid")) === "true",
      "submitting without an account manager marks the field invalid",
    );
    assert.equal(formPage.url().endsWith("/crm/customers/new"), true, "nothing was created without the required field");
    await field.fill("Alex Agent");
    await form.getByRole("button", { name: "Create customer" }).click();
    await formPage.waitForURL(/\/crm\/customers\/rec_/);
    await visible(formPage.getByRole("heading", { level: 1, name: TYPED.name }));
    t.step("agent: the required field was enforced, then the customer was created");
    // …and the open list picks the new row up live, with its account manager.
    await visible(table.getByRole("row", { name: new RegExp(`${TYPED.name}.*Alex Agent`) }));
    await t.shot(list, "agent-list-new-row");
  },
};
