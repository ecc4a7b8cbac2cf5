ALTER TABLE `records` ADD `search_rowid` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `records_search_rowid` ON `records` (`search_rowid`);--> statement-breakpoint
CREATE INDEX `records_assignee` ON `records` (`tenant_id`,`entity`,`assignee_id`) WHERE deleted_at is null;