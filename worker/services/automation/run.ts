// What an automation run is: the queue itself lives in the tenant object's storage
// (worker/durable/stores/runs.ts); the runner and the routes only need the shape.

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "skipped";

/** What a finished step reports (ids, statuses, recipients): flat values, so a run crosses the
 *  object's RPC boundary fully typed. */
export type StepOutput = Record<string, string | number | boolean | null | undefined | string[]>;

export type StepResult = {
  action: string;
  type: string;
  status: "done" | "failed" | "skipped";
  at: string;
  result?: StepOutput;
  error?: string;
};

export type RunPayload = {
  record?: Record<string, unknown> | null;
  previous?: Record<string, unknown> | null;
  trigger?: { body?: unknown; kind: string; policy?: string; metric?: string; approval?: string; decision?: string };
  actorId?: string | null;
  /** Actions named by a policy (SLA onWarning/onBreach, approval onApprove/onReject) rather than by an automation. */
  actions?: string[];
};

export type Run = {
  id: string;
  automation: string;
  entity: string;
  trigger: string;
  eventKey: string;
  status: RunStatus;
  attempts: number;
  nextAt: number | null;
  configVersion: number;
  depth: number;
  payload: RunPayload;
  steps: StepResult[];
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
};

export type RunFilter = { automation?: string; status?: RunStatus; limit: number };

/** A run as the object's `runs()` RPC answers it: without its payload (records, webhook bodies),
 *  so every value in it is plain, typed data on the other side of the RPC boundary. */
export type RunView = Omit<Run, "payload">;
