// A workflow step as a badge: its label from the workflow, its tone from the step's category.
import type { WorkflowConfig } from "@shared/config/workflow";
import { Badge, type BadgeTone } from "../../components/badge";
import { titleCase } from "../../config/labels";

const toneOf: Record<string, BadgeTone> = { open: "info", won: "success", lost: "danger", closed: "neutral" };

export function stepLabel(workflow: WorkflowConfig | undefined, key: string): string {
  return workflow?.steps.find((s) => s.key === key)?.label ?? titleCase(key);
}

export function StatusBadge({ status, workflow }: { status: string; workflow?: WorkflowConfig }) {
  const step = workflow?.steps.find((s) => s.key === status);
  return <Badge tone={toneOf[step?.category ?? "open"] ?? "info"}>{stepLabel(workflow, status)}</Badge>;
}
