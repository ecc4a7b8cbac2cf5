// The field's default, entered as the field itself would take it.
import type { FormField } from "@shared/config/form";
import type { JsonValue } from "@shared/config/common";
import { StudioField } from "../../controls/studio-field";
import { ListInput, ScalarInput } from "../../controls/value-input";

export function DefaultValueControl({
  field,
  path,
  onChange,
}: {
  field: FormField;
  path: string;
  onChange: (value: JsonValue | undefined) => void;
}) {
  const info = { name: field.name, label: field.label, type: field.type, options: field.options };
  return (
    <StudioField path={path} label="Default value" deep>
      {(a11y) =>
        field.type === "multiselect" ? (
          <ListInput
            field={info}
            value={field.default}
            a11y={a11y}
            label="Default values"
            onChange={(list) => onChange(list.length ? (list as JsonValue[]) : undefined)}
          />
        ) : (
          <ScalarInput
            field={info}
            value={field.default}
            a11y={a11y}
            label="Default value"
            onChange={(v) => onChange(v ?? undefined)}
          />
        )
      }
    </StudioField>
  );
}
