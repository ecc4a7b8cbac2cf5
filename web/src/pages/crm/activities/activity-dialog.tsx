// Create or edit an activity: a task, call, meeting or note, with a due time, an assignee and
// a reminder. On a record page it hangs off that record; on My activities it may stand alone.
import { type FormEvent, useState } from "react";
import type { Activity } from "../../../api/crm-types";
import { errorMessage } from "../../../api/client";
import { type ActivityType, createActivity, updateActivity } from "../../../api/work";
import { Dialog } from "../../../components/dialog";
import { Field, SelectField, TextField } from "../../../components/field";
import { Alert } from "../../../components/status";
import { usePeople } from "../../../renderers/shared/members";
import { useSession } from "../../../state/session";

const TYPES: Array<{ value: ActivityType; label: string }> = [
  { value: "task", label: "Task" },
  { value: "call", label: "Call" },
  { value: "meeting", label: "Meeting" },
  { value: "note", label: "Note" },
];

interface ActivityDialogProps {
  /** Editing this one; absent: a new activity. */
  activity?: Activity;
  /** The record a new activity is about. */
  about?: { entity: string; recordId: string; title?: string };
  onClose(): void;
  onSaved(activity: Activity): void;
}

/** ISO instant ⇄ the value of an <input type="datetime-local"> (the browser's own time zone). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

export function ActivityDialog({ activity, about, onClose, onSaved }: ActivityDialogProps) {
  const me = useSession((s) => s.user?.id ?? "");
  const people = usePeople();
  const [title, setTitle] = useState(activity?.title ?? "");
  const [type, setType] = useState<ActivityType>((activity?.type as ActivityType | undefined) ?? "task");
  const [dueAt, setDueAt] = useState(toLocalInput(activity?.dueAt));
  const [remindAt, setRemindAt] = useState(toLocalInput(activity?.remindAt));
  const [assigneeId, setAssigneeId] = useState(activity ? (activity.assigneeId ?? "") : me);
  const [notes, setNotes] = useState(activity?.notes ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setTitleError("Give the activity a title");
    setTitleError(null);
    setError(null);
    setBusy(true);
    const values = {
      title: title.trim(),
      type,
      notes: notes.trim() || null,
      assigneeId: assigneeId || null,
      dueAt: fromLocalInput(dueAt),
      remindAt: fromLocalInput(remindAt),
    };
    try {
      const saved = activity
        ? await updateActivity(activity.id, values)
        : await createActivity({
            ...values,
            notes: values.notes ?? undefined,
            ...(about ? { entity: about.entity, recordId: about.recordId } : {}),
          });
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={activity ? "Edit activity" : about?.title ? `New activity for ${about.title}` : "New activity"}
      onClose={onClose}
      closable={!busy}
    >
      <form className="form activity-form" onSubmit={(e) => void submit(e)} noValidate>
        {error && <Alert>{error}</Alert>}
        <div className="segmented activity-types" role="radiogroup" aria-label="Type">
          {TYPES.map((t) => (
            <button
              key={t.value}
              type="button"
              role="radio"
              aria-checked={type === t.value}
              className="segmented-option"
              onClick={() => setType(t.value)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={titleError}
          autoFocus
          maxLength={300}
          placeholder={
            type === "call" ? "Call about the renewal" : type === "meeting" ? "Quarterly review" : "Follow up"
          }
        />
        <div className="form form-grid">
          <TextField label="Due" type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
          <TextField
            label="Reminder"
            type="datetime-local"
            value={remindAt}
            onChange={(e) => setRemindAt(e.target.value)}
            hint="You get a notification then"
          />
        </div>
        <SelectField label="Assignee" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          <option value="">Nobody</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === me ? `${p.name} (you)` : p.name}
            </option>
          ))}
        </SelectField>
        <Field label="Notes">
          {(a11y) => (
            <textarea className="input" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} {...a11y} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Saving…" : activity ? "Save activity" : "Add activity"}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
