CREATE TABLE `import_chunks` (
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`done` integer NOT NULL,
	`failed` integer NOT NULL,
	`problems` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `job_id`, `chunk`)
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `from_address` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `headers` text;--> statement-breakpoint
CREATE INDEX `email_outbox_record` ON `email_outbox` (`tenant_id`,`record_id`,`created_at`);