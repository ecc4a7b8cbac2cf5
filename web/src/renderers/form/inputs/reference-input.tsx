// A searchable picker over another entity's records (GET /api/crm/<entity>?q=…&limit=10),
// labelled by the target's first text field. ARIA combobox with a listbox of options.
import { type KeyboardEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import { listRecords } from "../../../api/records";
import { isFormConfig } from "../../../config/types";
import { useRuntimeConfigStore } from "../../../state/runtime-config";
import { recordTitle } from "../../shared/columns";
import { rememberLabel, useRecordLabel } from "../../shared/record-labels";
import { controlProps, type InputProps } from "./input-props";

interface Option {
  id: string;
  label: string;
}

function useSearch(entity: string, query: string | null) {
  const form = useRuntimeConfigStore((s) => s.snapshot?.form?.[entity]?.default);
  const [state, setState] = useState<{ options: Option[]; status: "idle" | "loading" | "error" }>({
    options: [],
    status: "idle",
  });
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, status: "loading" }));
      listRecords(entity, { q: query.trim() || undefined, limit: 10 }, controller.signal).then(
        (page) => {
          const options = (page.items ?? []).map((r) => ({
            id: r.id,
            label: recordTitle(r, isFormConfig(form) ? form : undefined),
          }));
          options.forEach((o) => rememberLabel(entity, o.id, o.label));
          setState({ options, status: "idle" });
        },
        () => !controller.signal.aborted && setState({ options: [], status: "error" }),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [entity, query, form]);
  return state;
}

export function ReferenceInput(p: InputProps) {
  const entity = p.field.entity ?? "";
  const id = typeof p.value === "string" ? p.value : "";
  const label = useRecordLabel(entity, id || null);
  const shown = id ? (label ?? (label === undefined ? "Loading…" : `#${id}`)) : "";
  const [query, setQuery] = useState<string | null>(null); // null: the list is closed
  const [active, setActive] = useState(0);
  const { options, status } = useSearch(entity, query);
  const listId = `${p.id}-options`;
  const open = query !== null;

  const pick = (option: Option) => {
    p.onChange(option.id);
    setQuery(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setQuery("");
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(options.length - 1, a + step)));
    } else if (event.key === "Enter" && open) {
      event.preventDefault(); // choosing is not submitting
      const option = options[active];
      if (option) pick(option);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setQuery(null);
    }
  };

  if (p.readOnly) {
    return (
      <span className="reference-readonly">
        <input className="input" value={shown || "—"} readOnly {...controlProps(p)} />
        {id && <Link to={`/crm/${entity}/${encodeURIComponent(id)}`}>Open</Link>}
      </span>
    );
  }

  return (
    <div className="combobox">
      <div className="combobox-row">
        <input
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
          placeholder={p.field.placeholder ?? "Search…"}
          value={query ?? shown}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          {...controlProps(p)}
          onBlur={() => {
            setQuery(null);
            p.onBlur();
          }}
        />
        {id && (
          <button
            type="button"
            className="button button-small"
            onClick={() => p.onChange("")}
            aria-label={`Clear ${p.field.label}`}
          >
            Clear
          </button>
        )}
      </div>
      {open && (
        <ul className="combobox-list" role="listbox" id={listId} aria-label={`${p.field.label} options`}>
          {status === "loading" && options.length === 0 && <li className="combobox-note">Searching…</li>}
          {status === "error" && <li className="combobox-note">Couldn't search {entity}.</li>}
          {status === "idle" && options.length === 0 && <li className="combobox-note">No matches</li>}
          {options.map((option, i) => (
            <li
              key={option.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="combobox-option"
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
