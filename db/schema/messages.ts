import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/**
 * What writes to 我的消息. The schedule first; later modules (help-request answers, a contest
 * opening) add their kind here and write through src/lib/server/messages.ts.
 */
export const MESSAGE_KINDS = ['activity.promoted', 'activity.moved', 'activity.cancelled', 'activity.reminder', 'reflection.reviewed', 'help.claimed', 'help.answered'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * 我的消息: the site's own inbox (there is no SMS). `subject` names what the message is about
 * (`activity:12`), so the organiser's 电话通知名单 can find who has not read the news of a change.
 * `dedupeKey`, when set, makes writing the same message twice harmless (the reminder the day before).
 */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    subject: text('subject').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Where the message leads (a site path), or ''. */
    link: text('link').notNull().default(''),
    dedupeKey: text('dedupe_key'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (table) => [
    index('messages_user').on(table.userId, table.readAt, table.createdAt),
    index('messages_subject').on(table.subject, table.kind),
    uniqueIndex('messages_dedupe').on(table.userId, table.dedupeKey),
  ],
);
