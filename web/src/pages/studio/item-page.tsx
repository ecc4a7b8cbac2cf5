// /studio/items/:namespace/:entity/:key — the builder of one config item's draft.
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { CONFIG_NAME_RE } from "@shared/config/common";
import { isNamespace } from "@shared/config/namespaces";
import { ApiError } from "../../api/client";
import type { ItemId } from "../../api/studio";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { ItemEditor } from "../../studio/draft/item-editor";
import { useDraft } from "../../studio/draft/use-draft";

export function ItemPage() {
  const { namespace = "", entity = "", key = "" } = useParams();
  const valid = isNamespace(namespace) && CONFIG_NAME_RE.test(entity) && CONFIG_NAME_RE.test(key);
  if (!valid) return <Missing namespace={namespace} entity={entity} itemKey={key} />;
  return <LoadedItem id={{ namespace, entity, key }} />;
}

function LoadedItem({ id }: { id: ItemId }) {
  const stableId = useMemo(() => id, [id.namespace, id.entity, id.key]); // one object per item, not per render
  const draft = useDraft(stableId);
  if (draft.load.status === "loading" && !draft.item) return <Loading label="Loading the draft…" />;
  if (draft.load.status === "error") {
    const error = draft.load.error;
    if (error instanceof ApiError && error.status === 404)
      return <Missing namespace={id.namespace} entity={id.entity} itemKey={id.key} />;
    return <ErrorState title="Couldn't load this item" error={error} onRetry={draft.reload} />;
  }
  return <ItemEditor key={`${id.namespace}/${id.entity}/${id.key}`} id={stableId} draft={draft} />;
}

function Missing({ namespace, entity, itemKey }: { namespace: string; entity: string; itemKey: string }) {
  const create = `/studio/new?${new URLSearchParams({ namespace, entity, key: itemKey })}`;
  return (
    <div className="page">
      <PageHeader title="No such config item" />
      <EmptyState title={`${namespace}/${entity}/${itemKey} does not exist`}>
        <p>
          <Link to={create}>Create it</Link> or go back to the <Link to="/studio">config items</Link>.
        </p>
      </EmptyState>
    </div>
  );
}
