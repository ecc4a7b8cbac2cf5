// Renders a published `form` config: every field type through the registry, sections, defaults,
// visibleWhen / requiredWhen evaluated live, the server's validation run in the browser, server
// errors on their fields, and live config and record updates that never lose what was typed.
import { useCallback, useMemo, useRef, useState } from "react";
import { type FieldErrors, type Resolver, useForm as useHookForm, useWatch } from "react-hook-form";
import type { FormConfig, FormField } from "@shared/config/form";
import { canEdit, visibleFields } from "@shared/records/access";
import type { FieldError } from "@shared/records/validate-values";
import type { CrmRecord } from "../../api/types";
import { Alert, EmptyState } from "../../components/status";
import { fieldTypesOf } from "@shared/config/condition-scope";
import { useForm, useTheme } from "../../state/config-hooks";
import { useSession } from "../../state/session";
import { FieldControl } from "./field-control";
import { ComputedField } from "./computed-field";
import { isComputedType } from "@shared/config/field-types";
import { computeFormulas, withFormulaAccess } from "@shared/formula/fields";
import { formSections } from "./form-sections";
import {
  buildPayload,
  checkWrite,
  conditionRecord,
  initialInput,
  initialInputs,
  type InputValues,
  isRequiredNow,
  isShown,
  type WriteContext,
} from "./form-values";
import { RecordNotices } from "./record-notices";
import { submitProblem } from "./submit-errors";
import { useConfigSync } from "./use-form-sync";
import { useRecordSync } from "./use-record-sync";

export interface FormRendererProps {
  entity: string;
  formKey?: string;
  /** The record being edited; absent: a new one. */
  record?: CrmRecord;
  /**
   * Create: the values; update: only the changed fields, and the version the user edited (send it
   * as If-Match, so edits made over someone else's newer save are refused). Resolve with the saved record.
   */
  onSubmit(payload: Record<string, unknown>, edited?: CrmRecord): Promise<CrmRecord | void>;
  /** After a 412: fetch the current record (the form then shows it). */
  onReload?(): void;
  /** After a 412: save these changes over whatever version is newest now. Resolve with the saved record. */
  onOverwrite?(payload: Record<string, unknown>): Promise<CrmRecord>;
  onCancel?(): void;
  submitLabel?: string;
  /** A new record's values given from outside (a related list's "New …"), over the defaults. */
  prefill?: Record<string, unknown>;
}

const systemOf = (r: CrmRecord | undefined) =>
  r ? { id: r.id, status: r.status, ownerId: r.ownerId, createdAt: r.createdAt, updatedAt: r.updatedAt } : {};

function toFieldErrors(errors: FieldError[], names: ReadonlySet<string>): FieldErrors<InputValues> {
  const out: Record<string, { type: string; message: string }> = {};
  const general: string[] = [];
  for (const { path, message } of errors) {
    if (!names.has(path)) general.push(path ? `${path}: ${message}` : message);
    else out[path] = { type: "validate", message: out[path] ? `${out[path]!.message}; ${message}` : message };
  }
  if (general.length === 0) return out;
  // Problems with fields this form doesn't show (another form's required field, say).
  return { ...out, root: { type: "validate", message: general.join(" ") } } as unknown as FieldErrors<InputValues>;
}

function prefillInputs(fields: readonly FormField[], prefill: Record<string, unknown> | undefined): InputValues {
  if (!prefill) return {};
  return Object.fromEntries(
    fields.filter((f) => Object.hasOwn(prefill, f.name)).map((f) => [f.name, initialInput(f, { data: prefill })]),
  );
}

export function FormRenderer(props: FormRendererProps) {
  const layout = useForm(props.entity, props.formKey);
  if (!layout) return <EmptyState title={`No form is published for ${props.entity}`} />;
  return <LoadedForm {...props} layout={layout} />;
}

function LoadedForm({
  entity,
  layout,
  record,
  onSubmit,
  onReload,
  onOverwrite,
  onCancel,
  submitLabel,
  prefill,
}: FormRendererProps & { layout: FormConfig }) {
  const schema = useForm(entity) ?? layout; // the server validates against the default form
  const role = useSession((s) => s.role) ?? "read_only";
  const userId = useSession((s) => s.user?.id);
  // A formula over a field the role may not read is hidden like that field.
  const fields = useMemo(() => visibleFields(withFormulaAccess(layout), role), [layout, role]);
  const [base, setBase] = useState(record);
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [overwriting, setOverwriting] = useState(false);
  const refused = useRef<Record<string, unknown> | null>(null);
  const mode = base ? "update" : "create";
  const theme = useTheme();
  const scope = useMemo(() => ({ types: fieldTypesOf(schema), timeZone: theme?.timezone }), [schema, theme?.timezone]);
  const ctx: WriteContext = {
    mode,
    role,
    userId,
    existing: base?.data,
    system: systemOf(base),
    scope,
    values: { defaultCountry: theme?.defaultCountry },
  };
  const names = useMemo(() => new Set(fields.map((f) => f.name)), [fields]);

  const latest = useRef({ schema, layout, ctx, names });
  latest.current = { schema, layout, ctx, names };
  const resolver = useCallback<Resolver<InputValues>>(async (values) => {
    const { schema: s, layout: l, ctx: c, names: n } = latest.current;
    const { errors } = checkWrite(s, { fields: l.fields.filter((f) => n.has(f.name)) }, values, c);
    return errors.length === 0 ? { values, errors: {} } : { values: {}, errors: toFieldErrors(errors, n) };
  }, []);

  const methods = useHookForm<InputValues>({
    defaultValues: {
      ...initialInputs(fields, { data: base?.data, userId }),
      ...(base ? {} : prefillInputs(fields, prefill)),
    },
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { control, handleSubmit, formState, setError, reset } = methods;
  useConfigSync(methods, fields, base?.data, userId);

  const inputs = useWatch({ control }) as InputValues;
  const conditions = conditionRecord(fields, inputs, ctx);
  // Formulas live as the user types, by the evaluator the Worker stores them with.
  const computed = {
    ...base?.data,
    ...computeFormulas(schema.fields, conditions, { now: Date.now(), timeZone: theme?.timezone ?? "UTC" }),
  };
  const dirty = mode === "update" && Object.keys(buildPayload(fields, inputs, ctx)).length > 0;

  // After a 412 the user asked for the current record: take it over their edits.
  const takeNext = useRef(false);
  const adopt = useCallback(
    (next: CrmRecord) => {
      takeNext.current = false;
      reset(initialInputs(fields, { data: next.data, userId }));
      setBase(next);
      setConflict(false);
      setSaved(false);
    },
    [fields, reset, userId],
  );
  const matchesForm = (next: CrmRecord) =>
    takeNext.current ||
    Object.keys(buildPayload(fields, inputs, { ...ctx, existing: next.data, system: systemOf(next) })).length === 0;
  const stale = useRecordSync(record, base, dirty, matchesForm, adopt);

  const submit = handleSubmit(async (values) => {
    setGeneral(null);
    setSaved(false);
    setConflict(false);
    const payload = buildPayload(fields, values, ctx);
    if (mode === "update" && Object.keys(payload).length === 0) return setGeneral("Nothing has changed.");
    refused.current = payload;
    try {
      const result = await onSubmit(payload, base);
      if (result && mode === "update") {
        adopt(result);
        setSaved(true); // after adopt, which clears it for versions that arrive from elsewhere
      }
    } catch (error) {
      const problem = submitProblem(error, names);
      problem.fields.forEach(({ name, message }, i) =>
        setError(name, { type: "server", message }, { shouldFocus: i === 0 }),
      );
      setGeneral(problem.general);
      setConflict(problem.conflict);
    }
  });

  const overwrite = async () => {
    if (!onOverwrite || !refused.current) return;
    setOverwriting(true);
    setGeneral(null);
    try {
      const result = await onOverwrite(refused.current);
      adopt(result);
      setSaved(true);
    } catch (error) {
      const problem = submitProblem(error, names);
      setGeneral(problem.general);
      setConflict(problem.conflict);
    } finally {
      setOverwriting(false);
    }
  };

  const editable = fields.some((f) => canEdit(f, role));
  const shown = fields.filter((f) => isShown(f, conditions, userId, scope));
  const rootError = formState.errors.root?.message;

  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={layout.title}>
      {layout.description && <p className="muted">{layout.description}</p>}
      <RecordNotices
        stale={stale}
        conflict={conflict}
        onTakeStale={() => stale && adopt(stale)}
        busy={overwriting}
        onOverwrite={onOverwrite && (() => void overwrite())}
        onDismiss={() => setConflict(false)}
        onReload={
          onReload &&
          (() => {
            takeNext.current = true;
            onReload();
          })
        }
      />
      {general && <Alert>{general}</Alert>}
      {rootError && <Alert>{rootError}</Alert>}
      {saved && !dirty && <Alert tone="success">Saved.</Alert>}
      {formSections(layout, shown).map((section, i) => (
        <fieldset key={section.title ?? i} className="form-section">
          {section.title && <legend className="form-section-title">{section.title}</legend>}
          <div className="form form-grid">
            {section.fields.map((field) =>
              isComputedType(field.type) ? (
                <ComputedField key={`${field.name}:${field.type}`} field={field} value={computed[field.name]} />
              ) : (
                <FieldControl
                  key={`${field.name}:${field.type}`}
                  field={field}
                  control={control}
                  readOnly={!canEdit(field, role)}
                  required={isRequiredNow(field, conditions, userId, scope)}
                />
              ),
            )}
          </div>
        </fieldset>
      ))}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : (submitLabel ?? layout.submit?.label ?? "Save")}
          </button>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          {dirty && <span className="muted">Unsaved changes</span>}
        </div>
      )}
    </form>
  );
}
