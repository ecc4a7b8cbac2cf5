import { z } from "zod";

// The realtime wire protocol, shared by the tenant Durable Object and the browser.
// Messages about records carry ids, never field values, so field access cannot leak
// through the socket: clients re-fetch what they are allowed to see.

export type ConfigItemRef = { namespace: string; entity: string; key: string };

/** A background job as the API and the socket show it (import jobs; exports later). */
export const JobSnapshot = z.object({
  id: z.string(),
  kind: z.enum(["import", "recompute"]),
  entity: z.string(),
  state: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
  dryRun: z.boolean(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type JobSnapshot = z.infer<typeof JobSnapshot>;

export type ServerMessage =
  | { type: "hello"; version: number; hash: string }
  | { type: "pong" }
  | { type: "config.published"; version: number; hash: string; items: ConfigItemRef[] }
  | { type: "record.changed"; entity: string; id: string; op: "created" | "updated" | "deleted"; version: number }
  | { type: "sla.warning" | "sla.breached"; entity: string; id: string; metric: string; dueAt: string }
  | { type: "approval.requested" | "approval.decided"; id: string; entity: string; recordId: string; status: string }
  | { type: "activity.created"; id: string; title: string; assigneeId: string | null; entity: string | null; recordId: string | null }
  | { type: "notify"; message: string; entity?: string; recordId?: string }
  | { type: "job.progress"; job: JobSnapshot }
  | { type: "notification"; notification: NotificationView }
  | { type: "presence"; entity: string; id: string; users: PresenceUser[] };

export type NotificationKind = "assigned" | "approval.requested" | "approval.decided" | "sla.warning" | "sla.breached" | "mention" | "reminder";

/** A member's notification as the API and the socket show it (a title, never field values beyond it). */
export type NotificationView = { id: string; kind: NotificationKind; at: string; read: boolean; title: string; entity?: string; recordId?: string };

export type PresenceUser = { id: string; name: string };

const RecordKey = z.string().min(1).max(64);

// Presence: "I have this record open" (entity and id), or null / absent to leave it.
const PresenceMessage = z.object({
  type: z.literal("presence"),
  entity: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).nullable().optional(),
  id: RecordKey.nullable().optional(),
});

export const ClientMessage = z.discriminatedUnion("type", [z.object({ type: z.literal("ping") }), PresenceMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** The exact text a ping is answered with, also used by the runtime's auto-response. */
export const PING = JSON.stringify({ type: "ping" } satisfies ClientMessage);
export const PONG = JSON.stringify({ type: "pong" } satisfies ServerMessage);

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
