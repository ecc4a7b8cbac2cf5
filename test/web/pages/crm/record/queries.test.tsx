import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RecordPage } from "../../../../../web/src/pages/crm/record-page";
import { prefetchRecordPage } from "../../../../../web/src/pages/crm/record/queries";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";
import { crmSnapshot, makeRecord } from "../../../renderers/fixtures";

const globex = makeRecord("customers", { name: "Globex Corporation" }, { id: "c1" });
const routes = [
  {
    path: "/crm/:entity/:id",
    element: <RecordPage />,
    loader: ({ params }: { params: Record<string, string | undefined> }) =>
      prefetchRecordPage(params.entity!, params.id!),
  },
];

describe("the record page's loader", () => {
  it("asks for the record, its related lists and its timeline at once, and the page asks no second time", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let answerRecord: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (answerRecord = resolve));
    const fetch = mockFetch(async (url) => {
      if (url.pathname === "/api/crm/customers/c1") {
        await held;
        return json(200, globex);
      }
      if (url.pathname === "/api/crm/customers/c1/related") return json(200, { groups: [] });
      if (url.pathname === "/api/crm/customers/c1/timeline") {
        return json(200, {
          items: [{ id: "h1", kind: "history", summary: "Created", at: "2026-03-01T10:00:00.000Z" }],
          nextCursor: null,
        });
      }
      return apiError(404, "not_found", "Not found");
    });
    const asked = () => fetch.mock.calls.map(([url]) => new URL(String(url), "http://app.test").pathname);
    renderRoutes(routes, "/crm/customers/c1");

    // The record has not answered yet, and the related lists and timeline are already asked for.
    await screen.findByText(/Loading customer/);
    expect(asked()).toEqual(
      expect.arrayContaining([
        "/api/crm/customers/c1",
        "/api/crm/customers/c1/related",
        "/api/crm/customers/c1/timeline",
      ]),
    );
    answerRecord!();
    expect(await screen.findByText("Created")).toBeTruthy();
    expect(await screen.findByText("Nothing points at this record yet.")).toBeTruthy();
    for (const path of ["/api/crm/customers/c1", "/api/crm/customers/c1/related", "/api/crm/customers/c1/timeline"]) {
      expect(
        asked().filter((p) => p === path),
        path,
      ).toHaveLength(1);
    }
  });

  it("asks nothing when nobody is signed in (the guard sends them to sign in)", () => {
    const fetch = mockFetch(() => apiError(401, "unauthenticated", "Sign in"));
    expect(prefetchRecordPage("customers", "c1")).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
