import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { tenantHub } from "../lib/hub";
import type { AppEnv } from "../lib/app-env";
import { ApiError, badRequest } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { exportCsv } from "../services/records/csv-export";
import { importCsv, MAX_IMPORT_ROWS } from "../services/records/csv-import";
import { loadEntity } from "../services/records/entity";

// Mounted before the generic record routes, so export.csv and import are not read as record ids.

const EntityParam = z
  .string()
  .regex(CONFIG_NAME_RE)
  .openapi({ param: { name: "entity", in: "path" }, example: "customers" });
const ExportQuery = z.object({
  view: z.string().regex(CONFIG_NAME_RE).optional(),
  where: z.string().max(8000).optional().openapi({ description: "URL-encoded JSON condition" }),
  sort: z.string().max(300).optional().openapi({ description: "field or -field, comma separated" }),
  q: z.string().max(200).optional().openapi({ description: "Full-text search" }),
});
const ImportQuery = z.object({
  dryRun: z.enum(["true", "false"]).optional().openapi({ description: "true: validate only, write nothing" }),
  firstRow: z.coerce
    .number()
    .int()
    .min(2)
    .max(10_000_000)
    .optional()
    .openapi({
      description:
        "The file's row number of this body's first data row when a large file is sent in parts (the header is row " +
        "1); rejected rows are reported by it",
    }),
});
const ImportReport = z
  .object({
    error: z.object({
      code: z.literal("validation_failed"),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.string().openapi({ example: "rows[12].email" }),
          message: z.string(),
          row: z.number().int().optional(),
          field: z.string().optional(),
        }),
      ),
    }),
  })
  .openapi("ImportReport");
const CSV_TYPES = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"];

const member = { tags: ["Records"], security: [{ bearer: [] }] };
const wait = (c: Context<AppEnv>) => (p: Promise<unknown>) => c.executionCtx.waitUntil(p);

/** Tells the tenant object that events are waiting; the outbox sweep covers a lost call. */
function announce(c: Context<AppEnv>) {
  const { tenantId } = c.var.principal;
  c.executionCtx.waitUntil(
    tenantHub(c.env, tenantId)
      .drainEvents()
      .catch((e) => console.warn("drain failed", tenantId, e)),
  );
}

async function csvBody(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && !CSV_TYPES.includes(type)) throw new ApiError(415, "unsupported_media_type", "Send the file as text/csv");
  try {
    // Strict, so a file saved in a legacy code page is refused rather than imported garbled.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await c.req.arrayBuffer());
  } catch {
    throw badRequest('The file is not UTF-8 text; save it as "CSV UTF-8"');
  }
}

export const recordsCsv = createRouter()
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}/export.csv",
      summary: "Export every matching record as CSV (a view's columns, or every field you may read)",
      description:
        "RFC 4180, UTF-8 with a BOM, CRLF. The header row holds field names (not labels) so the file imports " +
        "back: `id`, the view's columns or every readable field, then `status` (with a workflow), `ownerId`, " +
        '`createdAt`, `updatedAt`. Multiselect values are joined with "; ". Text starting with = + - @ gets a ' +
        "leading apostrophe (formula injection); the import removes it.",
      middleware: [authenticate()],
      request: { params: z.object({ entity: EntityParam }), query: ExportQuery },
      responses: {
        200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { entity } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      const stream = await exportCsv(c.var.tdb, ctx, c.var.principal, c.req.valid("query"));
      const day = new Date().toISOString().slice(0, 10);
      return new Response(stream, {
        status: 200,
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${entity}-${day}.csv"`,
          "cache-control": "no-store",
        },
      });
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "post",
      path: "/crm/{entity}/import",
      summary: `Import up to ${MAX_IMPORT_ROWS} records from CSV, all or nothing`,
      description:
        "The header row names fields; `id`, `status`, `ownerId`, `createdAt`, `updatedAt`, `createdBy`, " +
        "`updatedBy` and read-only fields are ignored, any other unknown column is 422. Each row is validated " +
        'like a POST; empty cells are absent values, multiselect cells list options separated by ";". If any row ' +
        "is rejected nothing is written and the 422 lists every problem as `rows[<row>].<field>` (the header is " +
        "row 1). Larger files are sent in parts, each with its own header and `firstRow`.",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({ entity: EntityParam }),
        query: ImportQuery,
        body: {
          required: true,
          content: { "text/csv": { schema: z.string().openapi({ example: "name,email\r\nAcme,ops@acme.test\r\n" }) } },
        },
      },
      responses: {
        201: jsonContent(
          z.object({ imported: z.number().int(), ids: z.array(z.string()), ignoredColumns: z.array(z.string()) }),
          "Every row was created",
        ),
        200: jsonContent(
          z.object({ valid: z.literal(true), rows: z.number().int(), ignoredColumns: z.array(z.string()) }),
          "dryRun: every row is valid",
        ),
        422: {
          description: "Rows were rejected; nothing was written",
          content: { "application/json": { schema: ImportReport } },
        },
        ...errorResponses(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, c.req.valid("param").entity, wait(c));
      const { dryRun, firstRow } = c.req.valid("query");
      const result = await importCsv(c.var.tdb, ctx, c.var.principal, await csvBody(c), {
        dryRun: dryRun === "true",
        firstRow,
      });
      if (dryRun === "true")
        return c.json({ valid: true as const, rows: result.rows, ignoredColumns: result.ignoredColumns }, 200);
      announce(c);
      return c.json({ imported: result.rows, ids: result.ids, ignoredColumns: result.ignoredColumns }, 201);
    },
  );
