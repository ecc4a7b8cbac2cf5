CREATE TABLE `approval_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`approval_id` text NOT NULL,
	`step` integer NOT NULL,
	`user_id` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_decisions_once` ON `approval_decisions` (`tenant_id`,`approval_id`,`step`,`user_id`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`approval_key` text NOT NULL,
	`config_version` integer NOT NULL,
	`status` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`due_at` integer,
	`escalated_at` integer,
	`decided_at` integer,
	`change` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `approvals_status` ON `approvals` (`tenant_id`,`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `approvals_record` ON `approvals` (`tenant_id`,`record_id`);