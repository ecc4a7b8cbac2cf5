// Saving the record page's form through useMutation: the record's cache takes the new values at
// once (the heading, status line and panels show them), a refused save puts the version back, and
// the form shows its own prompt (a 412: theirs, mine, or keep editing).
import { useMutation } from "@tanstack/react-query";
import { getRecord, updateRecord } from "../../../api/records";
import type { CrmRecord } from "../../../api/types";
import { queryClient } from "../../../state/server-state";
import { recordQuery } from "./queries";

interface Save {
  changes: Record<string, unknown>;
  /** The version the user edited; absent: save over whatever is newest. */
  version?: number;
}

export function useSaveRecord(entity: string, id: string) {
  const { queryKey } = recordQuery(entity, id);
  const { mutateAsync } = useMutation(
    {
      mutationFn: async ({ changes, version }: Save) =>
        updateRecord(entity, id, changes, version ?? (await getRecord(entity, id)).version),
      onMutate: async ({ changes }: Save) => {
        await queryClient.cancelQueries({ queryKey, exact: true }); // an answer under way would undo the new values
        const before = queryClient.getQueryData<CrmRecord>(queryKey);
        if (before) queryClient.setQueryData<CrmRecord>(queryKey, { ...before, data: { ...before.data, ...changes } });
        return { before };
      },
      onError: (_error, _save, context) => {
        const before = context?.before;
        // Put back only what this save wrote: a newer version that arrived meanwhile stays.
        if (before && queryClient.getQueryData<CrmRecord>(queryKey)?.version === before.version)
          queryClient.setQueryData(queryKey, before);
      },
      onSuccess: (saved) => queryClient.setQueryData(queryKey, saved),
    },
    queryClient,
  );
  return {
    /** Save the changes checked against the version the user edited (a 412 if someone saved first). */
    save: (changes: Record<string, unknown>, version: number) => mutateAsync({ changes, version }),
    /** After a 412: the same changes over the newest version. */
    overwrite: (changes: Record<string, unknown>) => mutateAsync({ changes }),
  };
}
