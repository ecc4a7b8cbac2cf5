import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EntityPage } from "../../../../../web/src/pages/crm/entity-page";
import { apiError, json, makeSnapshot, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";

const routes = [{ path: "/crm/:entity/views/:view", element: <EntityPage /> }];

let saved: { href: string; download: string }[];

beforeEach(() => {
  saved = [];
  vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:csv-1");
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
});

function serve(exportResponse: () => Response) {
  return mockFetch((url) =>
    url.pathname.endsWith("/export.csv") ? exportResponse() : json(200, { items: [], nextCursor: null }),
  );
}

describe("CSV export", () => {
  it("downloads the current view with the session's token and saves it under the server's file name", async () => {
    signIn("read_only");
    setConfig(makeSnapshot());
    const fetch = serve(
      () =>
        new Response("\uFEFFid,name\r\n", {
          status: 200,
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": 'attachment; filename="customers-2026-03-01.csv"',
          },
        }),
    );
    renderRoutes(routes, "/crm/customers/views/default");
    await screen.findByRole("table");
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(saved).toEqual([{ href: "blob:csv-1", download: "customers-2026-03-01.csv" }]));

    const call = fetch.mock.calls.find(([url]) => String(url).includes("export.csv"))!;
    expect(String(call[0])).toBe("/api/crm/customers/export.csv?view=default");
    expect((call[1]!.headers as Record<string, string>).authorization).toBe("Bearer jwt-token-1");
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(await blob.text()).toContain("id,name");
  });

  it("exports what the table shows: its search and sort", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const fetch = serve(() => new Response("id\r\n", { status: 200, headers: { "content-type": "text/csv" } }));
    renderRoutes(routes, "/crm/customers/views/default");
    await screen.findByRole("table");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search All customers" }), { target: { value: "acme" } });
    fireEvent.click(screen.getByRole("button", { name: "Name" }));
    // The search settles after a short pause.
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).includes("q=acme"))).toBe(true));
    // …and the table has its answer (so the page has been told what it shows).
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "All customers" }).getAttribute("aria-busy")).toBe("false"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const url = new URL(String(fetch.mock.calls.find(([u]) => String(u).includes("export.csv"))![0]), "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: "default", q: "acme", sort: "name" });
    expect(saved[0]!.download).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("says why an export failed", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    serve(() => apiError(400, "bad_request", "The filter is not valid"));
    renderRoutes(routes, "/crm/customers/views/default");
    await screen.findByRole("table");
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Couldn't export: The filter is not valid");
    expect(saved).toHaveLength(0);
  });
});
