-- Tenants created before shards keep their data where it is: the control database (binding DB)
-- is their shard. Every database runs every migration; on a shard the tenants table is empty,
-- so this inserts nothing there.
INSERT OR IGNORE INTO `tenant_shards` (`tenant_id`, `shard`, `frozen`, `created_at`, `updated_at`)
SELECT `id`, 'DB', 0, `created_at`, `updated_at` FROM `tenants`;
