import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorDetail = { path: string; message: string };

/** Every non-2xx response body of the contract. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown[] } };

/** Thrown anywhere below a route; the app's error handler renders it as the contract's body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new ApiError(400, "bad_request", message, details);
export const unauthenticated = (message = "Sign in to continue") => new ApiError(401, "unauthenticated", message);
export const forbidden = (message = "Your role does not allow this") => new ApiError(403, "forbidden", message);
export const notFound = (message = "Not found", code = "not_found") => new ApiError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown[]) =>
  new ApiError(409, code, message, details);
export const preconditionFailed = (message = "The resource changed since you read it") =>
  new ApiError(412, "precondition_failed", message);
export const validationFailed = (details: ErrorDetail[], message = "The request is not valid") =>
  new ApiError(422, "validation_failed", message, details);
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, "rate_limited", `Too many attempts; try again in ${retryAfterSeconds} s`, undefined, {
    "retry-after": String(retryAfterSeconds),
  });

export function errorBody(code: string, message: string, details?: unknown[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}
