CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`entity` text,
	`record_id` text,
	`type` text DEFAULT 'task' NOT NULL,
	`title` text NOT NULL,
	`notes` text,
	`assignee_id` text,
	`due_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`system` integer DEFAULT false NOT NULL,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `activities_assignee` ON `activities` (`tenant_id`,`assignee_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_record` ON `activities` (`tenant_id`,`entity`,`record_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_at` ON `audit_log` (`tenant_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`tenant_id`,`target_type`,`target_id`,`at`);--> statement-breakpoint
CREATE TABLE `auth_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `config_items` (
	`tenant_id` text NOT NULL,
	`namespace` text NOT NULL,
	`entity` text NOT NULL,
	`key` text NOT NULL,
	`draft` text,
	`status` text NOT NULL,
	`pending_delete` integer DEFAULT false NOT NULL,
	`revision` integer NOT NULL,
	`published_version` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`tenant_id`, `namespace`, `entity`, `key`)
);
--> statement-breakpoint
CREATE INDEX `config_items_status` ON `config_items` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `config_publish_log` (
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`namespace` text NOT NULL,
	`entity` text NOT NULL,
	`key` text NOT NULL,
	`change` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `version`, `namespace`, `entity`, `key`)
);
--> statement-breakpoint
CREATE INDEX `config_publish_log_item` ON `config_publish_log` (`tenant_id`,`namespace`,`entity`,`key`);--> statement-breakpoint
CREATE TABLE `config_snapshots` (
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`hash` text NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `config_versions` (
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`hash` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text,
	`message` text,
	`kind` text NOT NULL,
	`rolled_back_to` integer,
	PRIMARY KEY(`tenant_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`entity` text,
	`record_id` text,
	`actor_id` text,
	`before` text,
	`after` text,
	`config_version` integer,
	`created_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `events_pending` ON `events` (`tenant_id`,`seq`) WHERE processed_at is null;--> statement-breakpoint
CREATE TABLE `inbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`from_email` text NOT NULL,
	`from_name` text,
	`subject` text,
	`body` text NOT NULL,
	`customer_id` text NOT NULL,
	`case_id` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_external` ON `inbox_messages` (`tenant_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `inbox_case` ON `inbox_messages` (`tenant_id`,`case_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`tenant_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `memberships_user` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `record_uniques` (
	`tenant_id` text NOT NULL,
	`entity` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `entity`, `field`, `value`)
);
--> statement-breakpoint
CREATE INDEX `record_uniques_record` ON `record_uniques` (`tenant_id`,`record_id`);--> statement-breakpoint
CREATE TABLE `records` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`entity` text NOT NULL,
	`data` text NOT NULL,
	`status` text,
	`version` integer DEFAULT 1 NOT NULL,
	`owner_id` text,
	`assignee_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` integer,
	`deleted_by` text
);
--> statement-breakpoint
CREATE INDEX `records_list` ON `records` (`tenant_id`,`entity`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `records_status` ON `records` (`tenant_id`,`entity`,`status`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `records_owner` ON `records` (`tenant_id`,`entity`,`owner_id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`tenant_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);