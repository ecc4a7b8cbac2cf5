// A view's records for one query (view, sort, q, where): first page, keyset "load more", and live
// updates. On `record.changed` the row is asked for again *through the same query* (plus
// `id = <id>`), so a record that no longer matches the view leaves it; deletes just leave.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Condition } from "@shared/config/condition";
import { listRecords } from "../../api/records";
import type { CrmRecord } from "../../api/types";
import { subscribeRealtime } from "../../state/realtime";

export interface ListParams {
  view?: string;
  sort?: string;
  q?: string;
  where?: Condition | null;
  limit?: number;
}

interface ListState {
  items: CrmRecord[];
  nextCursor: string | null;
  status: "loading" | "ready" | "error";
  error: unknown;
  loadingMore: boolean;
  moreError: unknown;
}

export interface RecordList extends ListState {
  loadMore(): void;
  reload(): void;
  /** Change a row locally (optimistic updates); the server's answer replaces it later. */
  update(id: string, change: (record: CrmRecord) => CrmRecord): void;
  /** Put the server's version of a row in place. */
  put(record: CrmRecord): void;
}

const initial: ListState = {
  items: [],
  nextCursor: null,
  status: "loading",
  error: null,
  loadingMore: false,
  moreError: null,
};
// Past this many changed rows at once, one fresh first page is cheaper than a request per row.
const MAX_ROW_REFRESHES = 10;

const withId = (where: Condition | null | undefined, id: string): Condition =>
  where ? { all: [where, { field: "id", op: "eq", value: id }] } : { field: "id", op: "eq", value: id };

export function useRecordList(entity: string, params: ListParams): RecordList {
  const [state, setState] = useState<ListState>(initial);
  const key = JSON.stringify([entity, params]);
  const generation = useRef(0);
  const query = useRef({ entity, params });
  query.current = { entity, params };

  const loadFirst = useCallback((soft: boolean) => {
    const gen = ++generation.current;
    const { entity: e, params: p } = query.current;
    if (!soft) setState((s) => ({ ...initial, items: s.items }));
    listRecords(e, p).then(
      (page) =>
        gen === generation.current &&
        setState({ ...initial, status: "ready", items: page.items ?? [], nextCursor: page.nextCursor ?? null }),
      (error: unknown) => gen === generation.current && setState((s) => (soft ? s : { ...s, status: "error", error })),
    );
  }, []);

  useEffect(() => loadFirst(false), [key, loadFirst]);

  const put = useCallback((record: CrmRecord, atTop = false) => {
    setState((s) => {
      const at = s.items.findIndex((r) => r.id === record.id);
      if (at < 0) return atTop ? { ...s, items: [record, ...s.items] } : s;
      const items = [...s.items];
      items[at] = record;
      return { ...s, items };
    });
  }, []);
  const remove = useCallback(
    (id: string) => setState((s) => ({ ...s, items: s.items.filter((r) => r.id !== id) })),
    [],
  );

  const refreshRow = useCallback(
    async (id: string) => {
      const gen = generation.current;
      const { entity: e, params: p } = query.current;
      try {
        const page = await listRecords(e, { view: p.view, q: p.q, where: withId(p.where, id), limit: 1 });
        if (gen !== generation.current) return;
        const record = page.items?.[0];
        if (record) put(record, true);
        else remove(id);
      } catch {
        // A failed refresh leaves the row as it was; the next change or reload catches up.
      }
    },
    [put, remove],
  );

  useEffect(() => {
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const ids = [...pending];
      pending.clear();
      if (ids.length > MAX_ROW_REFRESHES) loadFirst(true);
      else ids.forEach((id) => void refreshRow(id));
    };
    const unsubscribe = subscribeRealtime((message) => {
      if (message.type !== "record.changed" || message.entity !== entity) return;
      if (message.op === "deleted") return remove(message.id);
      pending.add(message.id);
      clearTimeout(timer);
      timer = setTimeout(flush, 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [entity, key, loadFirst, refreshRow, remove]);

  const current = useRef(state);
  current.current = state;
  const loadMore = useCallback(() => {
    const { nextCursor, loadingMore } = current.current;
    if (!nextCursor || loadingMore) return;
    const gen = generation.current;
    const { entity: e, params: p } = query.current;
    setState((s) => ({ ...s, loadingMore: true, moreError: null }));
    listRecords(e, { ...p, cursor: nextCursor }).then(
      (page) =>
        gen === generation.current &&
        setState((s) => ({
          ...s,
          loadingMore: false,
          // A row that moved while paging may come twice; keep the first.
          items: [...s.items, ...(page.items ?? []).filter((r) => !s.items.some((x) => x.id === r.id))],
          nextCursor: page.nextCursor ?? null,
        })),
      (moreError: unknown) => gen === generation.current && setState((s) => ({ ...s, loadingMore: false, moreError })),
    );
  }, []);

  const update = useCallback((id: string, change: (record: CrmRecord) => CrmRecord) => {
    setState((s) => ({ ...s, items: s.items.map((r) => (r.id === id ? change(r) : r)) }));
  }, []);

  return {
    ...state,
    loadMore,
    reload: useCallback(() => loadFirst(false), [loadFirst]),
    update,
    put: useCallback((r: CrmRecord) => put(r), [put]),
  };
}
