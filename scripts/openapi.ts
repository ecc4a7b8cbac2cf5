// `npm run openapi`: prints the API's OpenAPI document (the same as GET /api/openapi.json),
// built from the route definitions in Node, with no server. `npm run openapi -- --out FILE`
// writes it to a file (CI lints it with Redocly: `npm run lint:openapi`).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

// Imported by a computed path so that this Node project's typecheck does not pull in the Worker's
// sources (they are typechecked against the Workers types by tsconfig.json).
const app: string = "../worker/app";
const { createApp } = (await import(app)) as { createApp: () => { request: (path: string) => Promise<Response> } };
const res = await createApp().request("/api/openapi.json");
const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
const out = process.argv.indexOf("--out");
if (out > 0 && process.argv[out + 1]) {
  mkdirSync(dirname(process.argv[out + 1]!), { recursive: true });
  writeFileSync(process.argv[out + 1]!, text);
} else process.stdout.write(text);
