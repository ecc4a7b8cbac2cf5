// The one fetch wrapper: base /api, bearer token, JSON in and out, contract errors as ApiError.
import { useSession } from "../state/session";
import { takeBookmark, withBookmark } from "./bookmark";
import type { Schemas } from "./typed";

export const API_BASE = "/api";

/** One problem of a refused request, as the API's `Error` schema gives it. */
export type ApiErrorDetail = Schemas["ErrorDetail"];

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** Seconds to wait, from `retry-after` (429). */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    retryAfter: number | null = null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Send the session's bearer token (default). Off for login and register. */
  auth?: boolean;
  signal?: AbortSignal;
}

type UnauthorizedHandler = () => void;

let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

/** The app swaps in a router navigation; tests swap in a spy. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

/** Low level: returns status and parsed body; 304 and 204 give `data: undefined`. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<{ status: number; data: T }> {
  const { method = "GET", body, query, auth = true, signal } = options;
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = auth ? useSession.getState().token : null;
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers: withBookmark(headers),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }

  takeBookmark(response);
  if (response.status === 304 || response.status === 204) return { status: response.status, data: undefined as T };
  const payload = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response, payload);
    // A rejected token ends the session; a 401 from login itself is just wrong credentials.
    if (error.status === 401 && token) {
      useSession.getState().signOut();
      onUnauthorized();
    }
    throw error;
  }
  return { status: response.status, data: payload as T };
}

export interface RawRequestOptions {
  method?: "GET" | "POST";
  query?: Record<string, QueryValue>;
  /** Sent as is, with `contentType`. */
  body?: BodyInit;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** For bodies that aren't JSON (CSV in and out): the bearer token and ApiError as usual, the Response as is. */
export async function apiRaw(path: string, options: RawRequestOptions = {}): Promise<Response> {
  const { method = "GET", query, body, contentType, accept = "*/*", signal } = options;
  const headers: Record<string, string> = { accept };
  if (contentType) headers["content-type"] = contentType;
  const token = useSession.getState().token;
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { method, headers: withBookmark(headers), body, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  takeBookmark(response);
  if (response.ok) return response;
  const error = toApiError(response, await readJson(response));
  if (error.status === 401 && token) {
    useSession.getState().signOut();
    onUnauthorized();
  }
  throw error;
}

export async function apiRequest<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await apiFetch<T>(path, options)).data;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const body = isObject(payload) && isObject(payload.error) ? payload.error : {};
  const code = typeof body.code === "string" ? body.code : `http_${response.status}`;
  const message =
    typeof body.message === "string" && body.message
      ? body.message
      : response.statusText || `Request failed (${response.status})`;
  const details = Array.isArray(body.details) ? body.details.map(toDetail) : [];
  return new ApiError(response.status, code, message, details, parseRetryAfter(response.headers.get("retry-after")));
}

function toDetail(value: unknown): ApiErrorDetail {
  if (isObject(value)) {
    return {
      path: typeof value.path === "string" ? value.path : undefined,
      message: typeof value.message === "string" ? value.message : JSON.stringify(value),
      ...(typeof value.row === "number" ? { row: value.row } : {}),
      ...(typeof value.field === "string" ? { field: value.field } : {}),
    };
  }
  return { message: String(value) };
}

/** `retry-after` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A sentence for people, for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
