// Response and message shapes of the HTTP + realtime contract (shared/spec/api.md).
import type { Role } from "@shared/roles";

export type { Role };

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
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
}

export interface LoginInput {
  email: string;
  password: string;
  tenant?: string;
}

export interface Member {
  user: User;
  role: Role;
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

// Namespaces of config.md.
export const NAMESPACES = [
  "form", "view", "trigger", "condition", "action", "automation", "workflow",
  "approval", "sla", "calendar", "routing", "theme", "dashboard",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export type ConfigStatus = "draft" | "published" | "archived";

export interface ConfigItemRef {
  namespace: string;
  entity: string;
  key: string;
}

/** Someone who did something: the API may send a user id or a small user object. */
export type Actor = string | { id?: string; name?: string; email?: string } | null;

export interface ConfigItemSummary extends ConfigItemRef {
  status: ConfigStatus;
  revision: number;
  publishedVersion: number | null;
  updatedAt: string;
  updatedBy: Actor;
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

export interface ConfigVersion {
  version: number;
  hash: string;
  publishedAt: string;
  publishedBy: Actor;
  message: string | null;
  items: ConfigItemRef[];
}

export interface ConfigVersionList {
  versions: ConfigVersion[];
}

export interface AuditItem {
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

// Realtime socket (GET /api/realtime). Server → client.
export type ServerMessage =
  | { type: "hello"; version: number; hash: string }
  | { type: "config.published"; version: number; hash: string; items: ConfigItemRef[] }
  | { type: "record.changed"; entity: string; id: string; op: "created" | "updated" | "deleted"; version: number }
  | { type: "sla.warning" | "sla.breached"; entity: string; id: string; metric: string; dueAt: string }
  | { type: "approval.requested" | "approval.decided"; [key: string]: unknown }
  | { type: "activity.created"; [key: string]: unknown }
  | { type: "pong" };

// Client → server.
export type ClientMessage = { type: "ping" };
