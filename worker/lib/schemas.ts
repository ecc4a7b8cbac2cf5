import { z } from "@hono/zod-openapi";
import { ROLES } from "../shared/roles";

// Schemas shared by several routes' OpenAPI definitions.

/** One problem of a refused request: where (a body path, "" for the whole) and what; more by kind. */
export const ErrorDetailSchema = z
  .object({
    path: z.string().optional(),
    message: z.string(),
    row: z.number().int().optional().openapi({ description: "CSV imports: the file's row (the header is row 1)" }),
    field: z.string().optional(),
    limit: z.string().optional().openapi({ description: "429/413/422 past a fair share: the limit's name" }),
    max: z.number().optional(),
    used: z.number().optional(),
  })
  .passthrough()
  .openapi("ErrorDetail");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
    }),
  })
  .openapi("Error");

export const RoleSchema = z.enum(ROLES).openapi("Role");

export const UserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() }).openapi("User");

export const TenantSchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), sandboxOf: z.string().nullable().optional() })
  .openapi("Tenant");

export const IdParam = z.string().min(1).max(64);

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: describeStatus(s), content: { "application/json": { schema: ErrorSchema } } },
    ]),
  );

function describeStatus(status: number): string {
  const text: Record<number, string> = {
    400: "Malformed request",
    401: "Missing, expired or invalid token",
    403: "The caller's role does not allow this",
    404: "Nothing there for this tenant",
    409: "Conflict with the current state",
    412: "If-Match did not match",
    413: "Body too large",
    422: "Well-formed but invalid",
    429: "Rate limited; see retry-after",
  };
  return text[status] ?? "Error";
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
