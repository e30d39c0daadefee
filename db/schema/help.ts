import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { activities } from './activities';

/**
 * The 智慧助老 help centre: how each guide is read and judged, help requests answered by volunteers
 * (银发数字辅导员), and the hours volunteers give (霞光时间银行). Times are UTC epoch milliseconds.
 * The guides themselves are MDX in content/help/; `guideId` is the guide's slug there.
 */

/** How many times each guide was opened: /help/ lists the most-read first. One row per guide. */
export const guideReads = sqliteTable('guide_reads', {
  guideId: text('guide_id').primaryKey(),
  reads: integer('reads').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * 这篇有帮助吗: one answer per click (visitors may answer too: the guides are public). A signed-in
 * person's later answer about the same guide replaces their earlier one (the unique index).
 */
export const guideFeedback = sqliteTable(
  'guide_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guideId: text('guide_id').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    /** What was missing or unclear, in the reader's words ('' when they wrote nothing). */
    comment: text('comment').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('guide_feedback_guide').on(table.guideId, table.helpful), uniqueIndex('guide_feedback_user').on(table.guideId, table.userId)],
);

/** How the person would like to be helped. */
export const HELP_WAYS = ['phone', 'in-person', 'family'] as const;
export type HelpWay = (typeof HELP_WAYS)[number];

/** waiting (in the queue), claimed (a volunteer is on it), closed (done; the answer is shown). */
export const HELP_STATUSES = ['waiting', 'claimed', 'closed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/**
 * A help request. It is always the requester's own: the phone to call back is read from their
 * account at the time of the call, so only the requester, the volunteer who claimed it and admins
 * ever see it. A claim is one conditional UPDATE (`where status = 'waiting'`), so of two volunteers
 * claiming at once exactly one wins.
 */
export const helpRequests = sqliteTable(
  'help_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The common problem picked from the list (src/lib/help-requests.ts), or null when typed only. */
    topic: text('topic'),
    /** The problem in the person's own words. */
    problem: text('problem').notNull(),
    way: text('way', { enum: HELP_WAYS }).notNull(),
    /** When they would like the call or the visit, in their words or a picked slot (上午、下午 …). */
    preferredTime: text('preferred_time').notNull().default(''),
    status: text('status', { enum: HELP_STATUSES }).notNull().default('waiting'),
    claimedBy: integer('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimedAt: integer('claimed_at'),
    /** What the volunteer did and told the person: shown to the requester once closed. */
    answer: text('answer').notNull().default(''),
    /** Time the volunteer spent, 0–480 minutes (0–8 hours); set when closed. */
    minutes: integer('minutes'),
    closedAt: integer('closed_at'),
    /** Who closed it (the claiming volunteer, or an admin). */
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('help_requests_status').on(table.status, table.createdAt),
    index('help_requests_requester').on(table.requesterId, table.createdAt),
    index('help_requests_claimed').on(table.claimedBy, table.status),
  ],
);

export const HELP_EVENT_KINDS = ['created', 'claimed', 'handed-back', 'closed'] as const;
export type HelpEventKind = (typeof HELP_EVENT_KINDS)[number];

/** What happened to a request, in order (the volunteer's note when handing back, …). */
export const helpRequestEvents = sqliteTable(
  'help_request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: HELP_EVENT_KINDS }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('help_request_events_request').on(table.requestId, table.createdAt)],
);

/**
 * 霞光时间银行: hours a volunteer gave, 0–480 minutes a row (migrations 0010/0011 check the range).
 * A closed request adds one row (unique per request); help given at an activity adds one row per
 * volunteer and activity, recorded by the activity's organiser.
 * The hours outlive the account: closing it leaves the row with no volunteer (0011), and the 党支部
 * copied when the row was written keeps a 党支部's total as it was reported. The name copied with it
 * is replaced by a token when the account closes (0011's trigger): enough to count people, no name.
 */
export const volunteerHours = sqliteTable(
  'volunteer_hours',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** null once the volunteer has closed their account (the hours stay). */
    volunteerId: integer('volunteer_id').references(() => users.id, { onDelete: 'set null' }),
    /** The volunteer's name (after closing: 已注销#id) and 党支部 (null: none) when the row was written. */
    volunteerName: text('volunteer_name').notNull().default(''),
    branchName: text('branch_name'),
    requestId: integer('request_id').references(() => helpRequests.id, { onDelete: 'set null' }),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    minutes: integer('minutes').notNull(),
    /** When the help was given: the month it counts in. */
    servedAt: integer('served_at').notNull(),
    /** What was done, in a few words (shown in the admin's list and the export). */
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    /** An organiser's 删除这条记录 (activity help only): left out of every total; 撤销 clears it. */
    deletedAt: integer('deleted_at'),
    deletedBy: integer('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('volunteer_hours_volunteer').on(table.volunteerId, table.servedAt),
    uniqueIndex('volunteer_hours_request').on(table.requestId),
    uniqueIndex('volunteer_hours_activity').on(table.activityId, table.volunteerId),
  ],
);
