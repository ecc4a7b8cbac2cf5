// Complete API answers for the web tests. Each builder fills every field the response schema
// requires, typed with the generated schema types, so a field the server adds or renames breaks the
// typecheck here instead of leaving fixtures that mockFetch rejects. A test names only the fields
// it is about.
import type { Activity, Approval, DashboardMetrics, InboxMessage, InboxThread } from "../../web/src/api/crm-types";
import type { DirectoryEntry } from "../../web/src/api/members";

const AT = "2026-01-01T09:00:00.000Z";

/** An open task of no one's, on no record, not due. */
export function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: "a1",
    title: "Follow up",
    type: "task",
    notes: null,
    assigneeId: null,
    dueAt: null,
    status: "open",
    system: false,
    entity: null,
    recordId: null,
    createdAt: AT,
    updatedAt: AT,
    createdBy: "u1",
    completedAt: null,
    remindAt: null,
    overdue: false,
    ...overrides,
  };
}

/** A pending one-step approval on deal d1, requested by no one in particular, that I may decide. */
export function approval(overrides: Partial<Approval> = {}): Approval {
  return {
    id: "ap1",
    approval: "big_discount",
    entity: "deals",
    recordId: "d1",
    status: "pending",
    step: 0,
    requestedBy: null,
    requestedAt: AT,
    dueAt: null,
    escalated: false,
    decidedAt: null,
    change: null,
    canDecide: true,
    steps: [{ name: "Manager", mode: "any", approvers: { role: "manager" }, decisions: [] }],
    ...overrides,
  };
}

/** An open conversation of one message, on case c1. */
export function inboxThread(overrides: Partial<InboxThread> = {}): InboxThread {
  return {
    caseId: "c1",
    subject: "A question",
    status: null,
    lastMessageAt: AT,
    messageCount: 1,
    preview: "The latest message",
    customer: { id: "cu1", name: null, email: "someone@example.test" },
    ...overrides,
  };
}

/** A message that came in by the web form, on case c1. */
export function inboxMessage(overrides: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id: "m1",
    channel: "web",
    externalId: "ext-1",
    from: { email: "someone@example.test", name: null },
    subject: null,
    body: "Hello",
    caseId: "c1",
    customerId: "cu1",
    receivedAt: AT,
    direction: "in",
    to: null,
    auth: null,
    ...overrides,
  };
}

/** One entry of GET /api/crm/members. */
export function member(id: string, name: string, role: DirectoryEntry["role"] = "agent"): DirectoryEntry {
  return { id, name, role };
}

type MetricsOverrides = { [K in keyof DashboardMetrics]?: Partial<DashboardMetrics[K]> };

/** An empty tenant's dashboard; each section takes the figures a test is about. */
export function dashboardMetrics(overrides: MetricsOverrides = {}): DashboardMetrics {
  return {
    customers: { total: 0, ...overrides.customers },
    deals: {
      total: 0,
      open: 0,
      won: 0,
      lost: 0,
      pipelineValue: null,
      wonValue: null,
      byStage: [],
      ...overrides.deals,
    },
    cases: { total: 0, open: 0, byStatus: [], breached: 0, slaCompliance: null, ...overrides.cases },
    activities: { open: 0, overdue: 0, ...overrides.activities },
  };
}
