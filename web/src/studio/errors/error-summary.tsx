// Every problem of the item, each a button that takes focus to the control it is about.
import type { ConfigError } from "@shared/config/issues";
import { useErrors } from "./errors-context";

export function ErrorSummary({ errors, title }: { errors: ConfigError[]; title?: string }) {
  const { focus } = useErrors();
  if (errors.length === 0) return null;
  const heading = title ?? `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix before publishing`;
  return (
    <section className="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary-title">
        {heading}
      </h2>
      <ul className="error-summary-list">
        {errors.map((error, i) => (
          <li key={`${error.path}-${i}`}>
            <button type="button" className="link-button" onClick={() => focus(error.path)}>
              {error.path ? <code>{error.path}</code> : <span className="muted">this item</span>}
            </button>{" "}
            {error.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
