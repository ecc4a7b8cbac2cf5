import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CrmRecord } from "../../api/types";

/**
 * A newer version of the record arrived (someone saved, a transition, our own save echoed back).
 * Without unsaved edits, or when the form already shows those values, it is taken; otherwise it
 * is held as `stale` so the form can say so and offer to load it.
 */
export function useRecordSync(
  record: CrmRecord | undefined,
  base: CrmRecord | undefined,
  dirty: boolean,
  matchesForm: (next: CrmRecord) => boolean,
  adopt: (next: CrmRecord) => void,
): CrmRecord | null {
  const [stale, setStale] = useState<CrmRecord | null>(null);
  const latest = useRef({ dirty, matchesForm, adopt });
  latest.current = { dirty, matchesForm, adopt };

  // A layout effect: it runs before the browser hands us another keystroke, so a reset for the new
  // version can never land on top of something typed in between.
  useLayoutEffect(() => {
    if (!record || !base || record.id !== base.id || record.version <= base.version) return;
    const { dirty: hasEdits, matchesForm: matches, adopt: take } = latest.current;
    if (!hasEdits || matches(record)) {
      take(record);
      setStale(null);
    } else {
      setStale(record);
    }
  }, [record, base]);

  // Once the form moved past the held version (taken, or saved over), the notice goes.
  useEffect(() => {
    if (stale && base && base.version >= stale.version) setStale(null);
  }, [stale, base]);

  return stale;
}
