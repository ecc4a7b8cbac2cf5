import { useEffect } from "react";
import { useSession } from "../state/session";
import { useTheme } from "../state/config-hooks";

/** "Members · Acme Support" */
export function useDocumentTitle(title: string): void {
  const tenantName = useTenantName();
  useEffect(() => {
    document.title = [title, tenantName ?? "Pulse-8"].filter(Boolean).join(" · ");
  }, [title, tenantName]);
}

/** The theme's name when the tenant published one, else the tenant's own name. */
export function useTenantName(): string | null {
  const themeName = useTheme()?.name;
  const tenantName = useSession((s) => s.tenant?.name ?? null);
  return themeName?.trim() || tenantName;
}
