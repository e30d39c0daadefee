import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/** One row per person and lesson: opened, completed, and reading time credited to it. */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `<course>/<lesson>`, as in the content collection. */
    lessonId: text('lesson_id').notNull(),
    courseId: text('course_id').notNull(),
    openedAt: integer('opened_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    completedAt: integer('completed_at'),
    seconds: integer('seconds').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.lessonId] }),
    index('lesson_progress_course').on(table.courseId, table.userId),
  ],
);

/**
 * When a person's reading time was last credited. Every heartbeat credits at most the time since
 * then, so two open tabs never count the same minute twice.
 */
export const studyClock = sqliteTable('study_clock', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastCreditAt: integer('last_credit_at').notNull(),
});

/** Reading time per person and Beijing calendar day, for weekly totals and charts. */
export const studyDays = sqliteTable(
  'study_days',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in Asia/Shanghai. */
    day: text('day').notNull(),
    seconds: integer('seconds').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);

/** 结业证书: one per person and course, verifiable by its public code. */
export const certificates = sqliteTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    courseTitle: text('course_title').notNull(),
    hours: integer('hours_tenths').notNull(),
    issuedAt: integer('issued_at').notNull(),
  },
  (table) => [uniqueIndex('certificates_user_course').on(table.userId, table.courseId)],
);
