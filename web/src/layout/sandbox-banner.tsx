// Shown on every page while the session is in a sandbox, so nobody mistakes it for production.
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../api/client";
import { productionSession } from "../api/sandboxes";
import { useSession } from "../state/session";
import { switchTo } from "../studio/sandboxes/switch";

export function SandboxBanner() {
  const tenant = useSession((s) => s.tenant);
  const role = useSession((s) => s.role);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  if (!tenant?.sandboxOf) return null;
  const back = async () => {
    try {
      switchTo(await productionSession());
      navigate("/studio/sandboxes");
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="sandbox-banner" role="region" aria-label="Sandbox">
      <strong>Sandbox</strong>
      <span>
        “{tenant.name}” is a sandbox: changes here do not reach production until promoted. E-mail and webhooks are off
        unless allowed.
      </span>
      {role === "admin" && (
        <button type="button" className="button button-small" onClick={() => void back()}>
          Back to production
        </button>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
