import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill'] as const;

/** 题库: organisers keep one per subject (党史, 廉洁文化 …) and draw contests and quizzes from it. */
export const questionBanks = sqliteTable('question_banks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  /**
   * Learners practise with this bank's questions (每日一练, 错题本), where every answer is shown
   * right after answering. Banks kept for contests stay off, so their answers stay unseen.
   */
  practice: integer('practice', { mode: 'boolean' }).notNull().default(false),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
});

/**
 * A question's identity. Its content lives in versions: editing adds a version, and an attempt
 * keeps the version it was shown, so an edit never changes a score already given.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bankId: integer('bank_id')
      .notNull()
      .references(() => questionBanks.id, { onDelete: 'cascade' }),
    /** The version shown from now on; set in the same transaction that adds the version. */
    currentVersionId: integer('current_version_id'),
    /** The current stem without spaces and punctuation (stemKey), for duplicate detection. */
    stemKey: text('stem_key').notNull(),
    /** Retired questions are kept for past attempts but never drawn again. */
    retiredAt: integer('retired_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('questions_bank').on(table.bankId),
    // The database, not only the import preview, refuses a second active question with the same stem.
    uniqueIndex('questions_bank_stem_active').on(table.bankId, table.stemKey).where(sql`retired_at is null`),
  ],
);

/** One immutable version of a question (see QuestionContent in src/lib/question-rules.ts). */
export const questionVersions = sqliteTable(
  'question_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    type: text('type', { enum: QUESTION_TYPES }).notNull(),
    stem: text('stem').notNull(),
    /** JSON array of option texts; empty for 判断 and 填空. */
    options: text('options').notNull(),
    /** JSON AnswerKey. Never sent to a browser before the rules allow. */
    answer: text('answer').notNull(),
    explanation: text('explanation').notNull().default(''),
    category: text('category').notNull().default(''),
    /** JSON array of tags. */
    tags: text('tags').notNull().default('[]'),
    /** 1 易, 2 中, 3 难. */
    difficulty: integer('difficulty').notNull().default(2),
    source: text('source').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('question_versions_number').on(table.questionId, table.version)],
);

/** Every practice answer (never a contest's): the 错题本 is the questions whose latest answer was wrong. */
export const practiceAnswers = sqliteTable(
  'practice_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    /** The version answered, which the answer was judged against. */
    versionId: integer('version_id')
      .notNull()
      .references(() => questionVersions.id, { onDelete: 'cascade' }),
    /** JSON QuestionResponse. */
    response: text('response').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    answeredAt: integer('answered_at').notNull(),
  },
  (table) => [index('practice_answers_user').on(table.userId, table.questionId, table.answeredAt)],
);

/** 每日一练: the five question versions drawn for a person on a Beijing day, in order. */
export const dailySets = sqliteTable(
  'daily_sets',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in Beijing time. */
    day: text('day').notNull(),
    /** JSON array of question version ids. */
    versionIds: text('version_ids').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);
