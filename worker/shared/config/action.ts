import { z } from "zod";
import { configName, durationSchema, fieldName, httpUrlSchema, jsonValue, membersSchema, roleSchema } from "./common";
import { templatedHost } from "../egress-rules";
import { secretValue } from "./secret-ref";

// Text may hold `{{record.field}}`-style templates; they are rendered, never executed.
const text = (max: number) => z.string().trim().min(1).max(max);

const fieldValues = z
  .record(fieldName, jsonValue)
  .refine((values) => Object.keys(values).length > 0, "must set at least one field");

// "$owner" is the record's owner; any other string is a user id.
const userRef = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => !s.startsWith("$") || s === "$owner", 'the only token here is "$owner"');

// Where the server connects is never chosen by record data: templates fill path and query only.
const webhookUrl = z
  .string()
  .max(2000)
  .refine(
    (url) => !templatedHost(url),
    "the scheme and host cannot be a template (templates may fill the path and query)",
  )
  .pipe(httpUrlSchema);

export const ACTION_TYPES = [
  "update_record",
  "create_record",
  "create_activity",
  "assign",
  "transition",
  "request_approval",
  "send_email",
  "webhook",
  "notify",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const actionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("update_record"), set: fieldValues }),
  z.strictObject({ type: z.literal("create_record"), entity: configName, values: fieldValues }),
  z.strictObject({
    type: z.literal("create_activity"),
    title: text(500),
    assignee: z.union([userRef, z.strictObject({ role: roleSchema })]),
    dueIn: durationSchema.optional(),
  }),
  z.strictObject({ type: z.literal("assign"), routing: configName }),
  z.strictObject({ type: z.literal("transition"), to: configName }),
  z.strictObject({ type: z.literal("request_approval"), approval: configName }),
  // Written to an outbox; delivered when a provider is configured.
  z.strictObject({ type: z.literal("send_email"), to: text(500), subject: text(500), body: text(20_000) }),
  z.strictObject({
    type: z.literal("webhook"),
    url: webhookUrl,
    method: z.enum(["POST", "PUT", "PATCH", "DELETE", "GET"]).optional(), // absent: POST
    // Header values are credentials by kind: each is a secret reference, resolved at run time.
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/), secretValue).optional(),
    body: jsonValue.optional(),
    secret: secretValue.optional(), // signs the request like our own hooks
  }),
  // Over the realtime socket.
  z.strictObject({ type: z.literal("notify"), message: text(2000), to: z.union([userRef, membersSchema]) }),
]);
export type ActionConfig = z.infer<typeof actionSchema>;
