ALTER TABLE `records` ADD `fold` text;--> statement-breakpoint
-- Rows whose data is all ASCII need no folded copies because lower() is exact there. The others
-- are filled in by the Worker (services/records/folded.ts) before a query needs them.
UPDATE `records` SET `fold` = '{}' WHERE `data` NOT GLOB '*[^ -~]*';
