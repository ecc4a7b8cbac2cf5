// Panels of the record page take a `refresh` value that changes when the record was saved or work
// was added to it; a change (not the first value) asks the server again.
import { useEffect, useRef } from "react";

export function useRefetchOnChange(refresh: unknown, refetch: () => unknown): void {
  const seen = useRef(refresh);
  useEffect(() => {
    if (Object.is(seen.current, refresh)) return;
    seen.current = refresh;
    refetch();
  }, [refresh, refetch]);
}
