import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Site-wide settings and markers (for example when demo data was seeded). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  /** UTC epoch milliseconds. */
  updatedAt: integer('updated_at').notNull(),
});
