// The signed-in frame: top bar, side navigation, main content.
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Outlet, useLocation } from "react-router";
import { useSession } from "../state/session";
import { PaletteHost } from "./palette/palette-host";
import { SandboxBanner } from "./sandbox-banner";
import { SideNav } from "./side-nav";
import { TopBar } from "./top-bar";

export function AppLayout({ children }: { children?: ReactNode }) {
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  const sandbox = useSession((s) => Boolean(s.tenant?.sandboxOf));

  // After a client-side navigation, move focus to the new content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    setNavOpen(false);
  }, [pathname]);

  return (
    <div className="app-shell" data-nav-open={navOpen || undefined} data-sandbox={sandbox || undefined}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar navId="side-nav" navOpen={navOpen} onToggleNav={() => setNavOpen((o) => !o)} />
      <SandboxBanner />
      <div className="app-body">
        <SideNav id="side-nav" />
        {navOpen && <div className="nav-scrim" aria-hidden="true" onClick={() => setNavOpen(false)} />}
        <main id="main" className="main" ref={mainRef} tabIndex={-1}>
          {children ?? <Outlet />}
        </main>
      </div>
      <PaletteHost />
    </div>
  );
}
