import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CrmRecord } from "../../../../web/src/api/types";
import { RecordNewPage } from "../../../../web/src/pages/crm/record-new-page";
import { RecordPage } from "../../../../web/src/pages/crm/record-page";
import { handleServerMessage } from "../../../../web/src/state/realtime";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../../renderers/fixtures";

const routes = [
  { path: "/crm/:entity", element: <p>The list</p> },
  { path: "/crm/:entity/new", element: <RecordNewPage /> },
  { path: "/crm/:entity/:id", element: <RecordPage /> },
];

function serve(
  record: CrmRecord,
  extra: (url: URL, init: RequestInit) => Response | Promise<Response> | undefined = () => undefined,
) {
  let current = record;
  const fetch = mockFetch((url, init) => {
    const handled = extra(url, init);
    if (handled) return handled;
    if (url.pathname === `/api/crm/deals/${record.id}` && (init.method ?? "GET") === "GET") return json(200, current);
    if (url.pathname === `/api/crm/deals/${record.id}` && init.method === "PATCH") {
      current = {
        ...current,
        version: current.version + 1,
        data: { ...current.data, ...JSON.parse(String(init.body)) },
      };
      return json(200, current);
    }
    if (url.pathname.endsWith("/transition")) {
      current = {
        ...current,
        version: current.version + 1,
        status: (JSON.parse(String(init.body)) as { to: string }).to,
      };
      return json(200, current);
    }
    if (url.pathname.endsWith("/history")) {
      return json(200, {
        items: [
          {
            at: "2026-01-02T10:00:00.000Z",
            actor: { id: "u1", name: "Ada" },
            action: "record.created",
            changes: { name: { from: null, to: "Big one" } },
          },
          {
            at: "2026-01-03T10:00:00.000Z",
            actor: { id: "u2", name: "Bob" },
            action: "record.transitioned",
            from: "lead",
            to: "qualified",
          },
        ],
      });
    }
    return apiError(404, "not_found", "Not found");
  });
  return { fetch, set: (next: CrmRecord) => (current = next) };
}

const dealName = () => screen.getByRole("textbox", { name: /^Deal/ }) as HTMLInputElement;
const deal = () => makeRecord("deals", { name: "Big one", amount: 100 }, { id: "d1", status: "lead", version: 1 });

describe("record page", () => {
  it("shows the record's form, status, workflow steps and history; hides panels whose API is missing", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve(deal());
    renderRoutes(routes, "/crm/deals/d1");
    expect(await screen.findByRole("heading", { level: 1, name: "Big one" })).toBeTruthy();
    expect((dealName() as HTMLInputElement).value).toBe("Big one");
    const workflow = screen.getByRole("region", { name: "Workflow" });
    expect(within(workflow).getByText("Lead").getAttribute("aria-current")).toBe("step");
    expect(
      within(workflow)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Move to Qualified"]);
    const history = await screen.findByRole("region", { name: "History" });
    expect(await within(history).findByText(/moved it from Lead to Qualified/)).toBeTruthy();
    expect(within(history).getByText("Deal: Big one")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Service levels" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Activities" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull(); // managers and up
  });

  it("moves through the workflow and saves only the changed fields with If-Match", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const { fetch } = serve(deal());
    renderRoutes(routes, "/crm/deals/d1");
    fireEvent.click(await screen.findByRole("button", { name: "Move to Qualified" }));
    expect(await screen.findByRole("button", { name: "Move to Won" })).toBeTruthy();

    fireEvent.change(dealName(), { target: { value: "Bigger one" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Bigger one" })).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect(JSON.parse(String(patch[1]!.body))).toEqual({ name: "Bigger one" });
    expect(patch[1]!.headers).toMatchObject({ "if-match": '"2"' });
  });

  it("shows a save at once, and on a 412 puts the record back and asks what to keep", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let answer: (response: Response) => void = () => {};
    serve(deal(), (url, init) =>
      url.pathname === "/api/crm/deals/d1" && init.method === "PATCH"
        ? new Promise<Response>((resolve) => (answer = resolve))
        : undefined,
    );
    renderRoutes(routes, "/crm/deals/d1");
    await screen.findByRole("heading", { level: 1, name: "Big one" });
    fireEvent.change(dealName(), { target: { value: "Bigger one" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    // The heading follows before the server has answered.
    expect(await screen.findByRole("heading", { level: 1, name: "Bigger one" })).toBeTruthy();
    act(() => answer(apiError(412, "precondition_failed", "Version mismatch")));
    const prompt = await screen.findByRole("alert");
    expect(prompt.textContent).toContain("your changes were not saved");
    expect(await screen.findByRole("heading", { level: 1, name: "Big one" })).toBeTruthy(); // rolled back
    expect(dealName().value).toBe("Bigger one"); // what was typed stays in the form
  });

  it("follows live changes: new values without edits, a notice with them, a note when deleted", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const { set } = serve(deal());
    renderRoutes(routes, "/crm/deals/d1");
    await screen.findByRole("heading", { level: 1, name: "Big one" });

    set({ ...deal(), version: 2, data: { name: "Renamed elsewhere", amount: 100 } });
    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d1", op: "updated", version: 2 }));
    await waitFor(() => expect((dealName() as HTMLInputElement).value).toBe("Renamed elsewhere"));

    fireEvent.change(screen.getByLabelText("Amount"), { target: { value: "250" } });
    set({ ...deal(), version: 3, data: { name: "Renamed again", amount: 100 } });
    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d1", op: "updated", version: 3 }));
    expect(await screen.findByText(/changed by someone else/)).toBeTruthy();
    expect((screen.getByLabelText("Amount") as HTMLInputElement).value).toBe("250");

    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d1", op: "deleted", version: 4 }));
    expect(await screen.findByText(/was deleted by someone else/)).toBeTruthy();
  });

  it("shows SLA timers with a countdown, amber past the warning point", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    serve(deal(), (url) =>
      url.pathname.endsWith("/sla")
        ? json(200, {
            timers: [
              {
                policy: "standard",
                metric: "first_response",
                state: "running",
                startedAt: iso(-3_600_000),
                dueAt: iso(600_000),
                warnAt: iso(-60_000),
                pausedMs: 0,
              },
              {
                policy: "standard",
                metric: "resolution",
                state: "breached",
                startedAt: iso(-7_200_000),
                dueAt: iso(-60_000),
                pausedMs: 0,
              },
            ],
          })
        : undefined,
    );
    renderRoutes(routes, "/crm/deals/d1");
    const panel = await screen.findByRole("region", { name: "Service levels" });
    const [first, second] = within(panel).getAllByRole("listitem");
    expect(first!.className).toContain("sla-warning");
    expect(within(first!).getByRole("timer").textContent).toMatch(/^Due in (9|10)m \d\ds$/);
    expect(second!.className).toContain("sla-breached");
  });

  it("lets managers delete after confirming", async () => {
    signIn("manager");
    setConfig(crmSnapshot());
    const { fetch } = serve(deal(), (url, init) =>
      init.method === "DELETE" ? new Response(null, { status: 204 }) : undefined,
    );
    const { router } = renderRoutes(routes, "/crm/deals/d1");
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/crm/deals"));
    const del = fetch.mock.calls.find(([, init]) => init?.method === "DELETE")!;
    expect(del[1]!.headers).toMatchObject({ "if-match": '"1"' });
  });

  it("says so when the record isn't there", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch(() => apiError(404, "not_found", "Not found"));
    renderRoutes(routes, "/crm/deals/nope");
    expect(await screen.findByRole("heading", { level: 1, name: "Deal not found" })).toBeTruthy();
  });
});

describe("new record page", () => {
  it("creates with the form and opens the new record", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/deals" && init.method === "POST")
        return json(201, makeRecord("deals", JSON.parse(String(init.body)), { id: "d42", status: "lead" }));
      if (url.pathname === "/api/crm/deals/d42")
        return json(200, makeRecord("deals", { name: "Fresh" }, { id: "d42", status: "lead" }));
      return apiError(404, "not_found", "Not found");
    });
    const { router } = renderRoutes(routes, "/crm/deals/new");
    expect(screen.getByRole("heading", { level: 1, name: "New deal" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Create deal" }));
    expect(await screen.findByText("is required")).toBeTruthy();
    fireEvent.change(dealName(), { target: { value: "Fresh" } });
    fireEvent.change(screen.getByLabelText("Amount"), { target: { value: "1200.50" } });
    fireEvent.click(screen.getByRole("button", { name: "Create deal" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/crm/deals/d42"));
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: "Fresh", amount: "1200.50" });
  });

  it("tells read-only members they can't create", () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    renderRoutes(routes, "/crm/deals/new");
    expect(screen.getByText("Your role can't create deals")).toBeTruthy();
  });
});
