// One record, kept current: refetched when the socket says it changed; gone when deleted.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../../api/client";
import { getRecord } from "../../../api/records";
import type { CrmRecord } from "../../../api/types";
import { subscribeRealtime } from "../../../state/realtime";

interface RecordState {
  record?: CrmRecord;
  status: "loading" | "ready" | "error";
  error: unknown;
  deleted: boolean;
}

export function useRecord(entity: string, id: string) {
  const [state, setState] = useState<RecordState>({ status: "loading", error: null, deleted: false });
  const generation = useRef(0);

  const load = useCallback((initial: boolean) => {
    const gen = ++generation.current;
    if (initial) setState({ status: "loading", error: null, deleted: false });
    getRecord(entity, id).then(
      (record) => gen === generation.current && setState((s) => ({
        ...s, status: "ready", error: null,
        // Never step back to an older version than one already shown (a slow response).
        record: s.record && s.record.id === record.id && s.record.version > record.version ? s.record : record,
      })),
      (error: unknown) => {
        if (gen !== generation.current) return;
        if (!initial && error instanceof ApiError && error.status === 404) setState((s) => ({ ...s, deleted: true }));
        else if (initial) setState({ status: "error", error, deleted: false });
      },
    );
  }, [entity, id]);

  useEffect(() => load(true), [load]);

  useEffect(() => subscribeRealtime((message) => {
    if (message.type !== "record.changed" || message.entity !== entity || message.id !== id) return;
    if (message.op === "deleted") setState((s) => ({ ...s, deleted: true }));
    else load(false);
  }), [entity, id, load]);

  const setRecord = useCallback((record: CrmRecord) => {
    generation.current += 1; // a fetch already under way would bring an older version
    setState((s) => ({ ...s, status: "ready", record }));
  }, []);

  return { ...state, reload: useCallback(() => load(false), [load]), setRecord };
}
