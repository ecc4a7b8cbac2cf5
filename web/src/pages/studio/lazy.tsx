// The builders, the publish review and the new-item flow load on first use: they bring the
// config schemas (zod) and drag and drop, which the CRM pages don't need.
import { lazyPage } from "../../components/lazy-page";

export const LazyItemPage = lazyPage(() => import("./item-page").then((m) => m.ItemPage), "Loading the builder…");
export const LazyNewItemPage = lazyPage(() => import("./new-item-page").then((m) => m.NewItemPage), "Loading…");
export const LazyPublishPage = lazyPage(() => import("./publish-page").then((m) => m.PublishPage), "Loading…");
