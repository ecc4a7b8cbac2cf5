// Workspace members as choices for user pickers; loaded once per visit to the Studio.
import { useEffect, useState } from "react";
import { listMembers } from "../../api/members";
import type { Choice } from "../snapshot-queries";

let cache: Promise<Choice[]> | null = null;

function loadChoices(): Promise<Choice[]> {
  cache ??= listMembers()
    .then((members) => members.map((m) => ({ value: m.user.id, label: `${m.user.name} (${m.user.email})` })))
    .catch(() => {
      cache = null; // try again next time; pickers fall back to typed ids
      return [];
    });
  return cache;
}

export function useMemberChoices(): Choice[] {
  const [choices, setChoices] = useState<Choice[]>([]);
  useEffect(() => {
    let live = true;
    void loadChoices().then((c) => live && setChoices(c));
    return () => {
      live = false;
    };
  }, []);
  return choices;
}
