// One record, kept current: refetched when the socket says it changed (state/server-state.ts);
// gone when deleted.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../../api/client";
import type { CrmRecord } from "../../../api/types";
import { subscribeRealtime } from "../../../state/realtime";
import { recordQuery } from "./queries";

export function useRecord(entity: string, id: string) {
  const client = useQueryClient();
  const query = useQuery(recordQuery(entity, id));
  const [deletedLive, setDeletedLive] = useState(false);

  useEffect(
    () =>
      subscribeRealtime((message) => {
        if (
          message.type === "record.changed" &&
          message.entity === entity &&
          message.id === id &&
          message.op === "deleted"
        ) {
          setDeletedLive(true);
        }
      }),
    [entity, id],
  );

  const { queryKey } = recordQuery(entity, id);
  const setRecord = useCallback(
    (record: CrmRecord) => {
      void client.cancelQueries({ queryKey, exact: true }); // a fetch already under way would bring an older version
      client.setQueryData(queryKey, record);
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the key follows entity and id
    },
    [client, entity, id],
  );
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);

  // Shown once, then a 404: someone deleted it (or it stopped being visible to us).
  const vanished = query.data !== undefined && query.error instanceof ApiError && query.error.status === 404;
  return {
    record: query.data,
    status: query.data !== undefined ? ("ready" as const) : query.isError ? ("error" as const) : ("loading" as const),
    error: query.data !== undefined ? null : query.error,
    deleted: deletedLive || vanished,
    reload,
    setRecord,
  };
}
