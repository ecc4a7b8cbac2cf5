// Pages under /crm/:entity: wait for the config, and say so when the entity isn't configured.
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Snapshot } from "../../api/types";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { titleCase } from "../../config/labels";
import { entityKeys, entityTitle } from "../../config/navigation";
import { isFormConfig } from "../../config/types";
import { loadConfig, useRuntimeConfigStore } from "../../state/runtime-config";

export interface EntityNames {
  /** "Customer" */
  singular: string;
  /** "Customers" */
  plural: string;
}

/** "Customer": the default form's title, else the entity key title-cased. */
export function entitySingular(snapshot: Snapshot | null, entity: string): string {
  const form = snapshot?.form?.[entity]?.default;
  return (isFormConfig(form) ? form.title?.trim() : "") || titleCase(entity);
}

export function useEntityNames(entity: string): EntityNames {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  return { singular: entitySingular(snapshot, entity), plural: entityTitle(snapshot, entity) };
}

export function EntityGuard({ entity, children }: { entity: string; children: ReactNode }) {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const status = useRuntimeConfigStore((s) => s.status);
  const error = useRuntimeConfigStore((s) => s.error);
  if (!snapshot && status === "loading") return <Loading label="Loading configuration…" />;
  if (!snapshot)
    return <ErrorState title="Couldn't load the configuration" error={error} onRetry={() => void loadConfig()} />;
  if (!entityKeys(snapshot).includes(entity)) {
    return (
      <div className="page">
        <PageHeader title="Unknown entity" />
        <EmptyState title={`There is no “${entity}” in this workspace`}>
          <p>
            <Link to="/crm">See all entities</Link>
          </p>
        </EmptyState>
      </div>
    );
  }
  return children;
}
