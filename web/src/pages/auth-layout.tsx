import type { ReactNode } from "react";
import { ModeToggle } from "../layout/mode-toggle";
import { useDocumentTitle } from "../lib/use-document-title";

/** The frame of the signed-out pages: a centered card. */
export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="auth-shell">
      <header className="auth-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Pulse-8</span>
        </span>
        <ModeToggle />
      </header>
      <main className="auth-main" id="main">
        <div className="auth-card">
          <h1 className="auth-title">{title}</h1>
          {children}
        </div>
        <p className="auth-footer">{footer}</p>
      </main>
    </div>
  );
}
