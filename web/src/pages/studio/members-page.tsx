// /studio/members: who belongs to this workspace and with which role.
import { type FormEvent, useState } from "react";
import { ROLES, type Role } from "@shared/roles";
import { errorMessage } from "../../api/client";
import { changeMemberRole, createMember, listMembers, removeMember } from "../../api/members";
import type { Member } from "../../api/types";
import { Badge } from "../../components/badge";
import { SelectField, TextField } from "../../components/field";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { titleCase } from "../../config/labels";
import { formatDate } from "../../lib/format";
import { keys, useApiQuery } from "../../state/server-state";
import { invalidateDirectory } from "../../renderers/shared/members";
import { useSession } from "../../state/session";

export function MembersPage() {
  const loaded = useApiQuery(keys.admin("members"), (signal) => listMembers(signal));
  // Names shown across the CRM come from the member directory: let it load again after a change.
  const members = {
    ...loaded,
    reload: () => {
      invalidateDirectory();
      loaded.reload();
    },
  };
  const [notice, setNotice] = useState<{ tone: "danger" | "success"; text: string } | null>(null);

  return (
    <div className="page">
      <PageHeader title="Members" description="People in this workspace and what they may do." />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {members.status === "loading" && !members.data ? (
        <Loading label="Loading members…" />
      ) : members.status === "error" ? (
        <ErrorState title="Couldn't load members" error={members.error} onRetry={members.reload} />
      ) : !members.data?.length ? (
        <EmptyState title="No members yet" />
      ) : (
        <MemberTable members={members.data} onChanged={members.reload} onNotice={setNotice} />
      )}
      <AddMemberForm
        onAdded={(name) => {
          setNotice({ tone: "success", text: `${name} was added.` });
          members.reload();
        }}
      />
    </div>
  );
}

type Notice = (notice: { tone: "danger" | "success"; text: string } | null) => void;

function MemberTable({ members, onChanged, onNotice }: { members: Member[]; onChanged: () => void; onNotice: Notice }) {
  const me = useSession((s) => s.user?.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function run(userId: string, action: () => Promise<unknown>, success: string) {
    setBusy(userId);
    onNotice(null);
    try {
      await action();
      onNotice({ tone: "success", text: success });
      onChanged();
    } catch (error) {
      onNotice({ tone: "danger", text: errorMessage(error) });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Member since</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map(({ user, role, active, createdAt }) => {
            const self = user.id === me;
            return (
              <tr key={user.id} aria-busy={busy === user.id || undefined}>
                <td>
                  {user.name} {self && <Badge tone="info">you</Badge>}
                  {active === false && <Badge tone="neutral">inactive</Badge>}
                </td>
                <td>{user.email}</td>
                <td>
                  <select
                    className="input input-compact"
                    aria-label={`Role of ${user.name}`}
                    value={role}
                    disabled={self || busy === user.id}
                    title={self ? "You can't change your own role" : undefined}
                    onChange={(e) => {
                      const next = e.target.value as Role;
                      void run(
                        user.id,
                        () => changeMemberRole(user.id, next),
                        `${user.name} is now ${titleCase(next)}.`,
                      );
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {titleCase(r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{formatDate(createdAt)}</td>
                <td className="actions">
                  {self ? null : confirming === user.id ? (
                    <span className="confirm" role="group" aria-label={`Confirm removing ${user.name}`}>
                      <span>Remove {user.name}?</span>
                      <button
                        type="button"
                        className="button button-danger button-small"
                        disabled={busy === user.id}
                        onClick={() => void run(user.id, () => removeMember(user.id), `${user.name} was removed.`)}
                      >
                        Remove
                      </button>
                      <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Remove ${user.name}`}
                      onClick={() => setConfirming(user.id)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY = { email: "", name: "", password: "", role: "agent" as Role };

function AddMemberForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [values, setValues] = useState(EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const created = await createMember({ ...values, email: values.email.trim(), name: values.name.trim() });
      setValues(EMPTY);
      onAdded(created.user?.name ?? values.name);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="add-member">
      <h2 className="panel-title" id="add-member">
        Add a member
      </h2>
      <form className="form form-grid" onSubmit={onSubmit}>
        {error !== null && (
          <div className="form-wide">
            <ErrorState title="Couldn't add the member" error={error} />
          </div>
        )}
        <TextField label="Name" autoComplete="off" required value={values.name} onChange={set("name")} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={values.email}
          onChange={set("email")}
        />
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters; share it with them privately."
          value={values.password}
          onChange={set("password")}
        />
        <SelectField label="Role" value={values.role} onChange={set("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {titleCase(r)}
            </option>
          ))}
        </SelectField>
        <div className="form-wide">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? "Adding…" : "Add member"}
          </button>
        </div>
      </form>
    </section>
  );
}
