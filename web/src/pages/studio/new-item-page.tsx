// /studio/new — choose namespace, entity and key; the item starts as a draft from a template.
import { type InputHTMLAttributes, type Ref, useEffect } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import { CONFIG_NAME_RE, RESERVED_ENTITIES } from "@shared/config/common";
import { isNamespace, isTenantNamespace, NAMESPACES, type Namespace, TENANT_ENTITY } from "@shared/config/namespaces";
import { ApiError } from "../../api/client";
import { saveDraft } from "../../api/studio";
import { PageHeader } from "../../components/page-header";
import { ErrorState } from "../../components/status";
import { NAMESPACE_LABELS, TEMPLATES } from "../../studio/builders/registry";
import { useWorkingSnapshot } from "../../studio/draft/use-working-snapshot";
import { itemUrl } from "../../studio/paths";
import { entityNames, formFields } from "../../studio/snapshot-queries";

const NEW_ENTITY = "__new__";

interface Values {
  namespace: Namespace;
  entity: string;
  newEntity: string;
  key: string;
}

const nameRule = {
  value: CONFIG_NAME_RE,
  message: "Lower-case letters, digits and _, starting with a letter (at most 40).",
};

export function NewItemPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { snapshot } = useWorkingSnapshot(null);
  const entities = entityNames(snapshot);
  const initialNs = params.get("namespace");
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    mode: "onChange",
    defaultValues: {
      namespace: isNamespace(initialNs) ? initialNs : "form",
      entity: params.get("entity") ?? "",
      newEntity: "",
      key: params.get("key") ?? "",
    },
  });
  const namespace = watch("namespace");
  const entity = watch("entity");
  const tenantWide = isTenantNamespace(namespace);

  // Keep the entity choice meaningful for the namespace picked.
  useEffect(() => {
    if (tenantWide) return setValue("entity", TENANT_ENTITY);
    if (entities.includes(entity) || (entity === NEW_ENTITY && namespace === "form")) return;
    // A name that is no entity yet can only become one through its form.
    if (namespace === "form" && entity && entity !== TENANT_ENTITY && entity !== NEW_ENTITY) {
      setValue("newEntity", entity);
      return setValue("entity", NEW_ENTITY);
    }
    setValue("entity", entities[0] ?? (namespace === "form" ? NEW_ENTITY : ""));
  }, [namespace, entities.join(",")]); // not `entity`: a choice the user made stays

  const onSubmit = async (values: Values) => {
    // A disabled select submits nothing: tenant-wide items always belong to "tenant".
    const target = isTenantNamespace(values.namespace)
      ? TENANT_ENTITY
      : values.entity === NEW_ENTITY
        ? values.newEntity.trim()
        : values.entity;
    const id = { namespace: values.namespace, entity: target, key: values.key.trim() };
    const firstField = formFields(snapshot, target)[0]?.name ?? "status";
    try {
      // Revision 0: create only; an existing item is a 412 and stays untouched.
      await saveDraft(id, TEMPLATES[id.namespace](target, firstField), 0);
      navigate(itemUrl(id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setError("key", { type: "exists", message: `${id.namespace}/${id.entity}/${id.key} already exists.` });
      } else {
        setError("root", { message: error instanceof Error ? error.message : "Couldn't create the item." });
      }
    }
  };

  const keyError = errors.key?.message;
  const existing = errors.key?.type === "exists";
  return (
    <div className="page">
      <PageHeader
        title="New config item"
        description="It starts as a draft from a template; nothing changes for users until you publish."
      />
      <form className="panel form form-narrow" onSubmit={handleSubmit(onSubmit)} noValidate>
        {errors.root?.message && <ErrorState title="Couldn't create the item" error={new Error(errors.root.message)} />}
        <div className="field">
          <label className="field-label" htmlFor="new-namespace">
            Kind
          </label>
          <select id="new-namespace" className="input" {...register("namespace")}>
            {NAMESPACES.map((ns) => (
              <option key={ns} value={ns}>
                {NAMESPACE_LABELS[ns]} ({ns})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="new-entity">
            Entity
          </label>
          <select
            id="new-entity"
            className="input"
            disabled={tenantWide}
            {...register("entity", { required: "Choose an entity." })}
          >
            {tenantWide && <option value={TENANT_ENTITY}>tenant (workspace-wide)</option>}
            {!tenantWide &&
              entities.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            {namespace === "form" && <option value={NEW_ENTITY}>A new entity…</option>}
          </select>
          {!tenantWide && namespace !== "form" && (
            <p className="field-hint">Only entities with a default form. To add an entity, create its form first.</p>
          )}
        </div>
        {namespace === "form" && entity === NEW_ENTITY && (
          <Input
            id="new-entity-name"
            label="New entity name"
            error={errors.newEntity?.message}
            hint="e.g. companies; its default form makes it an entity."
            {...register("newEntity", {
              required: "Name the entity.",
              pattern: nameRule,
              validate: (v) =>
                RESERVED_ENTITIES.includes(v.trim())
                  ? `"${v}" is reserved.`
                  : entities.includes(v.trim())
                    ? "That entity exists already."
                    : true,
            })}
          />
        )}
        <Input
          id="new-key"
          label="Key"
          error={keyError}
          placeholder={namespace === "form" || namespace === "workflow" ? "default" : "e.g. open_deals"}
          hint={
            namespace === "form"
              ? "“default” is the entity's schema."
              : namespace === "workflow"
                ? "“default” governs the entity's status."
                : undefined
          }
          {...register("key", { required: "Give it a key.", pattern: nameRule })}
        />
        {existing && (
          <p>
            <Link
              to={itemUrl({
                namespace,
                entity: entity === NEW_ENTITY ? watch("newEntity") : entity,
                key: watch("key"),
              })}
            >
              Open the existing item
            </Link>
          </p>
        )}
        <div>
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            {isSubmitting ? "Creating…" : "Create draft"}
          </button>
        </div>
      </form>
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string; hint?: string };

function Input({ id, label, error, hint, ref, ...input }: InputProps & { ref?: Ref<HTMLInputElement> }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={ref}
        className="input"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
