// Builder / JSON tabs (arrow keys move between them, as in any tab list).
import type { KeyboardEvent, ReactNode } from "react";

export type EditorTab = "builder" | "json";
const TABS: Array<{ id: EditorTab; label: string }> = [
  { id: "builder", label: "Builder" },
  { id: "json", label: "JSON" },
];

export function EditorTabs({
  tab,
  onTab,
  children,
}: {
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
  children: ReactNode;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!.id;
    onTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Editor" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            className="tab tab-button"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1} className="tab-panel">
        {children}
      </div>
    </>
  );
}
