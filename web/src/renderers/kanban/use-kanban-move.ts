// Moving a card: shown at once (optimistic, through useMutation), then the server decides. A
// transition it refuses (409 invalid_transition, 403, 422) puts the card back and says why; a stale
// edit (412) puts it back and asks: their version, or this move again over it.
import { useMutation } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/client";
import { getRecord, transitionRecord, updateRecord } from "../../api/records";
import type { CrmRecord } from "../../api/types";
import { queryClient } from "../../state/server-state";
import { isVersionConflict } from "../form/submit-errors";
import type { RecordList } from "../shared/use-record-list";
import { laneOf, laneValue, withLane } from "./kanban-lanes";

export interface MoveOptions {
  entity: string;
  groupBy: string;
  list: Pick<RecordList, "items" | "update" | "put">;
  laneLabel(lane: string): string;
  title(record: CrmRecord): string;
}

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function refusal(error: unknown, title: string, from: string, to: string): string {
  const back = `“${title}” is back in ${from}.`;
  if (error instanceof ApiError) {
    if (error.status === 409) return `Can't move “${title}” from ${from} to ${to}: ${sentence(error.message)} ${back}`;
    if (error.status === 403) return `You're not allowed to move “${title}” to ${to}. ${back}`;
    if (error.status === 412) return `“${title}” was changed by someone else meanwhile. ${back} Try again.`;
    if (error.status === 422) {
      const problems = [error.message, ...error.details.map((d) => `${d.path ?? ""} ${d.message}`.trim())];
      return `“${title}” can't go to ${to} yet: ${sentence(problems.join("; "))} ${back}`;
    }
  }
  return `Couldn't move “${title}”: ${sentence(errorMessage(error))} ${back}`;
}

interface Move {
  record: CrmRecord;
  to: string;
}

/**
 * A move refused because the card changed meanwhile (412): the card as it was, where it was going, theirs once
 * read.
 */
export interface MoveConflict extends Move {
  theirs: CrmRecord | null;
}

export function useKanbanMove({ entity, groupBy, list, laneLabel, title }: MoveOptions) {
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<MoveConflict | null>(null);
  const moving = useRef(new Set<string>());
  const latest = useRef(list);
  latest.current = list;

  // The card moves at once (onMutate writes the list's cache); a refusal puts it back.
  const { mutateAsync } = useMutation(
    {
      mutationFn: ({ record, to }: Move) =>
        groupBy === "status"
          ? transitionRecord(entity, record.id, to)
          : updateRecord(entity, record.id, { [groupBy]: laneValue(to) }, record.version),
      onMutate: ({ record, to }: Move) => {
        setMessage(null);
        latest.current.update(record.id, (r) => withLane(r, groupBy, to));
      },
      onError: (error, { record, to }) => {
        latest.current.put(record);
        if (!isVersionConflict(error))
          return setMessage(refusal(error, title(record), laneLabel(laneOf(record, groupBy)), laneLabel(to)));
        setConflict({ record, to, theirs: null });
        getRecord(entity, record.id).then(
          (theirs) => setConflict((c) => (c?.record.id === record.id ? { ...c, theirs } : c)),
          () => {}, // the prompt still offers both choices
        );
      },
      onSuccess: (saved) => latest.current.put(saved),
    },
    queryClient,
  );

  const send = useCallback(
    async (record: CrmRecord, to: string): Promise<boolean> => {
      moving.current.add(record.id);
      try {
        await mutateAsync({ record, to });
        return true;
      } catch {
        return false;
      } finally {
        moving.current.delete(record.id);
      }
    },
    [mutateAsync],
  );

  const move = useCallback(
    async (id: string, to: string): Promise<boolean> => {
      const record = latest.current.items.find((r) => r.id === id);
      if (!record || moving.current.has(id) || laneOf(record, groupBy) === to) return false;
      return send(record, to);
    },
    [groupBy, send],
  );

  /** The conflict's choices: their card as it is now, or this move again over their version. */
  const keepTheirs = useCallback(async () => {
    if (!conflict) return;
    setConflict(null);
    try {
      latest.current.put(conflict.theirs ?? (await getRecord(entity, conflict.record.id)));
    } catch (error) {
      setMessage(`Couldn't load “${title(conflict.record)}”: ${sentence(errorMessage(error))}`);
    }
  }, [conflict, entity, title]);
  const reapply = useCallback(async () => {
    if (!conflict) return;
    setConflict(null);
    try {
      const theirs = await getRecord(entity, conflict.record.id);
      latest.current.put(theirs);
      return send(theirs, conflict.to);
    } catch (error) {
      setMessage(`Couldn't move “${title(conflict.record)}”: ${sentence(errorMessage(error))}`);
      return false;
    }
  }, [conflict, entity, send, title]);

  return {
    move,
    message,
    dismiss: useCallback(() => setMessage(null), []),
    conflict,
    keepTheirs,
    reapply,
    cancelConflict: useCallback(() => setConflict(null), []),
  };
}
