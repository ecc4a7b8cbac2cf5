// Pure edits of a workflow: renaming a step renames it wherever it is named.
import type { WorkflowConfig } from "@shared/config/workflow";
import { asList, removeAt, replaceAt } from "../../patch";

export type Step = WorkflowConfig["steps"][number];
export type Transition = WorkflowConfig["transitions"][number];

export function updateStep(wf: WorkflowConfig, index: number, step: Step): WorkflowConfig {
  const before = asList(wf.steps)[index]?.key;
  const steps = replaceAt(asList(wf.steps), index, step);
  if (before === undefined || before === step.key) return { ...wf, steps };
  const rename = (key: string) => (key === before ? step.key : key);
  return {
    ...wf,
    steps,
    initial: rename(wf.initial),
    transitions: asList(wf.transitions).map((t) => ({ ...t, from: rename(t.from), to: rename(t.to) })),
  };
}

/** Removing a step removes the transitions into and out of it. */
export function removeStep(wf: WorkflowConfig, index: number): WorkflowConfig {
  const gone = asList(wf.steps)[index]?.key;
  return {
    ...wf,
    steps: removeAt(asList(wf.steps), index),
    transitions: asList(wf.transitions).filter((t) => t.from !== gone && t.to !== gone),
  };
}
