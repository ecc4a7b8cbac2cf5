// Response schemas shared by several routes (their OpenAPI components; the web client's types are generated from them).
import { z } from "@hono/zod-openapi";
import { RoleSchema } from "../lib/schemas";

const Values = z.record(z.string(), z.unknown());

export const RecordSchema = z
  .object({
    id: z.string(),
    entity: z.string(),
    data: Values,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
    ownerId: z.string().nullable(),
    status: z.string().nullable().optional(),
  })
  .openapi("Record");

export const HistoryItemSchema = z
  .object({
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    via: z.string().optional().openapi({ description: "The API key the actor acted through" }),
    changes: z
      .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
      .optional()
      .openapi({ description: "record.created/updated/deleted: the readable fields that changed" }),
    from: z.string().nullable().optional().openapi({ description: "record.transitioned: the status before" }),
    to: z.string().nullable().optional().openapi({ description: "record.transitioned: the status after" }),
    details: Values.optional().openapi({ description: "sla.*, inbox.message, approval.*: what the event carries" }),
  })
  .openapi("HistoryItem");

const ApprovalStep = z.object({
  name: z.string(),
  mode: z.enum(["any", "all"]),
  approvers: z.object({ role: RoleSchema.optional(), users: z.array(z.string()).optional() }),
  decisions: z.array(
    z.object({ userId: z.string(), decision: z.string(), comment: z.string().nullable(), at: z.string() }),
  ),
});

export const ApprovalSchema = z
  .object({
    id: z.string(),
    approval: z.string(),
    entity: z.string(),
    recordId: z.string(),
    status: z.enum(["pending", "approved", "rejected", "cancelled"]),
    step: z.number().int(),
    requestedBy: z.string().nullable(),
    requestedAt: z.string(),
    dueAt: z.string().nullable(),
    escalated: z.boolean(),
    decidedAt: z.string().nullable(),
    change: z
      .unknown()
      .openapi({ description: "The field values held until the decision (readable ones only), or null" }),
    canDecide: z.boolean(),
    steps: z.array(ApprovalStep),
  })
  .openapi("Approval");

/** An approval a PATCH opened: the change waits for it. */
export const HeldApprovalSchema = z
  .object({
    id: z.string(),
    approval: z.string(),
    status: z.enum(["pending", "approved", "rejected", "cancelled"]),
    change: z.unknown(),
  })
  .openapi("HeldApproval");

export const AttachmentSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    stored: z.boolean(),
    url: z.string().nullable(),
  })
  .openapi("InboxAttachment");

export const StoredMessageSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    externalId: z.string(),
    from: z.object({ email: z.string(), name: z.string().nullable() }),
    subject: z.string().nullable(),
    body: z.string(),
    caseId: z.string(),
    customerId: z.string(),
    receivedAt: z.string(),
    direction: z.enum(["in", "out"]),
    to: z.string().nullable(),
    auth: z.record(z.string(), z.string()).nullable(),
    attachments: z.array(AttachmentSchema).optional(),
  })
  .openapi("StoredInboxMessage");

export const InboxThreadSchema = z
  .object({
    caseId: z.string(),
    subject: z.string().nullable(),
    status: z.string().nullable(),
    lastMessageAt: z.string(),
    messageCount: z.number().int(),
    preview: z.string().openapi({ description: "The latest message, shortened" }),
    customer: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
  })
  .openapi("InboxThread");

const ConfigRef = { namespace: z.string(), entity: z.string(), key: z.string() };

export const ConfigVersionSchema = z
  .object({
    version: z.number().int(),
    hash: z.string(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedByName: z.string().nullable(),
    message: z.string().nullable(),
    kind: z.enum(["publish", "rollback", "starter"]),
    rolledBackTo: z.number().int().nullable(),
    items: z.array(z.object({ ...ConfigRef, change: z.enum(["added", "modified", "removed"]) })),
  })
  .openapi("ConfigVersion");

export const ConfigChangeSchema = z
  .object({
    ...ConfigRef,
    change: z.enum(["added", "removed", "modified"]),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .openapi("ConfigChange");

/** `{ namespace: { entity: { key: config } } }` */
export const SnapshotSchema = z
  .record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))
  .openapi("ConfigSnapshot");
