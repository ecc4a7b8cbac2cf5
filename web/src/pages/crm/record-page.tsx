// /crm/:entity/:id: the record's form (edit in place), its workflow, SLA timers, related work
// and history, all kept current over the socket.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { roleAtLeast } from "@shared/roles";
import { ApiError } from "../../api/client";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { FormRenderer } from "../../renderers/form/form-renderer";
import { recordTitle } from "../../renderers/shared/columns";
import { StatusBadge } from "../../renderers/shared/status-badge";
import { useForm, useWorkflow } from "../../state/config-hooks";
import { forgetRecent, rememberRecent } from "../../state/recent-records";
import { useSession } from "../../state/session";
import { EntityGuard, useEntityNames } from "./entity-guard";
import { DeleteRecord } from "./record/delete-record";
import { BriefingPanel } from "./record/briefing-panel";
import { HistoryPanel } from "./record/history-panel";
import { ActivitiesPanel, ApprovalsPanel } from "./record/related-panels";
import { RelatedLists } from "./record/related-lists";
import { TimelinePanel } from "./record/timeline-panel";
import { PresenceAvatars, usePresence } from "./record/presence-avatars";
import { SlaPanel } from "./record/sla-panel";
import { useFirstScreenDone } from "./record/use-first-screen";
import { useRecord } from "./record/use-record";
import { useSaveRecord } from "./record/use-save-record";
import { WorkflowActions } from "./record/workflow-actions";
import { useLive } from "./use-live";

export function RecordPage() {
  const { entity = "", id = "" } = useParams();
  return (
    <EntityGuard entity={entity}>
      <RecordDetail key={`${entity}/${id}`} entity={entity} id={id} />
    </EntityGuard>
  );
}

function RecordDetail({ entity, id }: { entity: string; id: string }) {
  const form = useForm(entity);
  const workflow = useWorkflow(entity);
  const role = useSession((s) => s.role) ?? "read_only";
  const names = useEntityNames(entity);
  const { record, status, error, deleted, reload, setRecord } = useRecord(entity, id);
  const saving = useSaveRecord(entity, id);
  const viewers = usePresence(entity, id);
  const sidePanels = useFirstScreenDone(entity, id);
  const userId = useSession((s) => s.user?.id);
  const title = record ? recordTitle(record, form) : null;
  useEffect(() => {
    if (title) rememberRecent(userId, { entity, id, title });
  }, [userId, entity, id, title]);
  useEffect(() => {
    if (deleted || (status === "error" && error instanceof ApiError && error.status === 404))
      forgetRecent(userId, entity, id);
  }, [deleted, status, error, userId, entity, id]);
  const [slaTick, setSlaTick] = useState(0);
  const [workTick, setWorkTick] = useState(0);
  useLive(
    (m) => (m.type === "sla.warning" || m.type === "sla.breached") && m.entity === entity && m.id === id,
    () => setSlaTick((t) => t + 1),
  );
  useLive(
    (m) =>
      (m.type === "approval.requested" || m.type === "approval.decided" || m.type === "activity.created") &&
      m.recordId === id,
    () => setWorkTick((t) => t + 1),
  );

  const back = <Link to={`/crm/${entity}`}>{names.plural}</Link>;
  if (status === "error" || (status !== "loading" && !record)) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="page">
        <PageHeader
          title={missing ? `${names.singular} not found` : `Couldn't load this ${names.singular.toLowerCase()}`}
        />
        {missing ? (
          <EmptyState title="It may have been deleted, or it isn't visible to you.">
            <p>{back}</p>
          </EmptyState>
        ) : (
          <ErrorState error={error} onRetry={reload} />
        )}
      </div>
    );
  }

  // While the record loads, its related lists and timeline (asked for at the same time) render as
  // soon as their own answers arrive, in the places they keep once the form is there.
  return (
    <div className="page record-page">
      <PageHeader
        title={record ? recordTitle(record, form) : names.singular}
        description={
          <>
            {back}
            {record?.status && (
              <>
                {" "}
                · <StatusBadge status={record.status} workflow={workflow} />
              </>
            )}
          </>
        }
        actions={
          <>
            <PresenceAvatars users={viewers} />
            {record && roleAtLeast(role, "manager") && !deleted && (
              <DeleteRecord entity={entity} record={record} noun={names.singular.toLowerCase()} />
            )}
          </>
        }
      />
      {deleted && (
        <div className="notice notice-danger" role="alert">
          <p>
            This {names.singular.toLowerCase()} was deleted by someone else. {back}
          </p>
        </div>
      )}
      {workflow && record?.status && (
        <WorkflowActions entity={entity} record={record} workflow={workflow} onMoved={setRecord} />
      )}
      <div className="record-layout">
        <div className="record-main-column">
          <div className="panel record-main">
            {record ? (
              <FormRenderer
                entity={entity}
                record={record}
                onSubmit={(changes, edited) => saving.save(changes, (edited ?? record).version)}
                onReload={reload}
                onOverwrite={saving.overwrite}
              />
            ) : (
              <Loading label={`Loading ${names.singular.toLowerCase()}…`} />
            )}
          </div>
          <RelatedLists entity={entity} id={id} refresh={workTick} />
          <TimelinePanel
            entity={entity}
            id={id}
            refresh={record ? `${record.version}:${workTick}:${slaTick}` : null}
            form={form}
            workflow={workflow}
            fallback={
              record && (
                <HistoryPanel entity={entity} id={id} version={record.version} form={form} workflow={workflow} />
              )
            }
          />
        </div>
        <aside className="record-side" aria-label="Related" aria-busy={!sidePanels || undefined}>
          {sidePanels && record && (
            <>
              <BriefingPanel entity={entity} id={id} version={record.version} refresh={workTick} />
              <SlaPanel entity={entity} id={id} version={record.version} refresh={slaTick} />
              <ApprovalsPanel recordId={id} refresh={workTick} />
              <ActivitiesPanel
                recordId={id}
                entity={entity}
                recordTitle={recordTitle(record, form)}
                refresh={workTick}
              />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
