import { Link } from "react-router";
import { useTheme } from "../state/config-hooks";
import { useTenantName } from "../lib/use-document-title";
import { ConnectionIndicator } from "./connection-indicator";
import { ModeToggle } from "./mode-toggle";
import { NotificationBell } from "./notification-bell";
import { PaletteButton } from "./palette/palette-host";
import { UserMenu } from "./user-menu";

export function TopBar({ navId, navOpen, onToggleNav }: { navId: string; navOpen: boolean; onToggleNav: () => void }) {
  const tenantName = useTenantName() ?? "Pulse-8";
  const logoUrl = useTheme()?.logoUrl;
  const safeLogo = typeof logoUrl === "string" && /^https?:\/\//.test(logoUrl) ? logoUrl : null;

  return (
    <header className="top-bar">
      <button
        type="button"
        className="icon-button nav-toggle"
        aria-expanded={navOpen}
        aria-controls={navId}
        onClick={onToggleNav}
      >
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">Navigation</span>
      </button>
      <Link to="/crm" className="brand">
        {safeLogo ? (
          <img src={safeLogo} alt="" className="brand-logo" />
        ) : (
          <span className="brand-mark" aria-hidden="true" />
        )}
        <span className="brand-name">{tenantName}</span>
      </Link>
      <PaletteButton />
      <div className="top-bar-end">
        <ConnectionIndicator />
        <ModeToggle />
        <NotificationBell />
        <UserMenu />
      </div>
    </header>
  );
}
