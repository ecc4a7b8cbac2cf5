import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { issuesToDetails } from "./zod-issues";

/**
 * A sub-app whose request validation speaks the contract: a bad body is 422 with a path per
 * problem; a bad query, path parameter or header is 400.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const details = issuesToDetails(result.error.issues);
      if (result.target === "json") {
        throw new ApiError(422, "validation_failed", "The request body is not valid", details);
      }
      throw new ApiError(400, "bad_request", `Invalid ${result.target}`, details);
    },
  });
}
