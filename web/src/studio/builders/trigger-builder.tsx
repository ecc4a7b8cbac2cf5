// trigger/<entity>/<key>: what starts an automation.
import type { TriggerConfig, TriggerEvent } from "@shared/config/trigger";
import { OptionalCondition } from "../condition-builder/condition-builder";
import { SelectControl, TextControl } from "../controls/studio-field";
import { TimeZoneControl } from "../controls/time-zone-control";
import { useItemContext } from "../item-context";
import { itemKeys } from "../snapshot-queries";
import type { BuilderProps } from "./builder-props";
import { SecretControl } from "../controls/secret-control";
import { useSession } from "../../state/session";

// Keyed by every event, so a new one does not compile until it is labelled.
const EVENTS: Record<TriggerEvent, string> = {
  create: "A record is created",
  update: "A record is updated",
  delete: "A record is deleted",
  webhook: "A webhook is called",
  schedule: "On a schedule",
  "sla.warning": "An SLA warning fires",
  "sla.breached": "An SLA is breached",
  "approval.decided": "An approval is decided",
};

/** A trigger of another kind keeps nothing of the old one. */
function initial(on: TriggerEvent): TriggerConfig {
  if (on === "webhook") return { on, secret: { $secret: "" } };
  if (on === "schedule") return { on, cron: "0 9 * * 1-5" };
  return { on } as TriggerConfig;
}

export function TriggerBuilder({ value, onChange }: BuilderProps<TriggerConfig>) {
  const { snapshot, entity, key } = useItemContext();
  const slug = useSession((s) => s.tenant?.slug ?? "<tenant>");
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="trigger-basics">
        <h2 id="trigger-basics" className="builder-section-title">
          Trigger
        </h2>
        <SelectControl path="on" label="When" value={value.on} onChange={(on) => onChange(initial(on as TriggerEvent))}>
          {(Object.keys(EVENTS) as TriggerEvent[]).map((e) => (
            <option key={e} value={e}>
              {EVENTS[e]}
            </option>
          ))}
        </SelectControl>
        {(value.on === "create" || value.on === "update" || value.on === "delete") && (
          <OptionalCondition
            path="when"
            label="Only when"
            allowTriggerOps
            value={value.when}
            hint={
              value.on === "update"
                ? "“changed” and “changed to” compare the record before and after the update."
                : undefined
            }
            onChange={(when) => onChange(when ? { on: value.on, when } : { on: value.on })}
          />
        )}
        {value.on === "webhook" && (
          <>
            <p className="muted">
              Called as{" "}
              <code>
                POST /api/hooks/{slug}/{key}
              </code>
              , signed with <code>x-pulse-signature: sha256=&lt;hmac of the body&gt;</code>.
            </p>
            <SecretControl
              path="secret"
              label="Signing secret"
              value={value.secret}
              onChange={(secret) => onChange({ on: "webhook", secret: secret ?? { $secret: "" } })}
            />
          </>
        )}
        {value.on === "schedule" && (
          <div className="form-grid">
            <TextControl
              path="cron"
              label="Cron expression"
              value={value.cron}
              hint="Five fields: minute hour day month weekday, e.g. 0 9 * * 1-5."
              onChange={(cron) => onChange({ ...value, cron: cron ?? "" })}
            />
            <TimeZoneControl
              path="timezone"
              label="Time zone"
              value={value.timezone}
              optional
              onChange={(timezone) =>
                onChange(timezone ? { ...value, timezone } : { on: "schedule", cron: value.cron })
              }
            />
          </div>
        )}
        {(value.on === "sla.warning" || value.on === "sla.breached") && (
          <SelectControl
            path="policy"
            label="SLA policy"
            value={value.policy ?? ""}
            onChange={(policy) => onChange(policy ? { on: value.on, policy } : { on: value.on })}
          >
            <option value="">Any policy of {entity}</option>
            {itemKeys(snapshot, "sla", entity).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectControl>
        )}
        {value.on === "approval.decided" && (
          <SelectControl
            path="approval"
            label="Approval"
            value={value.approval ?? ""}
            onChange={(approval) => onChange(approval ? { on: value.on, approval } : { on: value.on })}
          >
            <option value="">Any approval of {entity}</option>
            {itemKeys(snapshot, "approval", entity).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectControl>
        )}
      </section>
    </div>
  );
}
