// The builders, the publish review and the new-item flow load on first use: they bring the
// config schemas (zod) and drag and drop, which the CRM pages don't need.
import { type ComponentType, lazy, Suspense } from "react";
import { Loading } from "../../components/status";

function lazyPage(load: () => Promise<ComponentType>, label: string): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page at module scope, never in render
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading label={label} />}>
        <Page />
      </Suspense>
    );
  };
}

export const LazyItemPage = lazyPage(() => import("./item-page").then((m) => m.ItemPage), "Loading the builder…");
export const LazyNewItemPage = lazyPage(() => import("./new-item-page").then((m) => m.NewItemPage), "Loading…");
export const LazyPublishPage = lazyPage(() => import("./publish-page").then((m) => m.PublishPage), "Loading…");
