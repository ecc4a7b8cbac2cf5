CREATE TABLE `automation_effects` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`provider` text,
	`error` text,
	`entity` text,
	`record_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `email_outbox_tenant` ON `email_outbox` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `depth` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inbox_messages` ADD `thread_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `inbox_thread` ON `inbox_messages` (`tenant_id`,`thread_key`,`received_at`);