import { integer, text } from "drizzle-orm/sqlite-core";

// Shared columns spread into every table. Times are epoch milliseconds (compact, sortable);
// the API renders them as ISO-8601.
export const id = () => text("id").primaryKey();
export const tenantId = () => text("tenant_id").notNull();
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();

export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

export const authorship = () => ({
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
});
