import type { ReactNode } from "react";
import { useDocumentTitle } from "../lib/use-document-title";

/** The page's h1 (focused after navigation) and its actions; `titleKey` is a small technical name beside the title. */
export function PageHeader({
  title,
  titleKey,
  description,
  actions,
}: {
  title: string;
  titleKey?: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <div>
        <h1 className="page-title">
          {title}
          {titleKey && (
            <>
              {" "}
              <small className="page-title-key">{titleKey}</small>
            </>
          )}
        </h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
