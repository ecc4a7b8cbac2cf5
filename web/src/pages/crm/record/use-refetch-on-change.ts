// Panels of the record page take a `refresh` value that changes when the record was saved or work
// was added to it; a change (not the first value) asks the server again. `null` means "not known
// yet" (the record is still loading): the first value after it is a first value, not a change.
import { useEffect, useRef } from "react";

export function useRefetchOnChange(refresh: unknown, refetch: () => unknown): void {
  const seen = useRef(refresh);
  useEffect(() => {
    if (Object.is(seen.current, refresh)) return;
    const known = seen.current !== null;
    seen.current = refresh;
    if (known) refetch();
  }, [refresh, refetch]);
}
