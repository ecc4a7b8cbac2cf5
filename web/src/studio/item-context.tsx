// Where the builder being shown lives, and the configuration it is checked against: the
// published snapshot with every pending draft applied, including this item's unsaved edits.
import { createContext, useContext } from "react";
import type { Namespace } from "@shared/config/namespaces";
import type { Snapshot } from "@shared/config/snapshot";

export interface ItemContextValue {
  namespace: Namespace;
  entity: string;
  key: string;
  snapshot: Snapshot;
}

const ItemContext = createContext<ItemContextValue>({ namespace: "form", entity: "", key: "", snapshot: {} });

export const ItemContextProvider = ItemContext.Provider;

export function useItemContext(): ItemContextValue {
  return useContext(ItemContext);
}
