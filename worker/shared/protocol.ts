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

export const NOTIFICATION_KINDS = [
  "assigned",
  "approval.requested",
  "approval.decided",
  "sla.warning",
  "sla.breached",
  "mention",
  "reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A member's notification as the API and the socket show it (a title, never field values beyond it). */
export const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  at: z.string(),
  read: z.boolean(),
  title: z.string(),
  entity: z.string().optional(),
  recordId: z.string().optional(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const PresenceUser = z.object({ id: z.string(), name: z.string() });
export type PresenceUser = z.infer<typeof PresenceUser>;

const ItemRefSchema = z.object({ namespace: z.string(), entity: z.string(), key: z.string() });

/**
 * Every message the tenant object sends; the browser parses with it (an unknown or malformed
 * message is ignored there), the object's sends are typed by it.
 */
export const ServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), version: z.number(), hash: z.string() }),
  z.object({ type: z.literal("pong") }),
  z.object({
    type: z.literal("config.published"),
    version: z.number(),
    hash: z.string(),
    items: z.array(ItemRefSchema).catch([]),
  }),
  z.object({
    type: z.literal("record.changed"),
    entity: z.string(),
    id: z.string(),
    op: z.enum(["created", "updated", "deleted"]),
    version: z.number(),
  }),
  z.object({
    type: z.enum(["sla.warning", "sla.breached"]),
    entity: z.string(),
    id: z.string(),
    metric: z.string(),
    dueAt: z.string(),
  }),
  z.object({
    type: z.enum(["approval.requested", "approval.decided"]),
    id: z.string(),
    entity: z.string(),
    recordId: z.string(),
    status: z.string(),
  }),
  z.object({
    type: z.literal("activity.created"),
    id: z.string(),
    title: z.string(),
    assigneeId: z.string().nullable(),
    entity: z.string().nullable(),
    recordId: z.string().nullable(),
  }),
  z.object({
    type: z.literal("notify"),
    message: z.string(),
    entity: z.string().optional(),
    recordId: z.string().optional(),
  }),
  z.object({ type: z.literal("job.progress"), job: JobSnapshot }),
  z.object({ type: z.literal("notification"), notification: NotificationView }),
  z.object({ type: z.literal("presence"), entity: z.string(), id: z.string(), users: z.array(PresenceUser) }),
]);
export type ServerMessage = z.output<typeof ServerMessage>;

const RecordKey = z.string().min(1).max(64);

// Presence: "I have this record open" (entity and id), or null / absent to leave it.
const PresenceMessage = z.object({
  type: z.literal("presence"),
  entity: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .nullable()
    .optional(),
  id: RecordKey.nullable().optional(),
});

export const ClientMessage = z.discriminatedUnion("type", [z.object({ type: z.literal("ping") }), PresenceMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** The exact text a ping is answered with, also used by the runtime's auto-response. */
export const PING = JSON.stringify({ type: "ping" } satisfies ClientMessage);
export const PONG = JSON.stringify({ type: "pong" } satisfies ServerMessage);

/** @public Ends a `switch` over a message union (STYLE.md); the web app's socket client is to call it. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
