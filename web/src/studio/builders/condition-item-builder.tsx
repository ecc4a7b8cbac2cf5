// condition/<entity>/<key>: a named condition, used by automations as a key and by other
// conditions as { "ref": key }.
import type { Condition } from "@shared/config/condition";
import { ConditionBuilder } from "../condition-builder/condition-builder";
import type { BuilderProps } from "./builder-props";

export function ConditionItemBuilder({ value, onChange }: BuilderProps<Condition>) {
  return (
    <div className="builder">
      <section className="builder-section">
        <ConditionBuilder path="" label="Condition" value={value} onChange={onChange} />
      </section>
    </div>
  );
}
