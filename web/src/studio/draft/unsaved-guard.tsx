// Leaving with unsaved changes asks first (in-app navigation and closing the tab).
import { useEffect } from "react";
import { useBlocker } from "react-router";

export function UnsavedGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  if (blocker.state !== "blocked") return null;
  return (
    <div className="alert alert-warning" role="alertdialog" aria-label="Unsaved changes">
      <span>You have unsaved changes. Leave without saving?</span>{" "}
      <button type="button" className="button button-small button-danger" onClick={() => blocker.proceed()}>
        Leave
      </button>{" "}
      <button type="button" className="button button-small" autoFocus onClick={() => blocker.reset()}>
        Stay
      </button>
    </div>
  );
}
