import { z } from "zod";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import type { Snapshot } from "../shared/config/snapshot";
import { isRole } from "../shared/roles";
import type { PresenceUser, ServerMessage } from "../shared/protocol";
import { entityFromSnapshot } from "../services/records/entity";
import { getRecordRow } from "../services/records/read";

// Who has which record open, kept on the sockets themselves (their attachments survive
// hibernation), so nothing is stored and a closed socket simply stops counting. A member may
// only announce a record they can read, and only that record's viewers hear who is there.

const Viewing = z.object({ entity: z.string(), id: z.string() });
const Attachment = z.object({
  userId: z.string(),
  role: z.string(),
  tenantId: z.string().optional(),
  name: z.string().optional(),
  viewing: Viewing.nullable().optional(),
});
type Attachment = z.infer<typeof Attachment>;

export type PresenceHost = {
  ctx: DurableObjectState;
  tdb: (tenantId: string) => TenantDb;
  snapshot: (tenantId: string) => Promise<{ version: number; snapshot: Snapshot }>;
  nameOf: (tenantId: string, userId: string) => Promise<string>;
};

export class Presence {
  constructor(private readonly host: PresenceHost) {}

  /** A client opened (entity, id), or left whatever it had open (null). */
  async onMessage(ws: WebSocket, tenantId: string, target: { entity: string; id: string } | null): Promise<void> {
    const me = attachmentOf(ws);
    if (!me) return;
    const previous = me.viewing ?? null;
    if (target && previous?.entity === target.entity && previous.id === target.id) return this.tell(target);
    if (target && !(await this.mayRead(tenantId, me, target))) return;
    const name = me.name ?? (await this.host.nameOf(tenantId, me.userId));
    ws.serializeAttachment({ ...me, tenantId, name, viewing: target } satisfies Attachment);
    if (previous) this.tell(previous);
    if (target) this.tell(target);
  }

  /** A socket went away: the others on its record hear it. */
  onClose(ws: WebSocket): void {
    const me = attachmentOf(ws);
    if (!me?.viewing) return;
    const viewing = me.viewing;
    ws.serializeAttachment({ ...me, viewing: null } satisfies Attachment);
    this.tell(viewing, ws);
  }

  private tell(target: { entity: string; id: string }, without?: WebSocket): void {
    const sockets = this.host.ctx
      .getWebSockets()
      .filter((ws) => ws !== without && sameTarget(attachmentOf(ws)?.viewing, target));
    const users = new Map<string, PresenceUser>();
    for (const ws of sockets) {
      const a = attachmentOf(ws)!;
      users.set(a.userId, { id: a.userId, name: a.name ?? "Someone" });
    }
    const text = JSON.stringify({
      type: "presence",
      entity: target.entity,
      id: target.id,
      users: [...users.values()],
    } satisfies ServerMessage);
    for (const ws of sockets) {
      try {
        ws.send(text);
      } catch {
        // closing under us
      }
    }
  }

  private async mayRead(tenantId: string, me: Attachment, target: { entity: string; id: string }): Promise<boolean> {
    if (!isRole(me.role)) return false;
    const { version, snapshot } = await this.host.snapshot(tenantId);
    const ctx = entityFromSnapshot(snapshot, version, target.entity);
    if (!ctx) return false;
    const principal: Principal = { userId: me.userId, tenantId, role: me.role, sessionId: "" };
    return getRecordRow(this.host.tdb(tenantId), ctx, principal, target.id).then(
      () => true,
      () => false,
    );
  }
}

function attachmentOf(ws: WebSocket): Attachment | undefined {
  const a = Attachment.safeParse(ws.deserializeAttachment());
  return a.success ? a.data : undefined;
}

const sameTarget = (a: { entity: string; id: string } | null | undefined, b: { entity: string; id: string }) =>
  a?.entity === b.entity && a.id === b.id;
