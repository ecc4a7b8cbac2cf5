import { useEffect } from "react";
import { useSession } from "../state/session";
import { useTheme } from "../state/config-hooks";
import { useNotificationStore } from "../state/notifications";

/** "Members · Acme Support", and "(3) Members · Acme Support" with three unread notifications. */
export function useDocumentTitle(title: string): void {
  const tenantName = useTenantName();
  const unread = useNotificationStore((s) => s.unread);
  useEffect(() => {
    const text = [title, tenantName ?? "Pulse-8"].filter(Boolean).join(" · ");
    document.title = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${text}` : text;
  }, [title, tenantName, unread]);
}

/** The theme's name when the tenant published one, else the tenant's own name. */
export function useTenantName(): string | null {
  const themeName = useTheme()?.name;
  const tenantName = useSession((s) => s.tenant?.name ?? null);
  return themeName?.trim() || tenantName;
}
