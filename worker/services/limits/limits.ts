import { ApiError } from "../../lib/errors";

// Fair shares: what one tenant (or one user) may take of the platform. Each limit can be changed
// per deployment with an env var LIMIT_<NAME> (e.g. LIMIT_SOCKETS_PER_USER=50); README "Security
// model" lists the defaults. Rates are per minute.
export const LIMIT_DEFAULTS = {
  requestsPerTenant: 6000,
  requestsPerUser: 1200,
  writesPerTenant: 1200,
  concurrentRequestsPerTenant: 4,
  waitingRequestsPerTenant: 200,
  socketsPerUser: 30,
  socketsPerTenant: 5000,
  draftBytes: 256 * 1024,
  snapshotBytes: 2 * 1024 * 1024,
  automations: 500,
  queuedRuns: 5000,
  runsPerTenant: 3000,
} as const;

export type LimitName = keyof typeof LIMIT_DEFAULTS;
export type Limits = Record<LimitName, number>;
export const LIMIT_NAMES = Object.keys(LIMIT_DEFAULTS) as LimitName[];

const envName = (name: string) => `LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const cache = new WeakMap<object, Limits>();

/** The deployment's limits: defaults, overridden by positive integer LIMIT_* vars. */
export function limitsOf(env: object): Limits {
  const known = cache.get(env);
  if (known) return known;
  const vars = env as Record<string, unknown>;
  const limits = { ...LIMIT_DEFAULTS } as Limits;
  for (const name of LIMIT_NAMES) {
    const raw = Number(vars[envName(name)]);
    if (Number.isInteger(raw) && raw > 0) limits[name] = raw;
  }
  cache.set(env, limits);
  return limits;
}

/** 429 with retry-after; the limit's name is in error.details. */
export function overRate(name: LimitName, limit: number, retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    `Over this workspace's share (${name}: ${limit}); try again in ${retryAfterSeconds} s`,
    [{ path: "", message: name, limit: name, max: limit }],
    {
      "retry-after": String(retryAfterSeconds),
    },
  );
}

/** 413 for a body over a size limit; 422 for a count over a limit. */
export function overSize(name: LimitName, limit: number, used: number, status: 413 | 422 = 413): ApiError {
  return new ApiError(
    status,
    status === 413 ? "payload_too_large" : "limit_exceeded",
    `This is over the limit ${name} (${used} > ${limit})`,
    [{ path: "", message: name, limit: name, max: limit, used }],
  );
}
