import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { timing } from "hono/timing";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./lib/app-env";
import { ApiError, errorBody } from "./lib/errors";
import { withOperationIds } from "./lib/openapi";
import { securityHeaders } from "./middleware/security-headers";
import { bookmarks } from "./middleware/bookmark";
import { drainUnreadBody } from "./middleware/drain-body";
import { auth } from "./routes/auth";
import { apiKeysRoutes } from "./routes/api-keys";
import { health } from "./routes/health";
import { directory, members } from "./routes/members";
import { audit } from "./routes/audit";
import { configAdmin } from "./routes/config";
import { configBundle } from "./routes/config-bundle";
import { sandboxes } from "./routes/sandboxes";
import { realtime } from "./routes/realtime";
import { records, recordSla } from "./routes/records";
import { briefing } from "./routes/briefing";
import { recordsCsv } from "./routes/records-csv";
import { jobs, MAX_JOB_FILE_BYTES } from "./routes/jobs";
import { dashboard } from "./routes/dashboard";
import { activitiesRoutes } from "./routes/activities";
import { automation, emails } from "./routes/automation";
import { inbox } from "./routes/inbox";
import { emailChannel } from "./routes/email";
import { approvalsRoutes } from "./routes/approvals";
import { runtime } from "./routes/runtime";
import { records360 } from "./routes/records-360";
import { search } from "./routes/search";
import { notificationsRoutes } from "./routes/notifications";
import { secrets } from "./routes/secrets";
import { tenantAdmin } from "./routes/tenant";
import { opsRoutes } from "./routes/ops";

// 2 MiB fits a large config draft or a CSV chunk; anything bigger is refused before parsing.
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const httpCodes: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

export function createApp() {
  const app = new OpenAPIHono<AppEnv>().basePath("/api");

  app.use("*", drainUnreadBody()); // a refused request's body is read, so its connection stays open
  app.use("*", securityHeaders());
  // Server-Timing: total;dur=… on every answer (benchmarks read server time from it). A socket
  // upgrade's 101 is passed through untouched.
  app.use("*", timing({ enabled: (c) => c.req.header("upgrade")?.toLowerCase() !== "websocket" }));
  app.use("*", bookmarks()); // x-pulse-bookmark in and out (read replication)
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, "payload_too_large", `The body exceeds ${maxSize} bytes`);
      },
    });
  const [anyBody, jobFile] = [limit(MAX_BODY_BYTES), limit(MAX_JOB_FILE_BYTES)];
  // An import job's CSV goes to R2, not into a D1 row: it may be larger than other bodies.
  app.use("*", (c, next) => (/^\/api\/crm\/[^/]+\/import-jobs$/.test(c.req.path) ? jobFile : anyBody)(c, next));

  app.route("/", health);
  app.route("/", auth);
  app.route("/", apiKeysRoutes);
  app.route("/", members);
  app.route("/", directory);
  app.route("/", configBundle);
  app.route("/", configAdmin);
  app.route("/", sandboxes);
  app.route("/", audit);
  app.route("/", runtime);
  app.route("/", realtime);
  app.route("/", automation);
  app.route("/", emails);
  app.route("/", secrets);
  app.route("/", tenantAdmin);
  app.route("/", opsRoutes); // /api/ops/*: OPS_TOKEN only (shards, moves, imports)
  // Specific /crm/* routes (activities, inbox, …) must be mounted before the generic entity routes.
  app.route("/", dashboard);
  app.route("/", activitiesRoutes);
  app.route("/", emailChannel); // before inbox: /crm/inbox/attachments/:id is not a case id
  app.route("/", inbox);
  app.route("/", approvalsRoutes);
  app.route("/", search); // before records: /crm/search is not an entity
  app.route("/", notificationsRoutes);
  app.route("/", recordsCsv); // before records: /crm/{entity}/export.csv is not a record id
  app.route("/", jobs); // before records: /crm/jobs is not an entity
  app.route("/", recordSla);
  app.route("/", records360);
  app.route("/", briefing);
  app.route("/", records);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A session JWT from /auth/login, or an API key (p8_…) from /auth/tokens",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "queryToken", {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "The same session JWT, for WebSocket upgrades (browsers cannot set headers on them)",
  });
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined; // routes are fixed once mounted
  app.get("/openapi.json", (c) => {
    document ??= withOperationIds(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Pulse-8 API",
          version: "1.0.0",
          description: "Metadata-driven CRM: auth, configuration, runtime config, records, automations.",
        },
        // Relative: the document describes whichever deployment serves it (paths carry /api).
        servers: [{ url: "/", description: "this deployment" }],
      }),
    );
    return c.json(document);
  });
  app.get("/docs", swaggerUI({ url: "/api/openapi.json" }));

  app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(httpCodes[status] ?? "error", err.message || "Request failed"), status);
    }
    console.error("unhandled", c.req.method, c.req.path, err);
    return c.json(errorBody("internal", "Something went wrong on our side"), 500);
  });

  return app;
}

/** @public The app's type for a typed client (`hc<AppType>`, issue 14); no importer in this branch yet. */
export type AppType = ReturnType<typeof createApp>;
