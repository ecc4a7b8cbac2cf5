import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { register, templates as loadTemplates } from "../api/auth";
import { ApiError, errorMessage } from "../api/client";
import { Alert } from "../components/status";
import { SelectField, TextField } from "../components/field";
import { keys, useApiQuery } from "../state/server-state";
import { useSession } from "../state/session";
import { AuthLayout } from "./auth-layout";

const MIN_PASSWORD = 10;

type FieldName = "name" | "email" | "password" | "tenantName";

export function RegisterPage() {
  const signIn = useSession((s) => s.signIn);
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: "",
    email: "",
    password: "",
    tenantName: "",
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touchedPassword, setTouchedPassword] = useState(false);
  const [template, setTemplate] = useState("standard");
  const templates = useApiQuery(keys.templates, (signal) => loadTemplates(signal), {
    staleTime: Number.POSITIVE_INFINITY,
  });
  const chosen = templates.data?.find((t) => t.name === template);
  const serverFieldErrors = fieldErrors(error);
  const passwordShort = values.password.length < MIN_PASSWORD;

  const bind = (name: FieldName) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    error: serverFieldErrors[name] ?? null,
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouchedPassword(true);
    if (passwordShort) return;
    setPending(true);
    setError(null);
    try {
      signIn(
        await register({
          ...values,
          email: values.email.trim(),
          name: values.name.trim(),
          tenantName: values.tenantName.trim(),
          ...(chosen ? { template: chosen.name } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const remaining = MIN_PASSWORD - values.password.length;
  const passwordHint =
    remaining > 0
      ? `At least ${MIN_PASSWORD} characters (${remaining} more to go).`
      : `At least ${MIN_PASSWORD} characters. ✓`;

  return (
    <AuthLayout
      title="Create your workspace"
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <form className="form" onSubmit={onSubmit}>
        {error !== null && <Alert>{errorMessage(error)}</Alert>}
        <TextField label="Your name" autoComplete="name" required {...bind("name")} />
        <TextField label="Work email" type="email" autoComplete="email" required {...bind("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          {...bind("password")}
          onBlur={() => values.password && setTouchedPassword(true)}
          hint={passwordHint}
          error={
            touchedPassword && passwordShort
              ? `Use at least ${MIN_PASSWORD} characters.`
              : (serverFieldErrors.password ?? null)
          }
        />
        <TextField
          label="Company name"
          autoComplete="organization"
          required
          hint="Becomes your workspace; you can invite your team afterwards."
          {...bind("tenantName")}
        />
        {/* Without the list (still loading, or it failed) the workspace starts from the standard config. */}
        {templates.data && (
          <SelectField
            label="Start from"
            name="template"
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            hint={chosen?.description}
          >
            {templates.data.map((t) => (
              <option key={t.name} value={t.name}>
                {t.title}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? "Creating…" : "Create workspace"}
        </button>
      </form>
    </AuthLayout>
  );
}

/** 422 details `{ path: "password", message }` shown next to their field. */
function fieldErrors(error: unknown): Partial<Record<FieldName, string>> {
  if (!(error instanceof ApiError)) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const detail of error.details) {
    const field = detail.path?.split(/[.[]/)[0] as FieldName | undefined;
    if (field && ["name", "email", "password", "tenantName"].includes(field)) out[field] ??= detail.message;
  }
  return out;
}
