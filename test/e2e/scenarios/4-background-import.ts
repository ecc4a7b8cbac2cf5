// 4. A manager imports 5,000 deals in the background: the Import CSV dialog hands the file to
// the server, the Jobs page shows the progress bar, the page is reloaded mid-way (as if the tab
// had been closed and opened again) and the bar carries on to the end, all rows imported.
import assert from "node:assert/strict";
import { eventually, visible } from "../lib/browser";
import type { Scenario } from "../lib/scenario";

const ROWS = 5000;

function dealsCsv(salt: string): Buffer {
  const lines = ["name,amount"];
  for (let i = 1; i <= ROWS; i++) lines.push(`Bulk deal ${salt} ${i},${(i % 50) * 100}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

export const backgroundImport: Scenario = {
  name: "Manager: a 5,000-row import in the background survives a reload of the Jobs page",
  timeoutMs: 180_000,
  async run(t) {
    const manager = await t.user("manager");
    const page = manager.page;
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Deals", exact: true }).first().click();
    await page.getByRole("button", { name: "Import CSV" }).click();
    const dialog = await visible(page.getByRole("dialog", { name: "Import deals from CSV" }));
    await dialog.getByLabel(/Import in the background/).check();
    await dialog
      .getByLabel("CSV file")
      .setInputFiles({ name: "deals.csv", mimeType: "text/csv", buffer: dealsCsv(Date.now().toString(36)) });
    await visible(dialog.getByText(`Importing ${ROWS.toLocaleString("en-US")} rows in the background`));
    t.step("manager: the file was accepted as a background job");
    await dialog.getByRole("link", { name: "Open Jobs" }).click();
    await page.waitForURL(/\/crm\/jobs$/);

    const job = page.getByRole("listitem", { name: "Import of Deals" }).first();
    const bar = job.getByRole("progressbar");
    const progress = async () =>
      bar.evaluate((el) => ({ value: (el as HTMLProgressElement).value, max: (el as HTMLProgressElement).max }));
    await visible(bar);
    const before = await progress();
    t.step(`jobs page: ${before.value} of ${before.max} rows before the reload`);
    await t.shot(page, "job-progress-before-reload");

    await page.reload();
    await visible(page.getByRole("listitem", { name: "Import of Deals" }).first().getByRole("progressbar"));
    const after = await progress();
    t.step(`reloaded: the bar is back at ${after.value} of ${after.max}`);
    assert.ok(after.value >= before.value, "the progress did not go back after the reload");

    const done = await eventually(
      async () => {
        const p = await progress();
        return p.value === ROWS && (await job.getByText("Finished").count()) > 0 ? p : undefined;
      },
      "the job to finish",
      150_000,
      500,
    );
    assert.equal(done.max, ROWS);
    await visible(job.getByText(`${ROWS.toLocaleString("en-US")} imported · 0 rejected`, { exact: false }));
    t.step(`jobs page: finished, ${done.value} of ${done.max} rows imported`);
    await t.shot(page, "job-finished");
  },
};
