// The settings of each action type (config.md, "action").
import type { ActionConfig } from "@shared/config/action";
import { DurationControl } from "../../controls/duration-control";
import { SelectControl, TextareaControl, TextControl } from "../../controls/studio-field";
import { WhoControl, type Who } from "../../controls/who-control";
import { useItemContext } from "../../item-context";
import { patch } from "../../patch";
import { entityNames, formFields, itemKeys, workflowSteps } from "../../snapshot-queries";
import { FieldValuesEditor } from "./field-values-editor";
import { WebhookForm } from "./webhook-form";

type Of<T extends ActionConfig["type"]> = Extract<ActionConfig, { type: T }>;

export function ActionForm({ value, onChange }: { value: ActionConfig; onChange: (v: ActionConfig) => void }) {
  const { snapshot, entity } = useItemContext();
  switch (value.type) {
    case "update_record":
      return (
        <FieldValuesEditor
          path="set"
          legend="Set fields"
          fields={formFields(snapshot, entity)}
          extraFields={["ownerId"]}
          value={value.set}
          onChange={(set) => onChange({ ...value, set })}
        />
      );
    case "create_record":
      return (
        <>
          <KeySelect
            path="entity"
            label="Entity"
            value={value.entity}
            keys={entityNames(snapshot)}
            onChange={(e) => onChange({ ...value, entity: e })}
          />
          <FieldValuesEditor
            path="values"
            legend="Values"
            fields={formFields(snapshot, value.entity)}
            value={value.values}
            onChange={(values) => onChange({ ...value, values })}
          />
        </>
      );
    case "create_activity":
      return <ActivityForm value={value} onChange={onChange} />;
    case "assign":
      return (
        <KeySelect
          path="routing"
          label="Routing rule"
          value={value.routing}
          keys={itemKeys(snapshot, "routing", entity)}
          onChange={(routing) => onChange({ ...value, routing })}
        />
      );
    case "transition":
      return (
        <KeySelect
          path="to"
          label="Step"
          value={value.to}
          keys={workflowSteps(snapshot, entity).map((s) => s.value)}
          onChange={(to) => onChange({ ...value, to })}
        />
      );
    case "request_approval":
      return (
        <KeySelect
          path="approval"
          label="Approval"
          value={value.approval}
          keys={itemKeys(snapshot, "approval", entity)}
          onChange={(approval) => onChange({ ...value, approval })}
        />
      );
    case "send_email":
      return (
        <div className="form-grid">
          <TextControl path="to" label="To" value={value.to} onChange={(to) => onChange({ ...value, to: to ?? "" })} />
          <TextControl
            path="subject"
            label="Subject"
            value={value.subject}
            onChange={(subject) => onChange({ ...value, subject: subject ?? "" })}
          />
          <TextareaControl
            path="body"
            label="Body"
            rows={6}
            className="form-wide"
            value={value.body}
            onChange={(body) => onChange({ ...value, body: body ?? "" })}
            hint="Written to the outbox; delivered when an email provider is configured."
          />
        </div>
      );
    case "webhook":
      return <WebhookForm value={value} onChange={onChange} />;
    case "notify":
      return (
        <>
          <TextareaControl
            path="message"
            label="Message"
            value={value.message}
            onChange={(message) => onChange({ ...value, message: message ?? "" })}
          />
          <WhoControl
            path="to"
            legend="To"
            value={value.to as Who}
            modes={["role", "users", "owner", "user"]}
            onChange={(to) => onChange({ ...value, to: to as Of<"notify">["to"] })}
          />
        </>
      );
  }
}

function ActivityForm({ value, onChange }: { value: Of<"create_activity">; onChange: (v: ActionConfig) => void }) {
  return (
    <>
      <div className="form-grid">
        <TextControl
          path="title"
          label="Title"
          value={value.title}
          onChange={(title) => onChange({ ...value, title: title ?? "" })}
        />
        <DurationControl
          path="dueIn"
          label="Due in"
          value={value.dueIn}
          hint="Absent: no due date."
          onChange={(dueIn) => onChange(patch(value, { dueIn }))}
        />
      </div>
      <WhoControl
        path="assignee"
        legend="Assignee"
        value={value.assignee as Who}
        modes={["owner", "user", "role"]}
        onChange={(assignee) => onChange({ ...value, assignee: assignee as Of<"create_activity">["assignee"] })}
      />
    </>
  );
}

function KeySelect({
  path,
  label,
  value,
  keys,
  onChange,
}: {
  path: string;
  label: string;
  value: string;
  keys: string[];
  onChange: (v: string) => void;
}) {
  return (
    <SelectControl
      path={path}
      label={label}
      value={value}
      onChange={onChange}
      hint={keys.length === 0 ? "None exist for this entity yet." : undefined}
    >
      {!keys.includes(value) && <option value={value}>{value || "Choose…"}</option>}
      {keys.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </SelectControl>
  );
}
