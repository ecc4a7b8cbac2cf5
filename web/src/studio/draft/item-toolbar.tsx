// The draft's state (status, revision, unsaved, pending removal) and what can be done with it.
import { useState } from "react";
import { Link } from "react-router";
import { Badge, ConfigStatusBadge } from "../../components/badge";
import type { DraftItem } from "../../api/studio";
import type { DraftEditor } from "./use-draft";

export function ItemStatus({ draft }: { draft: DraftEditor }) {
  const item = draft.item!;
  return (
    <span className="row">
      <ConfigStatusBadge status={item.status} />
      <span className="muted">Revision {item.revision}</span>
      {item.publishedVersion ? (
        <span className="muted">· published in v{item.publishedVersion}</span>
      ) : (
        <span className="muted">· never published</span>
      )}
      {item.pendingDelete && <Badge tone="danger">removed at next publish</Badge>}
      {draft.dirty && <Badge tone="warning">unsaved changes</Badge>}
    </span>
  );
}

export function ItemToolbar({ draft, onRemoved }: { draft: DraftEditor; onRemoved: (item: DraftItem) => void }) {
  const [confirming, setConfirming] = useState(false);
  const item = draft.item!;
  const neverPublished = !item.publishedVersion;
  const remove = async () => {
    setConfirming(false);
    const result = await draft.remove();
    if (result) onRemoved(result);
  };
  return (
    <div className="page-actions">
      <button
        type="button"
        className="button button-primary"
        disabled={!draft.dirty || draft.busy !== null}
        onClick={() => void draft.save()}
        aria-keyshortcuts="Control+S"
      >
        {draft.busy === "saving" ? "Saving…" : "Save draft"}
      </button>
      <button
        type="button"
        className="button"
        disabled={draft.busy !== null}
        onClick={() => void draft.validate()}
        title={draft.dirty ? "Saves, then validates on the server" : "Validates the saved draft on the server"}
      >
        {draft.busy === "validating" ? "Validating…" : "Validate"}
      </button>
      {confirming ? (
        <span className="confirm" role="group" aria-label="Confirm removal">
          <span>{neverPublished ? "Delete this draft?" : "Remove at the next publish?"}</span>
          <button type="button" className="button button-danger button-small" onClick={() => void remove()}>
            {neverPublished ? "Delete" : "Mark for removal"}
          </button>
          <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button"
          disabled={draft.busy !== null || item.pendingDelete === true}
          onClick={() => setConfirming(true)}
        >
          {draft.busy === "removing" ? "Removing…" : neverPublished ? "Delete draft" : "Remove…"}
        </button>
      )}
      <Link className="button" to="/studio/publish">
        Review &amp; publish
      </Link>
    </div>
  );
}
