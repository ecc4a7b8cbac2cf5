// 5. Config as code. The pulse8 CLI (a real child process, its login in a temp file) pulls the
// config into YAML files; a label is edited; `config diff` shows it; a broken view makes
// `config push --dry-run` exit 1 naming the file; `config push -m` publishes and the runtime config
// has the change. Then in the browser the admin creates a sandbox in the Studio and opens it (the
// banner marks it); the CLI, given the sandbox session's token, pushes a new view there; back in
// production the Studio lists that change item by item, promotes it (one version) and undoes it
// (one rollback). Finally `config rollback` takes the label change back out.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { demoUser, eventually, visible } from "../lib/browser";
import type { Scenario } from "../lib/scenario";
import { DEMO_PASSWORD } from "../../../scripts/demo";

const CLI = fileURLToPath(new URL("../../../cli/pulse8.mjs", import.meta.url));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const configAsCode: Scenario = {
  name: "Config as code: CLI pull → edit → diff → push; a sandbox change promoted in the Studio and undone",
  timeoutMs: 150_000,
  async run(t) {
    const home = mkdtempSync(join(tmpdir(), "pulse8-cli-"));
    const dir = join(home, "config");
    const env = { ...process.env, PULSE8_CONFIG: join(home, "login.json"), PULSE8_URL: "", PULSE8_TOKEN: "" };
    // Asynchronous on purpose: a blocked event loop would leave this process's keep-alive sockets
    // to the dev server half-closed, and the next fetch would fail on one.
    const cli = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, out, err) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 2) : 0, out, err }),
        );
      });
    const token = () => JSON.parse(readFileSync(env.PULSE8_CONFIG, "utf8")).token as string;
    const runtime = async (bearer = token()): Promise<Json> =>
      (await fetch(`${t.base}/api/runtime/config`, { headers: { authorization: `Bearer ${bearer}` } })).json();
    const editYaml = (file: string, edit: (doc: Json) => void) => {
      const doc = parse(readFileSync(file, "utf8"));
      edit(doc);
      writeFileSync(file, stringify(doc));
    };
    try {
      const login = await cli(
        "login",
        "--url",
        t.base,
        "--email",
        demoUser("admin").email,
        "--password",
        DEMO_PASSWORD,
      );
      assert.equal(login.code, 0, login.err);
      const pulled = await cli("config", "pull", dir);
      assert.equal(pulled.code, 0, pulled.err);
      t.step(`cli: ${pulled.out.trim()}`);

      const formFile = join(dir, "form/customers/default.yaml");
      editYaml(formFile, (form) => (form.fields.find((f: Json) => f.name === "phone").label = "Telephone"));
      const diff = await cli("config", "diff", dir);
      assert.equal(diff.code, 0, diff.err);
      assert.match(diff.out, /modified\s+form\/customers\/default/);
      assert.match(diff.out, /\+ .*label: Telephone/);
      t.step("cli: config diff shows the label change");

      const viewFile = join(dir, "view/customers/all.yaml");
      const viewText = readFileSync(viewFile, "utf8");
      editYaml(viewFile, (view) => view.columns.push({ field: "no_such_field" }));
      const broken = await cli("config", "push", dir, "--dry-run");
      assert.equal(broken.code, 1, `a broken view exits 1 (got ${broken.code}): ${broken.out}${broken.err}`);
      assert.match(broken.err, /view\/customers\/all\.yaml: columns\[\d+\]\.field/);
      writeFileSync(viewFile, viewText);
      t.step("cli: push --dry-run with a broken view exits 1 and names the file and path");

      const pushed = await cli("config", "push", dir, "-m", "Phone is Telephone");
      assert.equal(pushed.code, 0, pushed.err);
      const pushedVersion = Number(/Published version (\d+)/.exec(pushed.out)?.[1]);
      const live = await runtime();
      assert.equal(live.version, pushedVersion);
      assert.equal(
        live.snapshot.form.customers.default.fields.find((f: Json) => f.name === "phone").label,
        "Telephone",
      );
      t.step(`cli: pushed version ${pushedVersion}; the runtime config has the new label`);

      // The Studio: create a sandbox and open it.
      const admin = await t.user("admin");
      const page = admin.page;
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Sandboxes", exact: true })
        .click();
      await visible(page.getByRole("heading", { level: 1, name: "Sandboxes" }));
      await page.getByLabel("Sandbox name").fill("Gold tier try-out");
      await page.getByRole("button", { name: "Create sandbox" }).click();
      const row = await visible(
        page.getByRole("list", { name: "Sandboxes" }).getByRole("listitem").filter({ hasText: "Gold tier try-out" }),
      );
      await visible(row.getByText("Nothing to promote"));
      await t.shot(page, "studio-sandboxes");
      await row.getByRole("button", { name: "Open sandbox" }).click();
      await visible(page.getByRole("region", { name: "Sandbox" }));
      await t.shot(page, "sandbox-banner");
      const sandboxToken = await page.evaluate(
        () => JSON.parse(localStorage.getItem("pulse8.session") ?? "{}").state?.token as string,
      );
      assert.notEqual(sandboxToken, token(), "the browser now holds a sandbox session");
      t.step("studio: sandbox created and opened; the banner marks it");

      // The CLI works in the sandbox with that token (an API key would be passed the same way).
      const sandboxDir = join(home, "sandbox");
      assert.equal((await cli("config", "pull", sandboxDir, "--token", sandboxToken)).code, 0);
      const view = {
        title: "Gold customers (sandbox)",
        type: "table",
        columns: [{ field: "name" }, { field: "tier" }],
        filter: { field: "tier", op: "eq", value: "gold" },
      };
      writeFileSync(join(sandboxDir, "view/customers/gold_sandbox.yaml"), stringify(view));
      const sandboxPush = await cli("config", "push", sandboxDir, "-m", "A gold view", "--token", sandboxToken);
      assert.equal(sandboxPush.code, 0, sandboxPush.err);
      assert.equal(
        (await runtime()).snapshot.view.customers.gold_sandbox,
        undefined,
        "production does not have the sandbox's view",
      );
      t.step("cli: pushed a new view into the sandbox only");

      // Back in production: review item by item, promote, undo.
      await page.getByRole("region", { name: "Sandbox" }).getByRole("button", { name: "Back to production" }).click();
      await eventually(
        async () => (await page.getByRole("region", { name: "Sandbox" }).count()) === 0,
        "the banner is gone in production",
      );
      const prodRow = await visible(
        page.getByRole("list", { name: "Sandboxes" }).getByRole("listitem").filter({ hasText: "Gold tier try-out" }),
      );
      await prodRow.getByRole("button", { name: "Review changes" }).click();
      const changes = await visible(prodRow.getByRole("list", { name: "Changes to promote" }));
      await visible(changes.getByText("view/customers/gold_sandbox"));
      assert.equal(await changes.getByRole("listitem").count(), 1, "exactly the sandbox's one change is listed");
      await t.shot(page, "sandbox-review");
      const before = (await runtime()).version as number;
      await prodRow.getByRole("button", { name: "Promote to production" }).click();
      await visible(prodRow.getByText(`Promoted: production is now version ${before + 1}.`));
      assert.deepEqual((await runtime()).snapshot.view.customers.gold_sandbox, view);
      t.step(`studio: promoted as version ${before + 1}`);
      await prodRow.getByRole("button", { name: "Undo promotion" }).click();
      await visible(prodRow.getByText(`Undone: version ${before + 2} has the content of version ${before}.`));
      assert.equal((await runtime()).snapshot.view.customers.gold_sandbox, undefined);
      await t.shot(page, "sandbox-undone");
      t.step("studio: promotion undone with one rollback");

      const rolledBack = await cli("config", "rollback", String(pushedVersion - 1));
      assert.equal(rolledBack.code, 0, rolledBack.err);
      assert.equal(
        (await runtime()).snapshot.form.customers.default.fields.find((f: Json) => f.name === "phone").label,
        "Phone",
      );
      const versions = await cli("config", "versions");
      assert.match(versions.out, /Promote sandbox "Gold tier try-out"/);
      t.step("cli: config rollback took the label change back out");
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
