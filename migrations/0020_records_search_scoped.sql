-- Full-text search scoped to one tenant's entity (hand-written, like 0002). Every indexed token is
-- the word prefixed by a fixed-length scope token of (tenant, entity) — services/records/search-text.ts
-- — so a MATCH, prefix terms included, reads only that entity's doclists, never the whole tenant's.
-- The rowid is assigned by the FTS table and copied into records.search_rowid in the same batch
-- (last_insert_rowid()), so a write needs no max() sub-select and no delete before its first insert.
CREATE VIRTUAL TABLE `records_search` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');--> statement-breakpoint
-- Existing rows are indexed again lazily, in batches, before the first search of their entity in an
-- isolate (ensureSearchable): search_rowid IS NULL marks a live record that has no entry yet.
UPDATE `records` SET `search_rowid` = NULL;--> statement-breakpoint
CREATE INDEX `records_unsearched` ON `records` (`tenant_id`, `entity`) WHERE search_rowid IS NULL AND deleted_at IS NULL;--> statement-breakpoint
DROP TABLE `records_fts`;
