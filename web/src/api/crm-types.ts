// Shapes of the CRM endpoints beyond plain records (history, SLA, work queues, dashboard).
// Several of these endpoints are young: every field a page reads is optional or checked.

export interface HistoryChange {
  from: unknown;
  to: unknown;
}

export interface HistoryItem {
  at: string;
  actor: { id?: string; name?: string | null } | string | null;
  action: string;
  changes?: Record<string, HistoryChange>;
  from?: string | null;
  to?: string | null;
}

export type SlaState = "running" | "paused" | "met" | "breached" | "cancelled";

export interface SlaTimer {
  policy: string;
  metric: string;
  state: SlaState;
  startedAt: string;
  dueAt: string;
  warnAt?: string | null;
  pausedMs: number;
  completedAt?: string | null;
}

export interface Activity {
  id: string;
  title?: string;
  type?: string;
  notes?: string | null;
  remindAt?: string | null;
  overdue?: boolean;
  status?: string;
  dueAt?: string | null;
  assigneeId?: string | null;
  entity?: string | null;
  recordId?: string | null;
  createdAt?: string;
}

export interface Approval {
  id: string;
  approval?: string;
  entity?: string;
  recordId?: string;
  status?: string;
  step?: number | string | null;
  requestedAt?: string;
  requestedBy?: string | null;
  createdAt?: string;
  /** The field values the approval holds until it is decided (readable ones only). */
  change?: Record<string, unknown> | null;
  decisions?: Array<{ by?: string; decision?: string; comment?: string | null; at?: string }>;
}

export interface InboxAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  stored: boolean;
  url: string | null;
}

export interface InboxMessage {
  id?: string;
  body?: string;
  from?: { email?: string; name?: string | null } | null;
  direction?: string;
  at?: string;
  createdAt?: string;
  channel?: string;
  subject?: string | null;
  to?: string | null;
  receivedAt?: string;
  auth?: Record<string, string> | null;
  attachments?: InboxAttachment[];
}

export interface InboxThread {
  caseId: string;
  subject?: string | null;
  customer?: { id?: string; name?: string | null; email?: string | null } | null;
  lastMessageAt?: string | null;
  messageCount?: number;
  status?: string | null;
  /** The latest message, shortened. */
  preview?: string | null;
  messages?: InboxMessage[];
}

export interface InboxMessageInput {
  channel: "email" | "chat" | "web";
  externalId: string;
  from: { email: string; name?: string };
  subject?: string;
  body: string;
}

export interface ItemList<T> {
  items: T[];
}

/** GET /api/crm/dashboard/metrics; read by dotted paths, so it stays loosely typed. */
export type DashboardMetrics = Record<string, unknown>;
