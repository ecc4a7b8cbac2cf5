import type { TenantDb } from "../../../db/tenant-db";
import type { Principal } from "../../../lib/app-env";
import type { ActionConfig, ActionType } from "../../../shared/config/action";
import type { Snapshot } from "../../../shared/config/snapshot";
import type { ServerMessage } from "../../../shared/protocol";
import type { TemplateContext } from "../../../shared/template";
import type { Run, StepOutput } from "../run";

/** What one step of a run may use. Everything with an effect outside goes through here. */
export type ActionContext = {
  env: Env;
  tdb: TenantDb;
  snapshot: Snapshot;
  run: Run;
  /** Unique per run and step: the idempotency key of this step's effect. */
  key: string;
  now: number;
  /** The automation acting: an admin-level principal named after the automation. */
  actor: Principal;
  template: TemplateContext;
  broadcast: (message: ServerMessage, tags?: string[]) => void;
  /** Round-robin cursors and the like, kept in the tenant object's storage. */
  counter: (name: string) => number;
  fetch: typeof fetch;
};

export type Executor<T extends ActionType> = (
  action: Extract<ActionConfig, { type: T }>,
  ctx: ActionContext,
) => Promise<StepOutput>;

export type Executors = { [T in ActionType]: Executor<T> };

/** A step that cannot succeed by retrying (bad config, missing record): fails the run at once. */
export class PermanentFailure extends Error {}

/** A short stable id derived from a step's idempotency key, so a retry recreates the same row. */
export async function stableId(prefix: string, key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  return `${prefix}_${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
