import { act, renderHook, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ViewConfig } from "@shared/config/view";
import type { CrmRecord } from "../../../../web/src/api/types";
import { KanbanRenderer } from "../../../../web/src/renderers/kanban/kanban-renderer";
import { buildLanes, laneDefs } from "../../../../web/src/renderers/kanban/kanban-lanes";
import { useKanbanMove } from "../../../../web/src/renderers/kanban/use-kanban-move";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, dealWorkflow, makeRecord } from "../fixtures";

const deal = (id: string, name: string, status: string, amount?: number, source?: string) =>
  makeRecord(
    "deals",
    { name, ...(amount !== undefined ? { amount } : {}), ...(source ? { source } : {}) },
    { id, status },
  );

const lane = (name: string) => screen.getByRole("region", { name });

describe("KanbanRenderer", () => {
  it("makes one lane per workflow step, with counts and the money column's total", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch(() =>
      json(200, {
        items: [deal("d1", "Alpha", "lead", 1000), deal("d2", "Beta", "lead", 500), deal("d3", "Gamma", "won", 2500)],
        nextCursor: null,
      }),
    );
    renderAt(
      <KanbanRenderer entity="deals" viewKey="pipeline" view={crmSnapshot().view!.deals!.pipeline as ViewConfig} />,
    );
    await screen.findByRole("link", { name: "Alpha" });
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Lead",
      "Qualified",
      "Won",
    ]);
    expect(within(lane("Lead")).getByLabelText("2 cards").textContent).toBe("2");
    expect(within(lane("Lead")).getByText("$1.5K")).toBeTruthy();
    expect(within(lane("Won")).getByRole("link", { name: "Gamma" })).toBeTruthy();
    expect(within(lane("Qualified")).getByText("No cards")).toBeTruthy();
    expect(within(lane("Lead")).getByRole("button", { name: "Move Alpha" })).toBeTruthy(); // keyboard-ready handle
    expect(new URL(String(fetch.mock.calls[0]![0]), "http://x").searchParams.get("view")).toBe("pipeline");
  });

  it("groups by a select field's options when groupBy isn't status", () => {
    const form = crmSnapshot().form!.deals!.default as Parameters<typeof laneDefs>[1];
    const defs = laneDefs("source", form, undefined);
    expect(defs.map((d) => d.label)).toEqual(["Website", "Referral", "No source"]);
    const lanes = buildLanes(defs, [deal("d1", "A", "lead", 1, "web"), deal("d2", "B", "lead")], "source");
    expect(lanes.map((l) => [l.key, l.records.map((r) => r.id)])).toEqual([
      ["web", ["d1"]],
      ["ref", []],
      ["__none__", ["d2"]],
    ]);
  });

  it("hides the board's handles from read-only members", async () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    mockFetch(() => json(200, { items: [deal("d1", "Alpha", "lead")], nextCursor: null }));
    renderAt(
      <KanbanRenderer entity="deals" viewKey="pipeline" view={crmSnapshot().view!.deals!.pipeline as ViewConfig} />,
    );
    await screen.findByRole("link", { name: "Alpha" });
    expect(screen.queryByRole("button", { name: "Move Alpha" })).toBeNull();
  });
});

describe("moving a card", () => {
  function setup(record: CrmRecord) {
    const state = { items: [record] };
    const list = {
      get items() {
        return state.items;
      },
      update: vi.fn((id: string, change: (r: CrmRecord) => CrmRecord) => {
        state.items = state.items.map((r) => (r.id === id ? change(r) : r));
      }),
      put: vi.fn((r: CrmRecord) => {
        state.items = state.items.map((x) => (x.id === r.id ? r : x));
      }),
    };
    const labels = Object.fromEntries(dealWorkflow().steps.map((s) => [s.key, s.label]));
    const hook = renderHook(() =>
      useKanbanMove({
        entity: "deals",
        groupBy: "status",
        list,
        laneLabel: (k) => labels[k] ?? k,
        title: (r) => String(r.data.name),
      }),
    );
    return { state, list, hook };
  }

  it("moves at once, then reverts with the server's reason on 409 invalid_transition", async () => {
    signIn("agent");
    let seen: string | undefined;
    const fetch = mockFetch((url, init) => {
      seen = String(init.body);
      expect(url.pathname).toBe("/api/crm/deals/d1/transition");
      expect(statusDuringRequest()).toBe("won"); // optimistic
      return apiError(409, "invalid_transition", "There is no transition from lead to won");
    });
    const { state, list, hook } = setup(deal("d1", "Alpha", "lead"));
    const statusDuringRequest = () => state.items[0]!.status;

    let moved: boolean | undefined;
    await act(async () => {
      moved = await hook.result.current.move("d1", "won");
    });
    expect(moved).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(seen!)).toEqual({ to: "won" });
    expect(state.items[0]!.status).toBe("lead"); // back where it was
    expect(list.put).toHaveBeenCalledWith(expect.objectContaining({ id: "d1", status: "lead" }));
    expect(hook.result.current.message).toBe(
      "Can't move “Alpha” from Lead to Won: There is no transition from lead to won. “Alpha” is back in Lead.",
    );
  });

  it("says so on 403 and keeps the server's record on success", async () => {
    signIn("agent");
    const { state, hook } = setup(deal("d1", "Alpha", "lead"));
    mockFetch(() => apiError(403, "forbidden", "Role may not"));
    await act(async () => void (await hook.result.current.move("d1", "qualified")));
    expect(hook.result.current.message).toMatch(/^You're not allowed to move “Alpha” to Qualified\./);
    expect(state.items[0]!.status).toBe("lead");

    mockFetch(() => json(200, { ...state.items[0], status: "qualified", version: 2 }));
    await act(async () => void (await hook.result.current.move("d1", "qualified")));
    await waitFor(() => expect(state.items[0]).toMatchObject({ status: "qualified", version: 2 }));
    expect(hook.result.current.message).toBeNull();
  });

  it("on a 412 puts the card back and offers their version or the move again over it", async () => {
    signIn("agent");
    const record = deal("d1", "Alpha", "lead", 1, "web");
    const state = { items: [record] };
    const list = {
      get items() {
        return state.items;
      },
      update: (id: string, change: (r: CrmRecord) => CrmRecord) => {
        state.items = state.items.map((r) => (r.id === id ? change(r) : r));
      },
      put: (r: CrmRecord) => {
        state.items = state.items.map((x) => (x.id === r.id ? r : x));
      },
    };
    const theirs = { ...record, version: 3, data: { ...record.data, name: "Alpha (renamed)" } };
    const during: unknown[] = [];
    const fetch = mockFetch((_url, init) => {
      if (init.method !== "PATCH") return json(200, theirs);
      during.push(state.items[0]!.data.source);
      const version = (init.headers as Record<string, string>)["if-match"];
      return version === '"3"'
        ? json(200, { ...theirs, version: 4, data: { ...theirs.data, source: "ref" } })
        : apiError(412, "precondition_failed", "Version mismatch");
    });
    const { result } = renderHook(() =>
      useKanbanMove({ entity: "deals", groupBy: "source", list, laneLabel: (k) => k, title: () => "Alpha" }),
    );
    await act(async () => void (await result.current.move("d1", "ref")));
    expect(during).toEqual(["ref"]); // moved before the server answered
    expect(state.items[0]!.data.source).toBe("web"); // and put back after the 412
    await waitFor(() => expect(result.current.conflict?.theirs).toMatchObject({ version: 3 }));
    expect(result.current.conflict).toMatchObject({ to: "ref" });
    expect(result.current.message).toBeNull();

    await act(async () => void (await result.current.reapply()));
    expect(result.current.conflict).toBeNull();
    expect(state.items[0]).toMatchObject({ version: 4, data: { name: "Alpha (renamed)", source: "ref" } });
    const patches = fetch.mock.calls.filter(([, init]) => init?.method === "PATCH");
    expect(patches.map(([, init]) => (init!.headers as Record<string, string>)["if-match"])).toEqual(['"1"', '"3"']);
  });

  it("patches the field (with If-Match) when grouped by something else", async () => {
    signIn("agent");
    const record = deal("d1", "Alpha", "lead", 1, "web");
    const state = { items: [record] };
    const list = { items: state.items, update: vi.fn(), put: vi.fn() };
    const fetch = mockFetch(() => json(200, { ...record, data: { ...record.data, source: "ref" }, version: 2 }));
    const { result } = renderHook(() =>
      useKanbanMove({ entity: "deals", groupBy: "source", list, laneLabel: (k) => k, title: () => "Alpha" }),
    );
    await act(async () => void (await result.current.move("d1", "ref")));
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe("/api/crm/deals/d1");
    expect(init).toMatchObject({ method: "PATCH", headers: { "if-match": '"1"' } });
    expect(JSON.parse(String(init!.body))).toEqual({ source: "ref" });
  });
});
