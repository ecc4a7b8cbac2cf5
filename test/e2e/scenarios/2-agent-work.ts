// 2. An agent's day: logs a message in the inbox (which opens a case for the sender's customer,
// and the case opens), moves a deal from Lead to Qualified on the pipeline board with the
// keyboard (dnd-kit: handle, Space, ArrowRight, Space), and sees a manager's edit of a customer
// arrive in their open customers list without a reload.
import assert from "node:assert/strict";
import { seenAt, visible, watchDom } from "../lib/browser";
import type { Scenario } from "../lib/scenario";

const DEAL = "Wayne security suite"; // seeded in Lead; Lead → Qualified is an allowed move
const CUSTOMER = "Initech";

export const agentWork: Scenario = {
  name: "Agent: a case from the inbox, a deal across the pipeline, a manager's edit arrives live",
  timeoutMs: 90_000,
  async run(t) {
    const agent = await t.user("agent");
    const page = agent.page;
    const nav = page.getByRole("navigation", { name: "Main" });

    // Inbox → New message → a case.
    const subject = `Invoice PDF is blank (${Date.now().toString(36)})`;
    await nav.getByRole("link", { name: "Inbox", exact: true }).click();
    const compose = await visible(page.getByRole("region", { name: "New message" }));
    // A known sender (Initech's address): the message joins that customer and opens a new case.
    // (A new sender would also create a customer, which scenario 1's required field refuses.)
    await compose.getByLabel("From (email)").fill("it@initech.test");
    await compose.getByLabel("Name", { exact: true }).fill("Ian Initech");
    await compose.getByLabel("Subject").fill(subject);
    await compose.getByLabel("Message").fill("Every invoice we download since Monday is an empty PDF.");
    await compose.getByRole("button", { name: "Log message" }).click();
    await visible(compose.getByText("Message logged."));
    await visible(page.getByRole("list", { name: "Threads" }).getByRole("link", { name: subject }));
    t.step("agent: message logged, its thread is in the inbox");
    await t.shot(page, "inbox-message-logged");
    await compose.getByRole("link", { name: "Open the case" }).click();
    await page.waitForURL(/\/crm\/cases\/rec_/);
    await visible(page.getByRole("heading", { level: 1, name: subject }));
    const caseForm = await visible(page.getByRole("form", { name: "Case" }));
    assert.equal(await caseForm.getByRole("textbox", { name: "Subject", exact: true }).inputValue(), subject);
    t.step(`agent: the case opened (${new URL(page.url()).pathname})`);
    await t.shot(page, "case-opened");

    // Pipeline: Lead → Qualified with the keyboard.
    await nav.getByRole("link", { name: "Pipeline", exact: true }).click();
    const lead = page.getByRole("region", { name: "Lead", exact: true });
    const qualified = page.getByRole("region", { name: "Qualified", exact: true });
    const handle = await visible(lead.getByRole("button", { name: `Move ${DEAL}` }));
    await handle.focus();
    const moved = page.waitForResponse((r) => r.url().includes("/transition") && r.request().method() === "POST");
    await page.keyboard.press("Space");
    await page.waitForTimeout(150); // dnd-kit measures the lanes after lifting
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(150);
    await page.keyboard.press("Space");
    const response = await moved;
    assert.equal(response.status(), 200, `the move answered ${response.status()}: ${await response.text()}`);
    await visible(qualified.getByRole("button", { name: `Move ${DEAL}` }));
    assert.equal(await lead.getByRole("button", { name: `Move ${DEAL}` }).count(), 0, "the card left Lead");
    assert.equal(await page.getByRole("alert").count(), 0, "no refusal was shown");
    t.step(`agent: “${DEAL}” moved Lead → Qualified with Space, ArrowRight, Space`);
    await page.locator(".kanban-card-overlay").waitFor({ state: "detached" }); // the drop animation, for the picture
    await t.shot(page, "pipeline-moved");
    await page.reload();
    await visible(
      page.getByRole("region", { name: "Qualified", exact: true }).getByRole("button", { name: `Move ${DEAL}` }),
    );
    t.step("agent: after a reload the deal is still in Qualified");

    // A manager's edit arrives in the agent's open list.
    const listTab = await agent.newTab("agent-customers");
    await listTab
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers", exact: true })
      .click();
    const table = await visible(listTab.getByRole("table", { name: "All customers" }));
    await visible(table.getByRole("link", { name: CUSTOMER, exact: true }));

    const manager = await t.user("manager");
    const mp = manager.page;
    await mp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers", exact: true }).click();
    await mp.getByRole("table", { name: "All customers" }).getByRole("link", { name: CUSTOMER, exact: true }).click();
    const form = await visible(mp.getByRole("form", { name: "Customer" }));
    const company = `${CUSTOMER} Global ${Date.now().toString(36)}`;
    await form.getByRole("textbox", { name: "Company", exact: true }).fill(company);
    await watchDom(listTab, "edit", "table tbody td", company);
    const [saved] = await Promise.all([
      mp.waitForResponse(
        (r) => /\/api\/crm\/customers\/rec_/.test(r.url()) && ["PATCH", "PUT"].includes(r.request().method()),
      ),
      form.getByRole("button", { name: "Save customer" }).click(),
    ]);
    assert.equal(saved.status(), 200, `the manager's save answered ${saved.status()}`);
    await saved.finished();
    const timing = saved.request().timing();
    const savedAt = timing.startTime + (timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart);
    await visible(form.getByText("Saved."));
    t.step(`manager: saved Company = “${company}”`);

    const arrivedAt = await seenAt(listTab, "edit", 5000);
    t.metric("manager save→agent list", arrivedAt - savedAt);
    await visible(table.getByRole("cell", { name: company, exact: true }));
    await t.shot(listTab, "agent-list-live-edit");
  },
};
