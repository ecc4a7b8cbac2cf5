// action/<entity>/<key>: one effect, with a form per action type.
import { ACTION_TYPES, type ActionConfig, type ActionType } from "@shared/config/action";
import { SelectControl } from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { formFields } from "../../snapshot-queries";
import type { BuilderProps } from "../builder-props";
import { ActionForm } from "./action-forms";

// Keyed by every action type, so a new one does not compile until it is labelled.
export const ACTION_LABELS: Record<ActionType, string> = {
  update_record: "Update the record",
  create_record: "Create a record",
  create_activity: "Create an activity",
  assign: "Assign by routing",
  transition: "Move to a workflow step",
  request_approval: "Request an approval",
  send_email: "Send an email",
  webhook: "Call a webhook",
  notify: "Notify people",
};

function initial(type: ActionType, entity: string, field: string): ActionConfig {
  switch (type) {
    case "update_record":
      return { type, set: { [field]: "" } };
    case "create_record":
      return { type, entity, values: { [field]: "" } };
    case "create_activity":
      return { type, title: "Follow up on {{record.name}}", assignee: "$owner" };
    case "assign":
      return { type, routing: "" };
    case "transition":
      return { type, to: "" };
    case "request_approval":
      return { type, approval: "" };
    case "send_email":
      return { type, to: "{{record.email}}", subject: "", body: "" };
    case "webhook":
      return { type, url: "https://" };
    case "notify":
      return { type, message: "", to: { role: "manager" } };
  }
}

export function ActionBuilder({ value, onChange }: BuilderProps<ActionConfig>) {
  const { snapshot, entity } = useItemContext();
  const firstField = formFields(snapshot, entity)[0]?.name ?? "name";
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="action-basics">
        <h2 id="action-basics" className="builder-section-title">
          Action
        </h2>
        <SelectControl
          path="type"
          label="Type"
          value={value.type}
          onChange={(type) => onChange(initial(type as ActionType, entity, firstField))}
        >
          {ACTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {ACTION_LABELS[t]}
            </option>
          ))}
        </SelectControl>
        <p className="muted">
          Text may use templates such as <code>{"{{record.name}}"}</code>, <code>{"{{previous.status}}"}</code>,{" "}
          <code>{"{{actor.name}}"}</code> and <code>{"{{trigger.body.x}}"}</code>.
        </p>
        <ActionForm value={value} onChange={onChange} />
      </section>
    </div>
  );
}
