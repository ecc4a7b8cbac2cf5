// /crm/:entity/new: the entity's default form, empty but for its defaults; POST, then the record.
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { roleAtLeast } from "@shared/roles";
import { createRecord } from "../../api/records";
import { PageHeader } from "../../components/page-header";
import { EmptyState } from "../../components/status";
import { FormRenderer } from "../../renderers/form/form-renderer";
import { useSession } from "../../state/session";
import { EntityGuard, useEntityNames } from "./entity-guard";

export function RecordNewPage() {
  const { entity = "" } = useParams();
  return (
    <EntityGuard entity={entity}>
      <NewRecord entity={entity} />
    </EntityGuard>
  );
}

function NewRecord({ entity }: { entity: string }) {
  const navigate = useNavigate();
  // "New deal" from a customer's related list arrives as ?customer=<id>: the reference pre-filled.
  const [params] = useSearchParams();
  const prefill = Object.fromEntries(params);
  const role = useSession((s) => s.role);
  const { singular, plural } = useEntityNames(entity);
  const title = `New ${singular.toLowerCase()}`;
  if (!role || !roleAtLeast(role, "agent")) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <EmptyState title={`Your role can't create ${plural.toLowerCase()}`}>
          <p>
            <Link to={`/crm/${entity}`}>Back to {plural}</Link>
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <PageHeader title={title} description={<Link to={`/crm/${entity}`}>{plural}</Link>} />
      <div className="panel">
        <FormRenderer
          entity={entity}
          prefill={prefill}
          onSubmit={async (values) => {
            const record = await createRecord(entity, values);
            void navigate(`/crm/${entity}/${encodeURIComponent(record.id)}`, { replace: true });
          }}
          onCancel={() => void navigate(-1)}
          submitLabel={`Create ${singular.toLowerCase()}`}
        />
      </div>
    </div>
  );
}
