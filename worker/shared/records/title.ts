import type { FormField } from "../config/form";
import type { Role } from "../roles";
import { canRead } from "./access";

// What names a record in lists, search results and notifications: the form's first text field
// (customers by name, cases by subject), else its first email field. With a role, only a field
// that role may read can name the record.

type Named = Pick<FormField, "name" | "type" | "access">;

export function titleField(form: { fields: readonly Named[] } | undefined, role?: Role): string | undefined {
  const fields = (form?.fields ?? []).filter((f) => role === undefined || canRead(f, role));
  return (fields.find((f) => f.type === "text") ?? fields.find((f) => f.type === "email"))?.name;
}

export function recordTitle(
  record: { id: string; data?: Record<string, unknown> },
  form: { fields: readonly Named[] } | undefined,
  role?: Role,
): string {
  const name = titleField(form, role);
  const value = name ? record.data?.[name] : undefined;
  return typeof value === "string" && value.trim() ? value : `#${record.id}`;
}
