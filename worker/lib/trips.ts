// Per-request round-trip counts (a development aid). With PULSE_DEBUG_TRIPS=1 each request gets an
// env whose bindings count what they are asked — tenant-object calls (do), D1 statements and
// batches (d1), KV reads and writes (kv) — and the isolate caches count their hits (cache); the
// response carries them as `x-pulse-trips: do=0 d1=1 kv=0 cache=2`. Bindings are recognised by
// shape, not by name, so shard bindings are counted like DB. Without the variable nothing is
// wrapped and nothing is counted.

export type TripKind = "do" | "d1" | "kv" | "cache";
export type Trips = Record<TripKind, number>;

export const TRIPS_HEADER = "x-pulse-trips";
const COUNTER = Symbol.for("pulse.trips");

export const tripsEnabled = (env: object) => (env as { PULSE_DEBUG_TRIPS?: string }).PULSE_DEBUG_TRIPS === "1";

/** Counts one trip against the request that owns `env` (a no-op unless counting is on). */
export function countTrip(env: object | undefined, kind: TripKind, n = 1): void {
  const trips = env && (env as { [COUNTER]?: Trips })[COUNTER];
  if (trips) trips[kind] += n;
}

export const formatTrips = (t: Trips) => `do=${t.do} d1=${t.d1} kv=${t.kv} cache=${t.cache}`;

/** A copy of `env` whose D1, KV and Durable Object bindings count their calls in `trips`. */
export function countingEnv<E extends object>(env: E, trips: Trips): E {
  const out: Record<string | symbol, unknown> = { [COUNTER]: trips };
  for (const [key, value] of Object.entries(env)) out[key] = wrapBinding(value, trips);
  return out as E;
}

export const newTrips = (): Trips => ({ do: 0, d1: 0, kv: 0, cache: 0 });

function wrapBinding(value: unknown, trips: Trips): unknown {
  if (!value || typeof value !== "object") return value;
  const v = value as Record<string, unknown>;
  if (typeof v.prepare === "function" && typeof v.batch === "function") return countingD1(value as D1Database, trips);
  if (typeof v.idFromName === "function" && typeof v.get === "function")
    return countingNamespace(value as DurableObjectNamespace, trips);
  if (typeof v.getWithMetadata === "function" && typeof v.put === "function")
    return countingKv(value as KVNamespace, trips);
  return value;
}

// Statements handed to batch() must be the runtime's own: wrappers remember what they wrap.
const natives = new WeakMap<object, D1PreparedStatement>();

function countingStatement(native: D1PreparedStatement, trips: Trips): D1PreparedStatement {
  const counted =
    (name: "first" | "all" | "run" | "raw") =>
    (...args: unknown[]) => {
      trips.d1++;
      return (native[name] as (...a: unknown[]) => unknown).apply(native, args);
    };
  const stmt = {
    bind: (...values: unknown[]) => countingStatement(native.bind(...values), trips),
    first: counted("first"),
    all: counted("all"),
    run: counted("run"),
    raw: counted("raw"),
  } as unknown as D1PreparedStatement;
  natives.set(stmt, native);
  return stmt;
}

function countingD1(d1: D1Database, trips: Trips): D1Database {
  const session = d1 as unknown as { withSession?: (b?: string) => D1Database & { getBookmark(): string | null } };
  const wrapped: Record<string, unknown> = {
    prepare: (query: string) => countingStatement(d1.prepare(query), trips),
    batch: (statements: D1PreparedStatement[]) => {
      trips.d1++;
      return d1.batch(statements.map((s) => natives.get(s) ?? s));
    },
    exec: (query: string) => {
      trips.d1++;
      return d1.exec(query);
    },
    dump: () => d1.dump(),
  };
  if (typeof session.withSession === "function") {
    wrapped.withSession = (bookmark?: string) => {
      const s = session.withSession!(bookmark);
      return Object.assign(countingD1(s, trips), { getBookmark: () => s.getBookmark() });
    };
  }
  return wrapped as unknown as D1Database;
}

function countingNamespace(ns: DurableObjectNamespace, trips: Trips): DurableObjectNamespace {
  return new Proxy(ns, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === "get" || prop === "getByName") {
        return (...args: unknown[]) =>
          countingStub(
            Reflect.apply(value as (...a: unknown[]) => DurableObjectStub, target, args) as DurableObjectStub,
            trips,
          );
      }
      return typeof value === "function"
        ? (...args: unknown[]) => Reflect.apply(value as (...a: unknown[]) => unknown, target, args)
        : value;
    },
  });
}

function countingStub(stub: DurableObjectStub, trips: Trips): DurableObjectStub {
  return new Proxy(stub, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function" || prop === "then") return value;
      return (...args: unknown[]) => {
        trips.do++;
        return Reflect.apply(value as (...a: unknown[]) => unknown, target, args) as unknown;
      };
    },
  });
}

function countingKv(kv: KVNamespace, trips: Trips): KVNamespace {
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        trips.kv++;
        return Reflect.apply(value as (...a: unknown[]) => unknown, target, args) as unknown;
      };
    },
  });
}
