// What the workflow config says about moving a record. The server still decides (roles, `when`
// conditions it evaluates on the stored record); this only shapes buttons and drop hints.
import type { WorkflowConfig } from "@shared/config/workflow";
import { roleAtLeast, type Role } from "@shared/roles";

/** Steps reachable from `from` for this role, in workflow order. */
export function allowedSteps(
  workflow: WorkflowConfig | undefined,
  from: string | null | undefined,
  role: Role,
): WorkflowConfig["steps"] {
  if (!workflow || !from) return [];
  if (workflow.allowAnyToAny) return workflow.steps.filter((s) => s.key !== from);
  const targets = new Set(
    workflow.transitions
      .filter((t) => t.from === from && (!t.roles || t.roles.some((r) => roleAtLeast(role, r))))
      .map((t) => t.to),
  );
  return workflow.steps.filter((s) => targets.has(s.key));
}
