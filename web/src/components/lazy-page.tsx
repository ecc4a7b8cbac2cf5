// A page whose code loads on first use. Once its module is here (a loader or a hover preloaded
// it, or it was shown before), the page renders at once: no Suspense fallback, so React's
// throttle on revealing a suspended boundary (~300 ms) never delays a navigation.
import { type ComponentType, lazy, Suspense } from "react";
import { Loading } from "./status";

export type LazyPage = ComponentType & { preload: () => Promise<ComponentType> };

export function lazyPage(load: () => Promise<ComponentType>, label: string): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        loading = undefined; // a failed chunk may be asked for again
        throw error;
      },
    ));
  const Suspended = lazy(async () => ({ default: await preload() }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page at module scope, never in render
  function Page() {
    const Loaded = loaded;
    if (Loaded) return <Loaded />;
    return (
      <Suspense fallback={<Loading label={label} />}>
        <Suspended />
      </Suspense>
    );
  }
  return Object.assign(Page, { preload });
}
