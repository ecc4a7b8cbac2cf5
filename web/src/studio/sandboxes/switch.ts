// Moving the browser's session between production and a sandbox: the new token replaces the
// old one; the config, socket and identity reload through useSessionRuntime.
import type { SandboxSession } from "../../api/sandboxes";
import { useSession } from "../../state/session";

export function switchTo(session: SandboxSession): void {
  const { user } = useSession.getState();
  if (!user) return;
  useSession.getState().signIn({ token: session.token, user, tenant: session.tenant, role: session.role });
}
