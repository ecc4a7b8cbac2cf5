ALTER TABLE `tenants` ADD `sandbox_of` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `sandbox_egress` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `tenants_sandbox_of` ON `tenants` (`sandbox_of`);