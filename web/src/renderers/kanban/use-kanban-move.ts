// Moving a card: shown at once (optimistic), then the server decides. A transition it refuses
// (409 invalid_transition, 403) or a stale edit (412) puts the card back and says why.
import { useCallback, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/client";
import { transitionRecord, updateRecord } from "../../api/records";
import type { CrmRecord } from "../../api/types";
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
    if (error.status === 422)
      return `“${title}” can't go to ${to} yet: ${sentence([error.message, ...error.details.map((d) => `${d.path ?? ""} ${d.message}`.trim())].join("; "))} ${back}`;
  }
  return `Couldn't move “${title}”: ${sentence(errorMessage(error))} ${back}`;
}

export function useKanbanMove({ entity, groupBy, list, laneLabel, title }: MoveOptions) {
  const [message, setMessage] = useState<string | null>(null);
  const moving = useRef(new Set<string>());
  const latest = useRef(list);
  latest.current = list;

  const move = useCallback(
    async (id: string, to: string): Promise<boolean> => {
      const record = latest.current.items.find((r) => r.id === id);
      if (!record || moving.current.has(id) || laneOf(record, groupBy) === to) return false;
      moving.current.add(id);
      setMessage(null);
      latest.current.update(id, (r) => withLane(r, groupBy, to));
      try {
        const saved =
          groupBy === "status"
            ? await transitionRecord(entity, id, to)
            : await updateRecord(entity, id, { [groupBy]: laneValue(to) }, record.version);
        latest.current.put(saved);
        return true;
      } catch (error) {
        latest.current.put(record);
        setMessage(refusal(error, title(record), laneLabel(laneOf(record, groupBy)), laneLabel(to)));
        return false;
      } finally {
        moving.current.delete(id);
      }
    },
    [entity, groupBy, laneLabel, title],
  );

  return { move, message, dismiss: useCallback(() => setMessage(null), []) };
}
