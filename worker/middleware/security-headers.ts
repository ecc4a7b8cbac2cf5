import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

// The API answers JSON, CSV and NDJSON: nothing in it may run, embed or be framed. The web app's
// own assets get their policy from web/public/_headers (served by Workers static assets).
const api = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

// /api/docs is an HTML page that loads Swagger UI from its CDN.
const SWAGGER_CDN = "https://cdn.jsdelivr.net";
const docs = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'", SWAGGER_CDN],
    styleSrc: ["'self'", "'unsafe-inline'", SWAGGER_CDN],
    imgSrc: ["'self'", "data:", SWAGGER_CDN],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
});

/** Security headers on every API response; a socket upgrade (101) is passed through as it is. */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    if (c.req.header("upgrade")?.toLowerCase() === "websocket") return next();
    return (c.req.path === "/api/docs" ? docs : api)(c, next);
  };
}
