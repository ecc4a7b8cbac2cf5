// React keys for the items of a config list. Items have no ids of their own (a field's name is
// being edited, two may be equal), yet a reordered card must keep its state and focus.
import { useMemo, useRef } from "react";
import { insertAt, moveItem, removeAt } from "../patch";

let counter = 0;
const nextKey = () => `k${++counter}`;

export interface StableKeys {
  keys: string[];
  /** Call these together with the matching edit of the list. */
  move(from: number, to: number): void;
  remove(index: number): void;
  insert(index: number): void;
}

export function useStableKeys(length: number): StableKeys {
  const ref = useRef<string[]>([]);
  // The list may also change elsewhere (the JSON view): keep as many keys as items.
  if (ref.current.length < length)
    ref.current = [...ref.current, ...Array.from({ length: length - ref.current.length }, nextKey)];
  if (ref.current.length > length) ref.current = ref.current.slice(0, length);
  const ops = useMemo(
    () => ({
      move: (from: number, to: number) => {
        ref.current = moveItem(ref.current, from, to);
      },
      remove: (index: number) => {
        ref.current = removeAt(ref.current, index);
      },
      insert: (index: number) => {
        ref.current = insertAt(ref.current, index, nextKey());
      },
    }),
    [],
  );
  return { keys: ref.current, ...ops };
}
