DROP INDEX `activities_record`;--> statement-breakpoint
CREATE INDEX `activities_record` ON `activities` (`tenant_id`,`record_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `audit_log_target`;--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`tenant_id`,`target_type`,`target_id`,`at`,`id`);--> statement-breakpoint
DROP INDEX `inbox_case`;--> statement-breakpoint
CREATE INDEX `inbox_customer` ON `inbox_messages` (`tenant_id`,`customer_id`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_case` ON `inbox_messages` (`tenant_id`,`case_id`,`received_at`,`id`);