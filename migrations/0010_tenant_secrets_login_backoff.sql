CREATE TABLE `tenant_secrets` (
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`ciphertext` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`tenant_id`, `name`)
);
--> statement-breakpoint
ALTER TABLE `auth_throttle` ADD `last_at` integer;