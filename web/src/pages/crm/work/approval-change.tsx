// What an approval holds: "Discount: 30 %, Amount: $12,000" in the entity's own labels.
import { isFormConfig, isWorkflowConfig } from "../../../config/types";
import { titleCase } from "../../../config/labels";
import { plainValue } from "../../../renderers/shared/plain-value";
import { useRuntimeConfigStore } from "../../../state/runtime-config";

/** `change` is the approval's held values: an object of field values, or null. */
export function ApprovalChange({ entity, change }: { entity?: string; change?: unknown }) {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const entries = change && typeof change === "object" && !Array.isArray(change) ? Object.entries(change) : [];
  if (!entity || entries.length === 0) return null;
  const form = snapshot?.form?.[entity]?.default;
  const workflow = snapshot?.workflow?.[entity]?.default;
  const fields = isFormConfig(form) ? form.fields : [];
  return (
    <p className="approval-change">
      <span className="muted">Holds: </span>
      {entries.map(([name, value], i) => {
        const def = fields.find((f) => f.name === name);
        return (
          <span key={name}>
            {i > 0 && ", "}
            {def?.label ?? titleCase(name)} →{" "}
            <strong>{plainValue(def, value, isWorkflowConfig(workflow) ? workflow : undefined, name)}</strong>
          </span>
        );
      })}
    </p>
  );
}
