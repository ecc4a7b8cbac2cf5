CREATE TABLE `inbox_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`message_id` text NOT NULL,
	`case_id` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`stored` integer NOT NULL,
	`r2_key` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbox_attachments_case` ON `inbox_attachments` (`tenant_id`,`case_id`,`message_id`);--> statement-breakpoint
ALTER TABLE `inbox_messages` ADD `direction` text DEFAULT 'in' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbox_messages` ADD `to_email` text;--> statement-breakpoint
ALTER TABLE `inbox_messages` ADD `auth` text;