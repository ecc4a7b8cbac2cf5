// Move focus to the control an error path points at, or the nearest control above it.
import { controlId, parentPath } from "../paths";

function openAncestors(element: HTMLElement): void {
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement && !node.open) node.open = true;
  }
}

/** True when a control was found (and focused). */
export function focusControl(path: string): boolean {
  let current = path;
  for (;;) {
    const element = document.getElementById(controlId(current));
    if (element) {
      openAncestors(element);
      element.focus();
      element.scrollIntoView?.({ block: "center", behavior: "smooth" });
      return true;
    }
    if (!current) return false;
    current = parentPath(current);
  }
}
