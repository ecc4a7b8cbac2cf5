// The editor of one loaded draft: status and actions, the error summary, the builder and the
// JSON view, with errors shown at the controls they are about.
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { setItem } from "@shared/config/snapshot";
import type { ItemId } from "../../api/studio";
import { PageHeader } from "../../components/page-header";
import { Alert, ErrorState } from "../../components/status";
import { BUILDERS } from "../builders/registry";
import { itemTitle } from "../item-title";
import type { BuilderProps } from "../builders/builder-props";
import { ErrorSummary } from "../errors/error-summary";
import { ErrorsProvider } from "../errors/errors-context";
import { focusControl } from "../errors/focus";
import { ItemContextProvider } from "../item-context";
import { BuilderBoundary } from "./builder-boundary";
import { EditorTabs, type EditorTab } from "./editor-tabs";
import { ItemStatus, ItemToolbar } from "./item-toolbar";
import { JsonView } from "./json-view";
import { UnsavedGuard } from "./unsaved-guard";
import { mergeErrors, useClientValidation } from "./use-client-validation";
import type { DraftEditor } from "./use-draft";
import { useWorkingSnapshot } from "./use-working-snapshot";

export function ItemEditor({ id, draft }: { id: ItemId; draft: DraftEditor }) {
  const { namespace, entity, key } = id;
  const working = useWorkingSnapshot(id);
  const snapshot = useMemo(
    () => setItem(working.snapshot, namespace, entity, key, draft.value),
    [working.snapshot, namespace, entity, key, draft.value],
  );
  const clientErrors = useClientValidation(namespace, entity, key, draft.value, working.snapshot);
  const errors = useMemo(() => mergeErrors(draft.serverErrors, clientErrors), [draft.serverErrors, clientErrors]);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [tab, setTab] = useState<EditorTab>("builder");
  const [pendingFocus, setPendingFocus] = useState<string | null>(() => params.get("focus"));

  const focus = useCallback((path: string) => {
    setTab("builder");
    setPendingFocus(path);
  }, []);
  useEffect(() => {
    if (pendingFocus === null) return;
    if (!focusControl(pendingFocus)) document.getElementById("panel-builder")?.focus();
    setPendingFocus(null);
  }, [pendingFocus, tab]);

  // Ctrl/Cmd+S saves, wherever focus is (even on nothing after a removed control).
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "s") return;
      e.preventDefault();
      if (latest.current.dirty && !latest.current.busy) void latest.current.save();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
  const Builder = BUILDERS[namespace] as ComponentType<BuilderProps<unknown>>;
  const resetKey = useMemo(() => JSON.stringify(draft.value) ?? "", [draft.value]);

  return (
    <div className="page studio-item">
      <PageHeader
        title={itemTitle(id, draft.value, working.snapshot)}
        titleKey={`${namespace}/${entity}/${key}`}
        description={<ItemStatus draft={draft} />}
        actions={
          <ItemToolbar
            draft={draft}
            onRemoved={(removed) => {
              if (removed.status === "archived")
                navigate("/studio", { state: { notice: `Deleted the draft ${namespace}/${entity}/${key}.` } });
            }}
          />
        }
      />
      <UnsavedGuard dirty={draft.dirty} />
      {draft.conflict && (
        <div className="alert alert-danger" role="alert">
          Someone else changed this draft since you opened it (you have revision {draft.item?.revision}); your save was
          not applied.{" "}
          <button type="button" className="button button-small" onClick={draft.reload}>
            Reload the latest revision
          </button>
        </div>
      )}
      {draft.item?.pendingDelete && (
        <Alert>This item is marked for removal at the next publish. Saving an edit keeps it instead.</Alert>
      )}
      {draft.actionError !== null && <ErrorState title="That didn't work" error={draft.actionError} />}
      {draft.notice && <Alert tone="success">{draft.notice}</Alert>}
      <ErrorsProvider errors={errors} onFocus={focus}>
        <ErrorSummary errors={errors} />
        <EditorTabs tab={tab} onTab={setTab}>
          <ItemContextProvider value={{ namespace, entity, key, snapshot }}>
            {tab === "builder" ? (
              <BuilderBoundary resetKey={resetKey} onShowJson={() => setTab("json")}>
                <Builder value={draft.value} onChange={draft.setValue} />
              </BuilderBoundary>
            ) : (
              <JsonView value={draft.value} onChange={draft.setValue} />
            )}
          </ItemContextProvider>
        </EditorTabs>
      </ErrorsProvider>
    </div>
  );
}
