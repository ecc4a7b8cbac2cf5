// routing/<entity>/<key>: how the assign action picks an owner.
import type { RoutingConfig } from "@shared/config/routing";
import { OptionalCondition } from "../condition-builder/condition-builder";
import { SelectControl } from "../controls/studio-field";
import { WhoControl, type Who } from "../controls/who-control";
import { patch } from "../patch";
import type { BuilderProps } from "./builder-props";

export function RoutingBuilder({ value, onChange }: BuilderProps<RoutingConfig>) {
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="routing-basics">
        <h2 id="routing-basics" className="builder-section-title">
          Routing
        </h2>
        <SelectControl
          path="strategy"
          label="Strategy"
          value={value.strategy}
          onChange={(strategy) => onChange({ ...value, strategy: strategy as RoutingConfig["strategy"] })}
        >
          <option value="round_robin">Round robin: each in turn</option>
          <option value="least_open">Least open: whoever has the fewest open records</option>
        </SelectControl>
        <WhoControl
          path="members"
          legend="Among"
          value={value.members as Who}
          onChange={(members) => onChange({ ...value, members: members as RoutingConfig["members"] })}
        />
        <OptionalCondition
          path="when"
          label="Applies when"
          hint="Absent: every record."
          value={value.when}
          onChange={(when) => onChange(patch(value, { when }))}
        />
      </section>
    </div>
  );
}
