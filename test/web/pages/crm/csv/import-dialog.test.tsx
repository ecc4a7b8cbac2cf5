import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { EntityPage } from "../../../../../web/src/pages/crm/entity-page";
import { apiError, json, makeSnapshot, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";

const routes = [
  { path: "/crm/:entity", element: <EntityPage /> },
  { path: "/crm/:entity/views/:view", element: <EntityPage /> },
];

const snapshot = () =>
  makeSnapshot({
    form: {
      customers: {
        default: {
          title: "Customer",
          fields: [
            { name: "name", label: "Name", type: "text" },
            { name: "email", label: "Email", type: "email" },
          ],
        },
      },
    },
    view: { customers: { default: { title: "All customers", type: "table", columns: [{ field: "name" }] } } },
  });

/** A file of `rows` data rows: the header is row 1, so data row i is file row i + 1. */
function csvFile(rows: number, name = "customers.csv"): File {
  const lines = ["name,email", ...Array.from({ length: rows }, (_, i) => `Customer ${i + 1},c${i + 1}@example.com`)];
  return new File([`${lines.join("\r\n")}\r\n`], name, { type: "text/csv" });
}

type Call = { dryRun: boolean; firstRow: number; rows: number; contentType: string | undefined };

/** Serves the list, and the import with `answer` deciding each request (default: success). */
function serve(answer: (call: Call) => Response | Promise<Response> | undefined = () => undefined) {
  const calls: Call[] = [];
  const fetch = mockFetch(async (url, init) => {
    if (url.pathname === "/api/crm/customers/import") {
      const body = String(init.body);
      const call: Call = {
        dryRun: url.searchParams.get("dryRun") === "true",
        firstRow: Number(url.searchParams.get("firstRow")),
        rows: body.trim().split("\r\n").length - 1,
        contentType: (init.headers as Record<string, string>)["content-type"],
      };
      calls.push(call);
      const custom = await answer(call);
      if (custom) return custom;
      return call.dryRun
        ? json(200, { valid: true, rows: call.rows, ignoredColumns: [] })
        : json(201, { imported: call.rows, ids: [], ignoredColumns: [] });
    }
    return json(200, { items: [], nextCursor: null });
  });
  return { fetch, calls };
}

async function openImport(file: File) {
  renderRoutes(routes, "/crm/customers/views/default");
  fireEvent.click(screen.getByRole("button", { name: "Import CSV" }));
  const dialog = screen.getByRole("dialog", { name: "Import customers from CSV" });
  fireEvent.change(within(dialog).getByLabelText("CSV file"), { target: { files: [file] } });
  return dialog;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("CSV import", () => {
  it("is offered to agents, not to read-only members", () => {
    signIn("read_only");
    setConfig(snapshot());
    serve();
    renderRoutes(routes, "/crm/customers/views/default");
    expect(screen.queryByRole("button", { name: "Import CSV" })).toBeNull();
    expect(screen.getByRole("button", { name: "Export CSV" })).toBeTruthy();
  });

  it("checks every part of the file before writing, then imports part by part with firstRow and progress", async () => {
    signIn("agent");
    setConfig(snapshot());
    const second = deferred<Response>();
    const { calls } = serve((call) => (!call.dryRun && call.firstRow === 502 ? second.promise : undefined));
    const dialog = await openImport(csvFile(1200));

    expect(await within(dialog).findByText("All 1,200 rows are valid. Nothing has been imported yet.")).toBeTruthy();
    expect(calls).toEqual([
      { dryRun: true, firstRow: 2, rows: 500, contentType: "text/csv" },
      { dryRun: true, firstRow: 502, rows: 500, contentType: "text/csv" },
      { dryRun: true, firstRow: 1002, rows: 200, contentType: "text/csv" },
    ]);

    fireEvent.click(within(dialog).getByRole("button", { name: "Import 1,200 rows" }));
    expect(await within(dialog).findByText("Imported 500 of 1,200 rows…")).toBeTruthy();
    expect(within(dialog).getByRole("progressbar", { name: "Importing rows" })).toHaveProperty("value", 500);
    // While a part is being written the dialog can't be closed.
    expect(within(dialog).queryByRole("button", { name: "Close" })).toBeNull();

    second.resolve(json(201, { imported: 500, ids: [], ignoredColumns: [] }));
    expect(await within(dialog).findByText("Imported 1,200 rows from customers.csv.")).toBeTruthy();
    expect(calls.slice(3).map((c) => [c.dryRun, c.firstRow, c.rows, c.contentType])).toEqual([
      [false, 2, 500, "text/csv"],
      [false, 502, 500, "text/csv"],
      [false, 1002, 200, "text/csv"],
    ]);
  });

  it("shows the row report of a 422 for the whole file and writes nothing", async () => {
    signIn("agent");
    setConfig(snapshot());
    const { calls } = serve((call) =>
      call.firstRow === 502
        ? apiError(422, "validation_failed", "2 of 500 rows were rejected; nothing was imported", [
            { path: "rows[640].email", row: 640, field: "email", message: "must be an email address" },
            { path: "rows[610]", row: 610, message: "has 3 cells but the header has 2 columns" },
          ])
        : undefined,
    );
    const dialog = await openImport(csvFile(1200));

    const report = await within(dialog).findByRole("table", { name: "Rows with problems" });
    const rows = within(report)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ["610", "—", "has 3 cells but the header has 2 columns"],
      ["640", "Email", "must be an email address"],
    ]);
    expect(within(dialog).getByRole("alert").textContent).toBe("2 of 1,200 rows have problems; nothing was imported.");
    expect(calls.map((c) => c.firstRow)).toEqual([2, 502, 1002]);
    expect(calls.every((c) => c.dryRun)).toBe(true);
    expect(within(dialog).queryByRole("button", { name: /^Import/ })).toBeNull();

    fireEvent.click(within(dialog).getByRole("button", { name: "Choose another file" }));
    expect(within(dialog).getByLabelText("CSV file")).toBeTruthy();
  });

  it("stops checking at a problem with the columns, which every part would repeat", async () => {
    signIn("agent");
    setConfig(snapshot());
    const { calls } = serve(() =>
      apiError(422, "validation_failed", "Unknown or repeated columns: mail", [
        { path: "columns[1]", message: '"mail" is not a field of customers' },
      ]),
    );
    const dialog = await openImport(csvFile(1200));
    const report = await within(dialog).findByRole("table", { name: "Rows with problems" });
    expect(within(report).getByRole("cell", { name: "columns[1]" })).toBeTruthy();
    expect(within(dialog).getByRole("alert").textContent).toBe("Unknown or repeated columns: mail");
    expect(calls).toHaveLength(1);
  });

  it("says how many rows went in when a part fails mid-way, and imports the rest on request", async () => {
    signIn("agent");
    setConfig(snapshot());
    let failing = true;
    const { calls } = serve((call) =>
      !call.dryRun && call.firstRow === 502 && failing
        ? apiError(503, "unavailable", "The database is busy.")
        : undefined,
    );
    const dialog = await openImport(csvFile(1200));
    fireEvent.click(await within(dialog).findByRole("button", { name: "Import 1,200 rows" }));

    const alert = await within(dialog).findByText(/were imported\. The part starting at row 502 failed/);
    expect(alert.textContent).toBe(
      "500 rows (file rows 2–501) were imported. The part starting at row 502 failed: The database is busy. " +
        "Nothing from rows 502–1,201 was imported.",
    );
    expect(calls.filter((c) => !c.dryRun).map((c) => c.firstRow)).toEqual([2, 502]);

    failing = false;
    fireEvent.click(within(dialog).getByRole("button", { name: "Import the remaining 700 rows" }));
    expect(await within(dialog).findByText("Imported 1,200 rows from customers.csv.")).toBeTruthy();
    expect(calls.filter((c) => !c.dryRun).map((c) => c.firstRow)).toEqual([2, 502, 502, 1002]);
  });

  it("explains a file it can't split before asking the server", async () => {
    signIn("agent");
    setConfig(snapshot());
    const { calls } = serve();
    const dialog = await openImport(
      new File(['name,email\r\n"Acme,ops@acme.test\r\n'], "broken.csv", { type: "text/csv" }),
    );
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "The file is not valid CSV: a quoted field is never closed (row 2).",
    );
    fireEvent.change(within(dialog).getByLabelText("CSV file"), {
      target: { files: [new File(["name,email\r\n"], "empty.csv")] },
    });
    await waitFor(() =>
      expect(within(dialog).getByRole("alert").textContent).toBe("The file has a header but no rows to import."),
    );
    expect(calls).toHaveLength(0);
  });

  it("closes with Escape and gives focus back to the button that opened it", async () => {
    signIn("agent");
    setConfig(snapshot());
    serve();
    renderRoutes(routes, "/crm/customers/views/default");
    const button = screen.getByRole("button", { name: "Import CSV" });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole("dialog");
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

describe("import in the background", () => {
  it("uploads the whole file as an import job and points to the Jobs page", async () => {
    signIn("agent");
    setConfig(snapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/customers/import-jobs" && init.method === "POST") {
        return json(202, {
          job: {
            id: "job_1",
            kind: "import",
            entity: "customers",
            state: "queued",
            dryRun: false,
            total: 5000,
            done: 0,
            failed: 0,
            createdBy: "u",
            createdAt: "2026-01-01T00:00:00.000Z",
            startedAt: null,
            finishedAt: null,
            error: null,
          },
        });
      }
      return json(200, { items: [], nextCursor: null });
    });
    renderRoutes(routes, "/crm/customers/views/default");
    fireEvent.click(screen.getByRole("button", { name: "Import CSV" }));
    const dialog = screen.getByRole("dialog", { name: "Import customers from CSV" });
    fireEvent.click(within(dialog).getByLabelText(/Import in the background/));
    fireEvent.change(within(dialog).getByLabelText("CSV file"), { target: { files: [csvFile(5000)] } });
    expect(await within(dialog).findByText(/Importing 5,000 rows in the background/)).toBeTruthy();
    expect(within(dialog).getByRole("link", { name: "Open Jobs" })).toHaveProperty("pathname", "/crm/jobs");
    const posts = fetch.mock.calls.filter(([, i]) => i?.method === "POST");
    expect(posts.map(([u]) => new URL(String(u), "http://x").pathname)).toEqual(["/api/crm/customers/import-jobs"]);
    expect((posts[0]![1]!.headers as Record<string, string>)["content-type"]).toBe("text/csv");
  });
});
