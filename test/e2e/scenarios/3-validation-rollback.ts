// 3. A validation error in the Studio: clearing the customers form's "Name" label shows the error
// at that control at once; the draft saves with problems, the publish is refused (422, nothing
// published, the agent's form untouched) and its error links back to the control, focused. Then
// Studio → Versions → roll back to the previous version (the one before scenario 1's publish):
// the agent's open form loses "Account manager" live, keeping what was typed.
import assert from "node:assert/strict";
import { describedBy, eventually, isFocused, seenAt, visible, watchDom } from "../lib/browser";
import type { Scenario } from "../lib/scenario";
import { openStudioItem, publishNow, saveDraft } from "./1-live-form";

const FIELD_LABEL = "Account manager"; // published by scenario 1
const LIVE_BUDGET_MS = 1000;

export const validationAndRollback: Scenario = {
  name: "Studio: a validation error blocks publish at the control; rollback restores the old form live",
  timeoutMs: 90_000,
  async run(t) {
    // The agent has a new-customer form (with scenario 1's field) and the list open.
    const agent = await t.user("agent");
    const formPage = agent.page;
    await formPage
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers", exact: true })
      .click();
    await formPage.getByRole("link", { name: "New customer" }).click();
    const form = await visible(formPage.getByRole("form", { name: "Customer" }));
    await visible(form.getByRole("textbox", { name: FIELD_LABEL }), 5000).catch(() => {
      throw new Error(
        `the customers form has no “${FIELD_LABEL}”: this scenario rolls back scenario 1's publish, ` +
          `run it after scenario 1`,
      );
    });
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Rollback Industries");
    await form.getByRole("textbox", { name: FIELD_LABEL }).fill("Max Manager");
    const list = await agent.newTab("agent-list");
    await list.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers", exact: true }).click();
    const table = await visible(list.getByRole("table", { name: "All customers" }));
    await visible(table.getByRole("columnheader", { name: FIELD_LABEL }));
    t.step("agent: new-customer form (with Account manager) half filled, list open");

    // The admin breaks the form: the first field's label emptied.
    const admin = await t.user("admin");
    const studio = admin.page;
    await openStudioItem(studio, "form/customers/default");
    const nameCard = studio.getByRole("list", { name: "Fields" }).getByRole("listitem").first();
    await nameCard.locator("summary").click();
    const labelInput = await visible(nameCard.getByLabel("Label", { exact: true }));
    assert.equal(await labelInput.inputValue(), "Name");
    await labelInput.fill("");
    // At once, in the browser: the error is at the control (aria-invalid, described by the message, in the same field).
    await eventually(
      async () => (await labelInput.getAttribute("aria-invalid")) === "true",
      "the emptied label is marked invalid",
    );
    const message = await describedBy(labelInput);
    assert.ok(message.length > 0, "the label control is described by its error message");
    await visible(
      labelInput
        .locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' field ')][1]")
        .locator(".field-error"),
    );
    await visible(
      studio
        .getByRole("region", { name: /problems? to fix before publishing/ })
        .getByRole("button", { name: "fields[0].label" }),
    );
    t.step(`admin: emptied the Name field's label → “${message}” at the control`);
    await t.shot(studio, "studio-error-at-control");
    await saveDraft(studio, false);

    // The publish is refused and names the control.
    await studio.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Publish", exact: true }).click();
    await visible(studio.getByRole("checkbox", { name: "Publish form/customers/default" }));
    const liveText = () =>
      studio
        .getByText(/^Live version: \d+\./)
        .textContent()
        .then((s) => /Live version: \d+/.exec(s ?? "")?.[0]);
    const liveBefore = await liveText();
    await studio.getByLabel("Message").fill("This should not go out");
    const refused = await publishNow(studio, "Publish 1 change");
    assert.equal(refused.status, 422, `the invalid publish answered ${refused.status}`);
    const errors = await visible(studio.getByRole("region", { name: "Nothing was published: fix these first" }));
    const errorLink = errors.getByRole("link", { name: "fields[0].label" });
    await visible(errorLink);
    assert.equal(await liveText(), liveBefore, "the live version did not change");
    assert.equal(
      await form.getByRole("textbox", { name: "Name", exact: true }).count(),
      1,
      "the agent's form still has its Name label",
    );
    t.step(`admin: publish refused (422), ${liveBefore} unchanged`);
    await t.shot(studio, "studio-publish-refused");

    // The error's link opens the builder with that very control focused.
    await errorLink.click();
    await studio.waitForURL(/\/studio\/items\/form\/customers\/default\?focus=/);
    const focused = studio
      .getByRole("list", { name: "Fields" })
      .getByRole("listitem")
      .first()
      .getByLabel("Label", { exact: true });
    await visible(focused);
    await eventually(() => isFocused(focused), "the label control is focused after following the publish error");
    assert.equal(await focused.getAttribute("aria-invalid"), "true");
    t.step("admin: the publish error's link focused the offending control");
    await t.shot(studio, "studio-error-link-focus");
    // Put the label back, so no broken draft is left behind.
    await focused.fill("Name");
    await eventually(
      async () => (await focused.getAttribute("aria-invalid")) === null,
      "the restored label is valid again",
    );
    await saveDraft(studio, true);

    // Versions → roll back to the version before scenario 1's publish.
    await studio.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Versions", exact: true }).click();
    const liveCell = await visible(studio.getByRole("cell").filter({ hasText: /^\d+\s*live$/ }));
    const live = Number.parseInt((await liveCell.textContent()) ?? "", 10);
    const target = live - 1;
    await studio.getByRole("button", { name: `Roll back to version ${target}` }).click();
    const confirm = await visible(studio.getByRole("group", { name: `Confirm rollback to version ${target}` }));
    await watchDom(formPage, "gone", "form.record-form label", FIELD_LABEL, true);
    await watchDom(list, "column-gone", "table thead th", FIELD_LABEL, true);
    const [response] = await Promise.all([
      studio.waitForResponse((r) => r.url().endsWith("/api/admin/config/rollback") && r.request().method() === "POST"),
      confirm.getByRole("button", { name: "Roll back" }).click(),
    ]);
    assert.equal(response.status(), 200, `the rollback answered ${response.status()}`);
    await response.finished();
    const timing = response.request().timing();
    const rolledAt = timing.startTime + (timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart);
    const version = ((await response.json()) as { version: number }).version;
    await visible(studio.getByText(`Rolled back: version ${version} is live.`));
    t.step(`admin: rolled back to v${target} as v${version}`);

    const goneAt = await seenAt(formPage, "gone");
    const columnGoneAt = await seenAt(list, "column-gone");
    t.metric("rollback→form", goneAt - rolledAt);
    t.metric("rollback→list column", columnGoneAt - rolledAt);
    assert.ok(
      goneAt - rolledAt <= LIVE_BUDGET_MS,
      `the form re-rendered ${goneAt - rolledAt} ms after the rollback response (budget ${LIVE_BUDGET_MS} ms)`,
    );
    assert.equal(
      await form.getByRole("textbox", { name: FIELD_LABEL }).count(),
      0,
      "the rolled-back form has no Account manager",
    );
    assert.equal(
      await form.getByRole("textbox", { name: "Name", exact: true }).inputValue(),
      "Rollback Industries",
      "the typed name survived the rollback",
    );
    assert.equal(await table.getByRole("columnheader", { name: FIELD_LABEL }).count(), 0, "the list lost the column");
    await t.shot(formPage, "agent-form-after-rollback");
    await t.shot(studio, "studio-versions-after-rollback");
  },
};
