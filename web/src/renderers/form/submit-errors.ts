// A failed write, sorted for the form: messages on fields (details whose path is a field name),
// a general message, or a conflict (412: the record changed since it was loaded).
import { ApiError, errorMessage } from "../../api/client";

export interface SubmitProblem {
  fields: Array<{ name: string; message: string }>;
  general: string | null;
  conflict: boolean;
}

/** Someone saved first: 412 for a stale If-Match, 409 version_conflict for a write that raced another. */
export function isVersionConflict(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 412 || (error.status === 409 && error.code === "version_conflict"))
  );
}

export function submitProblem(error: unknown, fieldNames: ReadonlySet<string>): SubmitProblem {
  if (!(error instanceof ApiError)) return { fields: [], general: errorMessage(error), conflict: false };
  if (isVersionConflict(error)) return { fields: [], general: null, conflict: true };
  const fields: SubmitProblem["fields"] = [];
  const other: string[] = [];
  for (const detail of error.details) {
    if (detail.path && fieldNames.has(detail.path)) fields.push({ name: detail.path, message: detail.message });
    else other.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  const lead =
    error.status === 403
      ? `You're not allowed to do that. ${error.message}`
      : fields.length > 0 && other.length === 0
        ? "Some values need fixing."
        : error.message;
  return { fields, general: [lead, ...other].join(" "), conflict: false };
}
