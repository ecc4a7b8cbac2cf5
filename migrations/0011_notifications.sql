CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`title` text NOT NULL,
	`entity` text,
	`record_id` text,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`tenant_id`,`user_id`,`at`,`id`);--> statement-breakpoint
ALTER TABLE `activities` ADD `remind_at` integer;