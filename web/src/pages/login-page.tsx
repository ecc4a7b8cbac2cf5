import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { login } from "../api/auth";
import { ApiError, errorMessage } from "../api/client";
import { Alert } from "../components/status";
import { TextField } from "../components/field";
import { useCountdown } from "../lib/use-countdown";
import { useSession } from "../state/session";
import { AuthLayout } from "./auth-layout";

// Where to go after signing in is decided by RedirectIfSignedIn (back to where the user was).
export function LoginPage() {
  const signIn = useSession((s) => s.signIn);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenant, setTenant] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const wait = useCountdown(retryUntil);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      signIn(await login({ email: email.trim(), password, tenant }));
    } catch (err) {
      setError(err);
      const retryAfter = err instanceof ApiError && err.status === 429 ? err.retryAfter : null;
      setRetryUntil(retryAfter ? Date.now() + retryAfter * 1000 : null);
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New to Pulse-8? <Link to="/register">Create a workspace</Link>
        </>
      }
    >
      <form className="form" onSubmit={onSubmit}>
        {error !== null && <Alert>{loginErrorText(error, wait)}</Alert>}
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <TextField
          label="Workspace (optional)"
          name="tenant"
          autoComplete="organization"
          hint="The workspace's short name, if your email belongs to more than one."
          value={tenant}
          onChange={(e) => setTenant(e.target.value)}
        />
        <button type="submit" className="button button-primary button-block" disabled={pending || wait > 0}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthLayout>
  );
}

function loginErrorText(error: unknown, wait: number): string {
  if (error instanceof ApiError && error.status === 429) {
    return wait > 0 ? `Too many attempts, try again in ${wait} s.` : "Too many attempts. You can try again now.";
  }
  return errorMessage(error);
}
