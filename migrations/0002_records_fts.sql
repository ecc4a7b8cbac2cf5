-- Full-text search over records (q=). Not expressible in drizzle's schema, so this migration is
-- hand-written (drizzle-kit generate --custom). rowid = records.search_rowid; `tenant` holds the
-- tenant id so a MATCH can be restricted to one tenant inside the index.
CREATE VIRTUAL TABLE `records_fts` USING fts5(`tenant`, `body`, tokenize = 'unicode61 remove_diacritics 2');
