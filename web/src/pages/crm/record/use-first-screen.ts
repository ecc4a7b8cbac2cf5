// The record page's first screen is the record, its related lists and the first timeline page.
// The side panels (briefing, SLA, approvals, activities) ask only once those have their answers,
// so their four requests don't queue in front of them at the tenant's object; if the first screen
// is slow, they ask after a short wait anyway.
import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryClient } from "../../../state/server-state";
import { recordKey } from "./queries";

const AT_MOST_MS = 1500;

export function useFirstScreenDone(entity: string, id: string): boolean {
  const fetching = useIsFetching({ queryKey: recordKey(entity, id) }, queryClient);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done) return;
    if (fetching === 0) return setDone(true);
    const timer = setTimeout(() => setDone(true), AT_MOST_MS);
    return () => clearTimeout(timer);
  }, [done, fetching]);
  return done;
}
