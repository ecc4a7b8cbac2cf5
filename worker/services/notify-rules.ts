import type { ApprovalConfig } from "../shared/config/approval";
import type { FormConfig } from "../shared/config/form";
import type { NotificationKind } from "../shared/protocol";
import { canRead } from "../shared/records/access";
import { recordTitle } from "../shared/records/title";
import { roleAtLeast, type Role } from "../shared/roles";

// Who is told what, as pure functions of an outbox event (or timer firing) and the members.
// Titles are rendered per recipient: a record is named only by a field the recipient's role
// may read, so a notification never carries a hidden value.

export type Member = { id: string; name: string; email: string; role: Role; active: boolean };
export type Draft = {
  userId: string;
  kind: NotificationKind;
  title: string;
  entity?: string;
  recordId?: string;
  cause: string;
};

type Values = Record<string, unknown> | null;

export function titleFor(form: FormConfig | undefined, member: Member, id: string, values: Values): string {
  return recordTitle({ id, data: values ?? {} }, form, member.role);
}

const entityLabel = (form: FormConfig | undefined, entity: string) => form?.title ?? entity;

/** A record handed to someone (its assignee or owner changed to them). */
export function assignmentDrafts(p: {
  entity: string;
  recordId: string;
  form: FormConfig | undefined;
  before: Values;
  after: Values;
  actorId: string | null;
  members: Member[];
}): Draft[] {
  const people = new Set<string>();
  for (const key of ["assignee", "ownerId"]) {
    const now = p.after?.[key];
    if (typeof now === "string" && now !== (p.before?.[key] ?? null)) people.add(now);
  }
  return recipients(p.members, [...people], p.actorId).map((m) => ({
    userId: m.id,
    kind: "assigned",
    entity: p.entity,
    recordId: p.recordId,
    cause: "assigned",
    title: `${entityLabel(p.form, p.entity)} assigned to you: ${titleFor(p.form, m, p.recordId, p.after)}`,
  }));
}

/** @mentions new in the record's text fields that the mentioned member may read. */
export function recordMentionDrafts(p: {
  entity: string;
  recordId: string;
  form: FormConfig | undefined;
  before: Values;
  after: Values;
  actorId: string | null;
  actorName: string;
  members: Member[];
}): Draft[] {
  const drafts: Draft[] = [];
  for (const field of p.form?.fields ?? []) {
    if (field.type !== "textarea") continue;
    const fresh = newMentions(p.members, p.before?.[field.name], p.after?.[field.name]);
    for (const m of recipients(p.members, fresh, p.actorId)) {
      if (!canRead(field, m.role)) continue;
      drafts.push({
        userId: m.id,
        kind: "mention",
        entity: p.entity,
        recordId: p.recordId,
        cause: `mention:${field.name}`,
        title: `${p.actorName} mentioned you on ${titleFor(p.form, m, p.recordId, p.after)}`,
      });
    }
  }
  return drafts;
}

type ActivityState = {
  id: string;
  title: string;
  notes: string | null;
  assigneeId: string | null;
  entity: string | null;
  recordId: string | null;
} | null;

export function activityDrafts(p: {
  before: ActivityState;
  after: ActivityState;
  actorId: string | null;
  actorName: string;
  members: Member[];
}): Draft[] {
  const a = p.after;
  if (!a) return [];
  const link = { entity: a.entity ?? undefined, recordId: a.recordId ?? undefined };
  const drafts: Draft[] = [];
  if (a.assigneeId && a.assigneeId !== (p.before?.assigneeId ?? null)) {
    for (const m of recipients(p.members, [a.assigneeId], p.actorId))
      drafts.push({
        userId: m.id,
        kind: "assigned",
        ...link,
        cause: "assigned",
        title: `Task assigned to you: ${a.title}`,
      });
  }
  const text = (s: ActivityState) => `${s?.title ?? ""}\n${s?.notes ?? ""}`;
  const fresh = newMentions(p.members, p.before ? text(p.before) : "", text(a));
  for (const m of recipients(p.members, fresh, p.actorId))
    drafts.push({
      userId: m.id,
      kind: "mention",
      ...link,
      cause: "mention",
      title: `${p.actorName} mentioned you: ${a.title}`,
    });
  return drafts;
}

/** The members who may decide a step: that role and above, or the listed users. */
export function approverIds(config: ApprovalConfig | undefined, step: number, members: Member[]): string[] {
  const approvers = config?.steps[step]?.approvers;
  if (!approvers) return members.filter((m) => m.role === "admin").map((m) => m.id);
  if (approvers.role) return members.filter((m) => roleAtLeast(m.role, approvers.role!)).map((m) => m.id);
  return approvers.users ?? [];
}

/** Active members among `ids`, never the person who caused the event. */
export function recipients(members: Member[], ids: string[], actorId: string | null): Member[] {
  const wanted = new Set(ids);
  return members.filter((m) => m.active && wanted.has(m.id) && m.id !== actorId);
}

// "@Ada Lovelace" or "@ada" (the e-mail's local part); longest names first so "@Ada Lovelace"
// is not read as "@Ada".
export function mentionedIds(members: Member[], text: unknown): string[] {
  if (typeof text !== "string" || !text.includes("@")) return [];
  const lower = text.toLowerCase();
  const found = new Set<string>();
  const handles = members
    .flatMap((m) => [
      { id: m.id, h: m.name.toLowerCase() },
      { id: m.id, h: m.email.split("@")[0]!.toLowerCase() },
    ])
    .filter((x) => x.h.length > 1);
  handles.sort((a, b) => b.h.length - a.h.length);
  for (const { id, h } of handles) {
    let at = lower.indexOf(`@${h}`);
    while (at >= 0) {
      const next = lower[at + h.length + 1];
      const prev = at === 0 ? " " : lower[at - 1]!;
      // "@ada," is a mention; "ada@example.com" and "@adam" are not mentions of "ada".
      if (/\s|[([]/u.test(prev) && (next === undefined || !/[\p{L}\p{N}_]/u.test(next))) found.add(id);
      at = lower.indexOf(`@${h}`, at + 1);
    }
  }
  return [...found];
}

function newMentions(members: Member[], before: unknown, after: unknown): string[] {
  const old = new Set(mentionedIds(members, before));
  return mentionedIds(members, after).filter((id) => !old.has(id));
}
