// Moving the browser's session between production and a sandbox: the new token replaces the
// old one; the config, socket and identity reload through useSessionRuntime.
import type { SandboxSession } from "../../api/sandboxes";
import { resetConfig } from "../../state/runtime-config";
import { useSession } from "../../state/session";

export function switchTo(session: SandboxSession): void {
  const { user } = useSession.getState();
  if (!user) return;
  // The held config belongs to the other tenant: a catch-up from its version would be refused.
  resetConfig();
  useSession.getState().signIn({ token: session.token, user, tenant: session.tenant, role: session.role });
}
