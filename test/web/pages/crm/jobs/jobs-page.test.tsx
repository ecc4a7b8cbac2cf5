import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../../../web/src/api/jobs";
import { JobsPage } from "../../../../../web/src/pages/crm/jobs/jobs-page";
import { handleServerMessage } from "../../../../../web/src/state/realtime";
import { json, mockFetch, renderAt, setConfig, signIn } from "../../../helpers";
import { crmSnapshot } from "../../../renderers/fixtures";

const job = (over: Partial<Job> = {}): Job => ({
  id: "job_1",
  kind: "import",
  entity: "customers",
  state: "running",
  dryRun: false,
  total: 1000,
  done: 200,
  failed: 0,
  createdBy: "someone",
  createdAt: "2026-01-02T10:00:00.000Z",
  startedAt: "2026-01-02T10:00:01.000Z",
  finishedAt: null,
  error: null,
  ...over,
});

describe("jobs page", () => {
  it("shows each job's progress and moves it on with job.progress messages", async () => {
    signIn("manager");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/jobs/job_1/cancel" && init.method === "POST")
        return json(200, job({ state: "cancelled", done: 400 }));
      return json(200, { items: [job()] });
    });
    renderAt(<JobsPage />);
    const item = await screen.findByRole("listitem", { name: "Import of Customers" });
    const bar = within(item).getByRole("progressbar", { name: "Import of Customers progress" }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([200, 1000]);
    expect(within(item).getByText("Running")).toBeTruthy();

    act(() => handleServerMessage({ type: "job.progress", job: job({ done: 700, failed: 3 }) }));
    expect((within(item).getByRole("progressbar") as HTMLProgressElement).value).toBe(703);
    expect(within(item).getByRole("status").textContent).toContain("703 of 1,000 rows");
    expect(within(item).getByRole("button", { name: "Rejected rows (CSV)" })).toBeTruthy();

    fireEvent.click(within(item).getByRole("button", { name: "Cancel" }));
    expect(await within(item).findByText("Cancelled")).toBeTruthy();
    expect(
      fetch.mock.calls.some(([u, i]) => String(u).endsWith("/api/crm/jobs/job_1/cancel") && i?.method === "POST"),
    ).toBe(true);
    expect(within(item).queryByRole("button", { name: "Cancel" })).toBeNull();
  });

  it("says when there are no jobs", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch(() => json(200, { items: [] }));
    renderAt(<JobsPage />);
    expect(await screen.findByText("No jobs yet")).toBeTruthy();
  });
});
