import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { branches, users } from './accounts';
import { questionBanks, questions, questionVersions } from './questions';

/** Column makers for the foreign keys every contest table repeats. */
const contestRef = () => integer('contest_id').notNull().references(() => contests.id, { onDelete: 'cascade' });
const userRef = () => integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' });
const attemptRef = () => integer('attempt_id').notNull().references(() => contestAttempts.id, { onDelete: 'cascade' });

/** 知识竞赛: when it runs, how papers are drawn and scored, who may take it, what is shown when. */
export const contests = sqliteTable('contests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  bankId: integer('bank_id')
    .notNull()
    .references(() => questionBanks.id, { onDelete: 'restrict' }),
  opensAt: integer('opens_at').notNull(),
  closesAt: integer('closes_at').notNull(),
  /** Minutes per attempt; null: until the contest closes. */
  timeLimitMinutes: integer('time_limit_minutes'),
  attemptsAllowed: integer('attempts_allowed').notNull().default(1),
  /** JSON DrawRule[] (src/lib/contest-draw.ts). */
  drawRules: text('draw_rules').notNull(),
  shuffleOptions: integer('shuffle_options', { mode: 'boolean' }).notNull().default(true),
  /** JSON PointsRule (src/lib/contest-results.ts). */
  points: text('points').notNull(),
  /** everyone, or only the branches in contest_branches. */
  eligibility: text('eligibility', { enum: ['all', 'branches'] }).notNull().default('all'),
  /** When a contestant sees the right answers and 解析 of their attempt. */
  answersVisible: text('answers_visible', { enum: ['after_submit', 'after_close', 'never'] }).notNull().default('after_close'),
  /** JSON Award[]: 一等奖 up to rank 3 … */
  awards: text('awards').notNull().default('[]'),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
});

/** The branches that may take a contest whose eligibility is `branches`. */
export const contestBranches = sqliteTable(
  'contest_branches',
  {
    contestId: contestRef(),
    branchId: integer('branch_id')
      .notNull()
      .references(() => branches.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.contestId, table.branchId] })],
);

/** Extra time for a person (poor eyesight, a tremor): minutes, or null for no limit at all. */
export const contestExtraTime = sqliteTable(
  'contest_extra_time',
  {
    contestId: contestRef(),
    userId: userRef(),
    extraMinutes: integer('extra_minutes'),
  },
  (table) => [primaryKey({ columns: [table.contestId, table.userId] })],
);

/** One person's attempt. The database allows one unsubmitted attempt per person and contest. */
export const contestAttempts = sqliteTable(
  'contest_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contestId: contestRef(),
    userId: userRef(),
    /** 1 for the first attempt; unique per person, so the attempt limit holds under races. */
    number: integer('number').notNull(),
    startedAt: integer('started_at').notNull(),
    /** Server time after which answers are refused (plus the grace) and the attempt is submitted. */
    deadline: integer('deadline').notNull(),
    submittedAt: integer('submitted_at'),
    /** manual, or deadline (submitted by the server when time ran out). */
    submittedBy: text('submitted_by', { enum: ['person', 'deadline'] }),
    score: integer('score_hundredths'),
    correct: integer('correct'),
  },
  (table) => [
    uniqueIndex('contest_attempts_number').on(table.contestId, table.userId, table.number),
    uniqueIndex('contest_attempts_one_open').on(table.contestId, table.userId).where(sql`submitted_at is null`),
    index('contest_attempts_contest').on(table.contestId, table.submittedAt),
  ],
);

/** The questions of an attempt, in the order shown, with the person's latest answer. */
export const attemptQuestions = sqliteTable(
  'attempt_questions',
  {
    attemptId: attemptRef(),
    /** 1-based: 第3题. */
    position: integer('position').notNull(),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'restrict' }),
    /** The version shown, which the answer is scored against. */
    versionId: integer('version_id')
      .notNull()
      .references(() => questionVersions.id, { onDelete: 'restrict' }),
    /** JSON: shown position → stored option index. */
    optionOrder: text('option_order').notNull(),
    /** JSON QuestionResponse in stored option indexes; null until answered. */
    response: text('response'),
    answeredAt: integer('answered_at'),
    /** Hundredths of a point, set at submission. */
    points: integer('points_hundredths'),
  },
  (table) => [primaryKey({ columns: [table.attemptId, table.position] })],
);

/** The audit trail of an attempt: every start, answer, refusal and submission, with its time. */
export const attemptEvents = sqliteTable(
  'attempt_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: attemptRef(),
    at: integer('at').notNull(),
    kind: text('kind', { enum: ['start', 'answer', 'refused', 'submit', 'deadline'] }).notNull(),
    /** JSON: the position answered, the reason refused … */
    detail: text('detail').notNull().default('{}'),
  },
  (table) => [index('attempt_events_attempt').on(table.attemptId, table.at)],
);

/**
 * 获奖证书 of a contest: one per person and contest, issued once the contest has closed, verifiable
 * by its public code like a course certificate. Title, award, rank and score are copied at issue, so
 * a later edit of the contest never changes a certificate already handed out.
 */
export const contestAwards = sqliteTable(
  'contest_awards',
  {
    /** XG-ABCD-EFGH-JK, from the same generator as course certificates. */
    code: text('code').primaryKey(),
    contestId: contestRef(),
    userId: userRef(),
    contestTitle: text('contest_title').notNull(),
    /** 一等奖 … */
    award: text('award').notNull(),
    rank: integer('rank').notNull(),
    scoreHundredths: integer('score_hundredths').notNull(),
    issuedAt: integer('issued_at').notNull(),
  },
  (table) => [uniqueIndex('contest_awards_contest_user').on(table.contestId, table.userId), index('contest_awards_user').on(table.userId)],
);
