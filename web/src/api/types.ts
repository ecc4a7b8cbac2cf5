// Response and message shapes of the HTTP + realtime contract (shared/spec/api.md).
import type { Role } from "@shared/roles";

export type { Role };
export type { Namespace } from "@shared/config/namespaces";
// The realtime wire protocol is shared with the Durable Object that sends it.
export type { ClientMessage, ConfigItemRef, ServerMessage } from "@shared/protocol";
import type { ConfigItemRef } from "@shared/protocol";

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  /** Set when this tenant is a sandbox: the id of its production tenant. */
  sandboxOf?: string | null;
}

export interface AuthResponse {
  token: string;
  user: User;
  tenant: Tenant;
  role: Role;
}

export interface Me {
  user: User;
  tenant: Tenant;
  role: Role;
}

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  tenantName: string;
  /** A starter template's name (GET /api/auth/templates); the standard config when left out. */
  template?: string;
}

export interface Template {
  name: string;
  title: string;
  description: string;
}

export interface LoginInput {
  email: string;
  password: string;
  tenant?: string;
}

export interface Member {
  user: User;
  role: Role;
  /** Deactivated members keep their history but can't sign in. */
  active?: boolean;
  createdAt: string;
}

export interface MemberList {
  items: Member[];
}

export interface CreateMemberInput {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export interface CreatedMember {
  user: User;
  role: Role;
}

export type ConfigStatus = "draft" | "published" | "archived";

/** Someone who did something: a user id, or a small user object. */
export type Actor = string | { id?: string; name?: string | null; email?: string } | null;

export interface ConfigItemSummary extends ConfigItemRef {
  status: ConfigStatus;
  revision: number;
  publishedVersion: number | null;
  /** Marked for removal at the next publish. */
  pendingDelete?: boolean;
  updatedAt: string;
  updatedBy: string | null;
  updatedByName?: string | null;
}

export interface ConfigItemList {
  items: ConfigItemSummary[];
}

/** `{ namespace: { entity: { key: config } } }` */
export type Snapshot = Record<string, Record<string, Record<string, unknown>>>;

export interface RuntimeConfig {
  version: number;
  hash: string;
  snapshot: Snapshot;
}

export interface ConfigDelta {
  set: Array<ConfigItemRef & { config: unknown }>;
  removed: ConfigItemRef[];
}

export interface RuntimeConfigDelta {
  version: number;
  hash: string;
  delta: ConfigDelta;
}

/** `GET /api/runtime/config?sinceVersion=n`: a full snapshot, a delta, or null for 304. */
export type RuntimeConfigSince = RuntimeConfig | RuntimeConfigDelta | null;

export type ConfigChange = "added" | "removed" | "modified";

export interface ConfigVersion {
  version: number;
  hash: string;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName?: string | null;
  message: string | null;
  kind?: "publish" | "rollback" | string;
  rolledBackTo?: number | null;
  items: Array<ConfigItemRef & { change?: ConfigChange }>;
}

export interface ConfigVersionList {
  versions: ConfigVersion[];
}

export interface AuditItem {
  id?: string;
  at: string;
  actor: Actor;
  action: string;
  target: unknown;
  before?: unknown;
  after?: unknown;
}

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

export interface CrmRecord {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  ownerId: string | null;
  status?: string;
  sla?: unknown;
}

export interface RecordPage {
  items: CrmRecord[];
  nextCursor: string | null;
}
