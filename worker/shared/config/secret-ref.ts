import { z } from "zod";

// A tenant secret is referred to by name and resolved only when an action runs
// (PUT /api/admin/secrets/:name sets it; nothing ever reads it back).
export const SECRET_NAME_RE = /^[A-Z][A-Z0-9_]{0,63}$/;
export const secretName = z
  .string()
  .regex(SECRET_NAME_RE, "must be upper case letters, digits and _ (like API_KEY), starting with a letter");

export const secretRefSchema = z.strictObject({ $secret: secretName });
export type SecretRef = z.infer<typeof secretRefSchema>;

export const isSecretRef = (value: unknown): value is SecretRef =>
  value !== null && typeof value === "object" && typeof (value as { $secret?: unknown }).$secret === "string";

export const LITERAL_SECRET_MESSAGE =
  'must be a reference to a secret, { "$secret": "NAME" }: store the value with PUT /api/admin/secrets/NAME ' +
  "(Studio → Secrets)";

/** Where only a secret belongs (signing keys, header values): a literal is refused with the way out. */
export const secretValue = z
  .union([secretRefSchema, z.string()])
  .refine((value) => typeof value !== "string", LITERAL_SECRET_MESSAGE)
  .transform((value) => value as SecretRef);
