// ⌘K / Ctrl+K: one box to find a record of any entity, open a page or start a new record.
// A combobox over a listbox: arrows move, Enter opens, Escape closes; the active option is
// announced through aria-activedescendant, focus stays in the input.
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import { searchRecords, type SearchHit } from "../../api/search";
import { entitySingular } from "../../pages/crm/entity-guard";
import { useRecentStore } from "../../state/recent-records";
import { useRuntimeConfigStore } from "../../state/runtime-config";
import { useSession } from "../../state/session";
import { matches, type PaletteGroup, type PaletteItem, staticItems } from "./palette-items";

const SEARCH_DELAY_MS = 150;
const GROUPS: PaletteGroup[] = ["Records", "Actions", "Pages"];

export function CommandPalette({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const role = useSession((s) => s.role);
  const userId = useSession((s) => s.user?.id ?? "");
  const recent = useRecentStore((s) => s.byUser[userId]);
  const [query, setQuery] = useState("");
  const [cursor, setCursor] = useState({ key: "", index: 0 });
  const records = useRecordSearch(query);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const items = useMemo(() => {
    const q = query.trim();
    const rest = staticItems(snapshot, role)
      .filter((i) => !q || matches(i.label, q))
      .slice(0, q ? 8 : 12);
    // Before anything is typed: the records opened lately.
    const found = q
      ? (records.hits ?? [])
      : (recent ?? []).slice(0, 5).map((r) => ({ entity: r.entity, id: r.id, title: r.title }));
    const hits: PaletteItem[] = found.map((h) => ({
      id: `record:${h.entity}/${h.id}`,
      group: "Records",
      label: h.title || `#${h.id}`,
      hint: entitySingular(snapshot, h.entity),
      to: `/crm/${h.entity}/${encodeURIComponent(h.id)}`,
    }));
    return [...hits, ...rest].sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  }, [query, records.hits, snapshot, role, recent]);

  // A new list starts at its first option, decided in the same render (no effect to race a key press).
  const key = items.map((i) => i.id).join("|");
  const active = cursor.key === key ? Math.min(cursor.index, Math.max(items.length - 1, 0)) : 0;
  const setActive = (next: number | ((a: number) => number)) =>
    setCursor({ key, index: typeof next === "function" ? next(active) : next });
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: "nearest" });
  }, [active, listId]);

  const open = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    void navigate(item.to);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const last = items.length - 1;
    if (event.key === "ArrowDown") setActive((a) => (a >= last ? 0 : a + 1));
    else if (event.key === "ArrowUp") setActive((a) => (a <= 0 ? last : a - 1));
    else if (event.key === "Home") setActive(0);
    else if (event.key === "End") setActive(last);
    else if (event.key === "Enter") open(items[active]);
    else if (event.key === "Escape") onClose();
    else if (event.key === "Tab") {
      /* focus stays in the palette */
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const activeId = items[active] ? `${listId}-${active}` : undefined;
  return createPortal(
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search and commands" onKeyDown={onKeyDown}>
        <div className="palette-search">
          <span className="palette-glass" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={inputRef}
            className="palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={activeId}
            aria-autocomplete="list"
            aria-label="Search records, pages and actions"
            placeholder="Search records, pages and actions…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <kbd className="kbd">Esc</kbd>
        </div>
        <ul className="palette-list" id={listId} role="listbox" aria-label="Results">
          {items.map((item, i) => {
            const first = i === 0 || items[i - 1]!.group !== item.group;
            return (
              <li
                key={item.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`palette-option${first ? " palette-option-first" : ""}`}
                data-group={first ? item.group : undefined}
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => open(item)}
              >
                <span className="palette-label">{item.label}</span>
                {item.hint && <span className="palette-hint">{item.hint}</span>}
              </li>
            );
          })}
        </ul>
        <p className="palette-status" role="status" aria-live="polite">
          {records.error
            ? `Search failed: ${records.error}`
            : records.loading
              ? "Searching…"
              : query.trim() && items.length === 0
                ? `Nothing matches “${query.trim()}”`
                : query.trim() && records.hits
                  ? `${records.hits.length} record${records.hits.length === 1 ? "" : "s"}`
                  : "Type to search every record you can read"}
          <span className="palette-keys" aria-hidden="true">
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> move · <kbd className="kbd">↵</kbd> open
          </span>
        </p>
      </div>
    </div>,
    document.body,
  );
}

/** Search-as-you-type, debounced; only the latest query's answer is kept. */
function useRecordSearch(query: string) {
  const [state, setState] = useState<{ hits: SearchHit[] | null; loading: boolean; error: string | null }>({
    hits: null,
    loading: false,
    error: null,
  });
  useEffect(() => {
    const q = query.trim();
    if (!q) return setState({ hits: null, loading: false, error: null });
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    const timer = setTimeout(() => {
      searchRecords(q, 8, controller.signal).then(
        (hits) => setState({ hits, loading: false, error: null }),
        (e: unknown) => !controller.signal.aborted && setState({ hits: null, loading: false, error: errorMessage(e) }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return state;
}
