import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { authorship, createdAt, id, tenantId, timestamps } from "./columns";

// ── Identity and tenancy ────────────────────────────────────────────────────────────────

export const tenants = sqliteTable(
  "tenants",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    // A sandbox is a tenant of its own, made from another (its production) to try config in.
    sandboxOf: text("sandbox_of"),
    // Whether a sandbox may send e-mail and call webhooks (production tenants always may).
    sandboxEgress: integer("sandbox_egress", { mode: "boolean" }).notNull().default(false),
    ...timestamps(),
  },
  (t) => [index("tenants_sandbox_of").on(t.sandboxOf)],
);

export const users = sqliteTable("users", {
  id: id(),
  // Stored lower-cased; one account per address across all tenants.
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  ...timestamps(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    tenantId: tenantId(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: ["admin", "manager", "agent", "read_only"] }).notNull(),
    // Deactivated members keep their history but can neither sign in nor be routed work.
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index("memberships_user").on(t.userId)],
);

// The shard directory (control plane): which D1 database holds each tenant's data. One row per
// tenant, written when the tenant is placed (services/tenancy/placement.ts); `frozen` is set while
// the tenant is being moved to another shard (writes answer 503 until it is cleared).
export const tenantShards = sqliteTable(
  "tenant_shards",
  {
    tenantId: text("tenant_id").primaryKey(),
    // A D1 binding name from wrangler.toml: SHARD_0, SHARD_1, … or DB (tenants created before shards).
    shard: text("shard").notNull(),
    frozen: integer("frozen", { mode: "boolean" }).notNull().default(false),
    ...timestamps(),
  },
  (t) => [index("tenant_shards_shard").on(t.shard)],
);

// A session per issued token (its jti). Revoking a session, removing a member or changing
// a role takes effect on the next check of the session (cached per isolate for seconds).
export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    tenantId: tenantId(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("sessions_user").on(t.tenantId, t.userId)],
);

// Personal access tokens ("API keys"). Only the SHA-256 of the key is kept; the key acts as its
// user in one tenant, capped by its scope and the membership's role at the time of use.
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    tenantId: tenantId(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write", "admin"] }).notNull(),
    hash: text("hash").notNull().unique(),
    // The first characters of the key, so a user can tell their keys apart.
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_user").on(t.tenantId, t.userId)],
);

// Failed-login counters in fixed windows, keyed by account + client, client, or account
// (see services/auth/throttle.ts); `last_at` times the back-off after the latest failure.
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
  lastAt: integer("last_at"),
});

// ── Configuration ───────────────────────────────────────────────────────────────────────

export const configItems = sqliteTable(
  "config_items",
  {
    tenantId: tenantId(),
    namespace: text("namespace").notNull(),
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    // The working copy; null once published with no further edits.
    draft: text("draft", { mode: "json" }),
    // "draft": never published or changed since; "published"; "archived": removed from config.
    status: text("status", { enum: ["draft", "published", "archived"] }).notNull(),
    // A draft deletion waiting for the next publish.
    pendingDelete: integer("pending_delete", { mode: "boolean" }).notNull().default(false),
    revision: integer("revision").notNull(),
    publishedVersion: integer("published_version"),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.namespace, t.entity, t.key] }),
    index("config_items_status").on(t.tenantId, t.status),
  ],
);

export const configVersions = sqliteTable(
  "config_versions",
  {
    tenantId: tenantId(),
    version: integer("version").notNull(),
    hash: text("hash").notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedBy: text("published_by"),
    message: text("message"),
    kind: text("kind", { enum: ["publish", "rollback", "starter"] }).notNull(),
    rolledBackTo: integer("rolled_back_to"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

// The immutable snapshot of each version: the source of truth behind the KV copies.
export const configSnapshots = sqliteTable(
  "config_snapshots",
  {
    tenantId: tenantId(),
    version: integer("version").notNull(),
    hash: text("hash").notNull(),
    snapshot: text("snapshot").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

// One row per item changed by a version: what a publish did, item by item.
export const configPublishLog = sqliteTable(
  "config_publish_log",
  {
    tenantId: tenantId(),
    version: integer("version").notNull(),
    namespace: text("namespace").notNull(),
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    change: text("change", { enum: ["added", "modified", "removed"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.version, t.namespace, t.entity, t.key] }),
    index("config_publish_log_item").on(t.tenantId, t.namespace, t.entity, t.key),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    tenantId: tenantId(),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    // The API key the actor acted through ("via <key name>"); null for sessions and the system.
    via: text("via"),
  },
  (t) => [
    index("audit_log_tenant_at").on(t.tenantId, t.at, t.id),
    // A record's timeline reads its rows newest first, (at, id) as the cursor compares them.
    index("audit_log_target").on(t.tenantId, t.targetType, t.targetId, t.at, t.id),
  ],
);

// ── CRM data ────────────────────────────────────────────────────────────────────────────

export const records = sqliteTable(
  "records",
  {
    id: id(),
    tenantId: tenantId(),
    entity: text("entity").notNull(),
    data: text("data", { mode: "json" }).notNull(),
    status: text("status"),
    version: integer("version").notNull().default(1),
    ownerId: text("owner_id"),
    assigneeId: text("assignee_id"),
    ...timestamps(),
    ...authorship(),
    deletedAt: integer("deleted_at"),
    deletedBy: text("deleted_by"),
    // The record's row in records_search (an FTS5 table, migration 0020): an explicit key,
    // because SQLite's implicit rowid may change on VACUUM.
    searchRowid: integer("search_rowid"),
    // Case-folded copies of the record's non-ASCII text values ({ field: folded }), so SQL can
    // compare case-insensitively beyond ASCII (lower() folds ASCII only). NULL: not computed yet.
    fold: text("fold", { mode: "json" }).$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex("records_search_rowid").on(t.searchRowid),
    index("records_assignee").on(t.tenantId, t.entity, t.assigneeId).where(sql`deleted_at is null`),
    index("records_list").on(t.tenantId, t.entity, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("records_status").on(t.tenantId, t.entity, t.status).where(sql`deleted_at is null`),
    index("records_owner").on(t.tenantId, t.entity, t.ownerId).where(sql`deleted_at is null`),
  ],
);

// Claims on unique field values: the primary key makes a duplicate insert fail inside the
// same batch as the record write, so uniqueness holds without a racy read-then-write.
export const recordUniques = sqliteTable(
  "record_uniques",
  {
    tenantId: tenantId(),
    entity: text("entity").notNull(),
    field: text("field").notNull(),
    value: text("value").notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entity, t.field, t.value] }),
    index("record_uniques_record").on(t.tenantId, t.recordId),
  ],
);

export const activities = sqliteTable(
  "activities",
  {
    id: id(),
    tenantId: tenantId(),
    entity: text("entity"),
    recordId: text("record_id"),
    type: text("type").notNull().default("task"),
    title: text("title").notNull(),
    notes: text("notes"),
    assigneeId: text("assignee_id"),
    dueAt: integer("due_at"),
    status: text("status", { enum: ["open", "done", "cancelled"] })
      .notNull()
      .default("open"),
    system: integer("system", { mode: "boolean" }).notNull().default(false),
    completedAt: integer("completed_at"),
    // When the assignee wants a reminder (a notification from the tenant object's clock).
    remindAt: integer("remind_at"),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    index("activities_assignee").on(t.tenantId, t.assigneeId, t.status, t.dueAt),
    // A record's activities (record ids are unique across entities), newest first for its timeline.
    index("activities_record").on(t.tenantId, t.recordId, t.createdAt, t.id),
  ],
);

// What a member is told about: assignments, approvals, SLA warnings on their records, @mentions.
// Written by the tenant object while it drains the outbox (deterministic ids: a repeated drain
// writes nothing twice) and pushed on the member's sockets.
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    tenantId: tenantId(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    at: integer("at").notNull(),
    title: text("title").notNull(),
    entity: text("entity"),
    recordId: text("record_id"),
    readAt: integer("read_at"),
  },
  (t) => [index("notifications_user").on(t.tenantId, t.userId, t.at, t.id)],
);

// Transactional outbox: written in the same batch as the record change, drained in order by
// the tenant's Durable Object (broadcast, automations, SLA timers), idempotent by seq.
export const events = sqliteTable(
  "events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    type: text("type").notNull(),
    entity: text("entity"),
    recordId: text("record_id"),
    actorId: text("actor_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    configVersion: integer("config_version"),
    // How many automation hops led here (0: a person's write); cuts automation loops.
    depth: integer("depth").notNull().default(0),
    createdAt: createdAt(),
    processedAt: integer("processed_at"),
  },
  (t) => [index("events_pending").on(t.tenantId, t.seq).where(sql`processed_at is null`)],
);

export const inboxMessages = sqliteTable(
  "inbox_messages",
  {
    id: id(),
    tenantId: tenantId(),
    channel: text("channel", { enum: ["email", "chat", "web"] }).notNull(),
    externalId: text("external_id").notNull(),
    fromEmail: text("from_email").notNull(),
    fromName: text("from_name"),
    subject: text("subject"),
    body: text("body").notNull(),
    // The conversation a message belongs to: the gateway's thread id, else customer + subject.
    threadKey: text("thread_key").notNull().default(""),
    customerId: text("customer_id").notNull(),
    caseId: text("case_id").notNull(),
    receivedAt: integer("received_at").notNull(),
    // "out": an agent's reply sent from the case thread. For email, externalId is the Message-ID.
    direction: text("direction", { enum: ["in", "out"] })
      .notNull()
      .default("in"),
    toEmail: text("to_email"),
    // Inbound mail: the receiving server's Authentication-Results verdicts ({ spf, dkim, dmarc }).
    auth: text("auth", { mode: "json" }).$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex("inbox_external").on(t.tenantId, t.externalId),
    // A case's messages and every message a customer sent, newest first (their records' timelines).
    index("inbox_case").on(t.tenantId, t.caseId, t.receivedAt, t.id),
    index("inbox_customer").on(t.tenantId, t.customerId, t.receivedAt, t.id),
    index("inbox_thread").on(t.tenantId, t.threadKey, t.receivedAt),
  ],
);

// Files that came with inbound mail; the bytes are in R2 (FILES) under `r2Key`. A file over the
// size cap is listed (so the agent knows it existed) but not stored: `stored` is false.
export const inboxAttachments = sqliteTable(
  "inbox_attachments",
  {
    id: id(),
    tenantId: tenantId(),
    messageId: text("message_id").notNull(),
    caseId: text("case_id").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    stored: integer("stored", { mode: "boolean" }).notNull(),
    r2Key: text("r2_key"),
    createdAt: createdAt(),
  },
  (t) => [index("inbox_attachments_case").on(t.tenantId, t.caseId, t.messageId)],
);

// ── Jobs ────────────────────────────────────────────────────────────────────────────────

// One row per finished chunk of an import job, written in the same batch as the chunk's
// records: a chunk run again after a restart finds its row and is not written twice. The
// rejected rows' problems make the job's error report.
export const importChunks = sqliteTable(
  "import_chunks",
  {
    tenantId: tenantId(),
    jobId: text("job_id").notNull(),
    chunk: integer("chunk").notNull(),
    done: integer("done").notNull(),
    failed: integer("failed").notNull(),
    problems: text("problems", { mode: "json" }).notNull().$type<{ row: number; field?: string; message: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.chunk] })],
);

// ── Automations ─────────────────────────────────────────────────────────────────────────

// Tenant secrets (webhook signing keys, API keys in headers): AES-GCM ciphertext under a key
// derived from the Worker's secret; written by admins, read back by nobody, decrypted only when
// an action runs or a webhook delivery is verified.
export const tenantSecrets = sqliteTable(
  "tenant_secrets",
  {
    tenantId: tenantId(),
    name: text("name").notNull(),
    ciphertext: text("ciphertext").notNull(),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: text("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

// One row per automation step that changed data in D1, written in the same batch as the
// change: a retried step finds its key taken and knows its effect already happened.
export const automationEffects = sqliteTable(
  "automation_effects",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

// Outgoing email: automations write here; a provider adapter delivers. The local adapter only
// marks messages stored, so they can be read in the app.
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: id(),
    tenantId: tenantId(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["queued", "sent", "stored", "failed"] }).notNull(),
    provider: text("provider"),
    error: text("error"),
    entity: text("entity"),
    recordId: text("record_id"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
    fromAddress: text("from_address"),
    // The Message-ID we gave it (replies name it in In-Reply-To) and the threading headers.
    messageId: text("message_id"),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>(),
  },
  (t) => [
    index("email_outbox_tenant").on(t.tenantId, t.createdAt),
    index("email_outbox_record").on(t.tenantId, t.recordId, t.createdAt),
  ],
);

// ── Approvals ───────────────────────────────────────────────────────────────────────────

export const approvals = sqliteTable(
  "approvals",
  {
    id: id(),
    tenantId: tenantId(),
    entity: text("entity").notNull(),
    recordId: text("record_id").notNull(),
    approvalKey: text("approval_key").notNull(),
    configVersion: integer("config_version").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected", "cancelled"] }).notNull(),
    step: integer("step").notNull().default(0),
    requestedBy: text("requested_by"),
    requestedAt: integer("requested_at").notNull(),
    // The current step's deadline; passing it escalates the request.
    dueAt: integer("due_at"),
    escalatedAt: integer("escalated_at"),
    decidedAt: integer("decided_at"),
    // A record change held until the request is approved (null: nothing held).
    change: text("change", { mode: "json" }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("approvals_status").on(t.tenantId, t.status, t.requestedAt),
    index("approvals_record").on(t.tenantId, t.recordId),
  ],
);

export const approvalDecisions = sqliteTable(
  "approval_decisions",
  {
    id: id(),
    tenantId: tenantId(),
    approvalId: text("approval_id").notNull(),
    step: integer("step").notNull(),
    userId: text("user_id").notNull(),
    decision: text("decision", { enum: ["approve", "reject"] }).notNull(),
    comment: text("comment"),
    at: integer("at").notNull(),
  },
  (t) => [uniqueIndex("approval_decisions_once").on(t.tenantId, t.approvalId, t.step, t.userId)],
);
