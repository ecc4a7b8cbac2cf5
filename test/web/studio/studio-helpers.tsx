// Render a Studio builder as the item page does: controlled value, item context, errors.
import { render } from "@testing-library/react";
import { type ComponentType, useState } from "react";
import type { ConfigError } from "@shared/config/issues";
import type { Namespace } from "@shared/config/namespaces";
import type { Snapshot } from "@shared/config/snapshot";
import { ErrorsProvider } from "../../../web/src/studio/errors/errors-context";
import { ItemContextProvider } from "../../../web/src/studio/item-context";

export interface Harness<T> {
  /** The value after the last change. */
  value: () => T;
  changes: T[];
}

export function renderBuilder<T>(
  Builder: ComponentType<{ value: T; onChange: (v: T) => void }>,
  initial: T,
  options: { namespace?: Namespace; entity?: string; key?: string; snapshot?: Snapshot; errors?: ConfigError[] } = {},
): Harness<T> & ReturnType<typeof render> {
  const changes: T[] = [];
  function Host() {
    const [value, setValue] = useState(initial);
    const ctx = {
      namespace: options.namespace ?? "form",
      entity: options.entity ?? "customers",
      key: options.key ?? "default",
      snapshot: options.snapshot ?? {},
    };
    return (
      <ItemContextProvider value={ctx}>
        <ErrorsProvider errors={options.errors ?? []} onFocus={() => undefined}>
          <Builder
            value={value}
            onChange={(next) => {
              changes.push(next);
              setValue(next);
            }}
          />
        </ErrorsProvider>
      </ItemContextProvider>
    );
  }
  const result = render(<Host />);
  return { ...result, changes, value: () => changes.at(-1) ?? initial };
}

export const customersForm = {
  title: "Customer",
  fields: [
    { name: "name", label: "Name", type: "text" as const, required: true },
    { name: "email", label: "Email", type: "email" as const },
    {
      name: "tier",
      label: "Tier",
      type: "select" as const,
      options: [
        { value: "gold", label: "Gold" },
        { value: "silver", label: "Silver" },
      ],
    },
  ],
};

export const studioSnapshot = (): Snapshot => ({
  form: { customers: { default: customersForm } },
  condition: { customers: { vip: { field: "tier", op: "eq", value: "gold" } } },
});
