import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/**
 * The activity schedule: 红色观影 screenings first, 红色游学 visits and 经典诵读 sessions through the
 * same tables and code. Times are UTC epoch milliseconds, shown in Asia/Shanghai.
 *
 * Seats are enforced by SQLite itself (triggers in migration 0009): the seats held by an activity's
 * sign-ups can never exceed its capacity, and its capacity can never be lowered below them.
 */
export const ACTIVITY_KINDS = ['film', 'visit', 'reading', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** scheduled; moved (new time or place, sign-ups kept); cancelled (with a reason). */
export const ACTIVITY_STATUSES = ['scheduled', 'moved', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

const userRef = (name: string) => integer(name).references(() => users.id, { onDelete: 'set null' });

export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    title: text('title').notNull(),
    /** The film's slug in content/films (红色观影). */
    filmSlug: text('film_slug'),
    /** Where a 红色游学 visit goes (the base or memorial hall). */
    destination: text('destination'),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    venueName: text('venue_name').notNull(),
    venueAddress: text('venue_address').notNull(),
    venueRoom: text('venue_room').notNull().default(''),
    capacity: integer('capacity').notNull(),
    /** 微党课 before the film: topic and speaker (both or neither). */
    talkTopic: text('talk_topic'),
    talkSpeaker: text('talk_speaker'),
    /** A related lesson, as `<course>/<lesson>` (src/lib/lesson-path.ts). */
    lessonId: text('lesson_id'),
    /** What to bring, where to meet the bus … (plain text, shown as written). */
    notes: text('notes').notNull().default(''),
    /** Sign-ups and cancellations are accepted until this time. */
    signupClosesAt: integer('signup_closes_at').notNull(),
    /** Whether a sign-up may bring one 同行家属 (two seats). */
    companionsAllowed: integer('companions_allowed', { mode: 'boolean' }).notNull().default(true),
    status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('scheduled'),
    /** Why it was cancelled or moved, shown to everyone signed up. */
    statusReason: text('status_reason').notNull().default(''),
    /** iCalendar SEQUENCE: bumped on every change people's calendars must pick up. */
    sequence: integer('sequence').notNull().default(0),
    createdBy: userRef('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('activities_starts').on(table.startsAt), index('activities_film').on(table.filmSlug)],
);

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** self: the person signed up; organiser: an organiser did it for them (or for a guest); walk-in: added at the door. */
export const SIGNUP_SOURCES = ['self', 'organiser', 'walk-in'] as const;
export type SignupSource = (typeof SIGNUP_SOURCES)[number];

/**
 * 报名. A person (userId) or a guest without an account (guestName + guestPhone, signed up by an
 * organiser). `seats` is 1, or 2 with a 同行家属. `seatsHeld` is what the row occupies now: `seats`
 * while confirmed, and for 10 minutes after a confirmed sign-up is cancelled (so 撤销 can restore
 * it), then 0; always 0 while waitlisted. The waitlist is ordered by `queuedAt`, then `id`.
 */
export const activitySignups = sqliteTable(
  'activity_signups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    guestName: text('guest_name'),
    guestPhone: text('guest_phone'),
    seats: integer('seats').notNull(),
    /** The companion's name, when the person gave one (optional). */
    companionName: text('companion_name'),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    seatsHeld: integer('seats_held').notNull().default(0),
    source: text('source', { enum: SIGNUP_SOURCES }).notNull().default('self'),
    /** Place in the waitlist (the time of signing up; kept when 撤销 restores a cancelled sign-up). */
    queuedAt: integer('queued_at').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: userRef('created_by'),
    /** When a waitlisted sign-up got its seat(s). */
    promotedAt: integer('promoted_at'),
    cancelledAt: integer('cancelled_at'),
    /** The status before cancelling, which 撤销 restores within 10 minutes. */
    cancelledFrom: text('cancelled_from', { enum: ['confirmed', 'waitlisted'] }),
    /** When a cancelled sign-up's held seats went back to the pool (null while still held). */
    releasedAt: integer('released_at'),
    /** 签到 at the door; set once, whichever tablet is first. */
    checkedInAt: integer('checked_in_at'),
    checkedInBy: userRef('checked_in_by'),
  },
  (table) => [
    // One live sign-up per person, and per guest phone, for each activity.
    uniqueIndex('activity_signups_person').on(table.activityId, table.userId).where(sql`status <> 'cancelled' and user_id is not null`),
    uniqueIndex('activity_signups_guest').on(table.activityId, table.guestPhone).where(sql`status <> 'cancelled' and user_id is null`),
    index('activity_signups_queue').on(table.activityId, table.status, table.queuedAt),
    index('activity_signups_user').on(table.userId),
    // Cancelled sign-ups still holding seats for 撤销: what settling looks for on every visit.
    index('activity_signups_held').on(table.cancelledAt).where(sql`status = 'cancelled' and seats_held > 0`),
  ],
);

export const REFLECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReflectionStatus = (typeof REFLECTION_STATUSES)[number];

/** 观后感: written after attending; public only once an organiser approves it. */
export const reflections = sqliteTable(
  'reflections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Plain text, 20–2,000 characters; always shown as text, never as markup. */
    body: text('body').notNull(),
    /** The author agreed to show their display name and 党支部 with it. */
    showName: integer('show_name', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: REFLECTION_STATUSES }).notNull().default('pending'),
    /** Why it was not published, shown to the author. */
    rejectReason: text('reject_reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    reviewedAt: integer('reviewed_at'),
    reviewedBy: userRef('reviewed_by'),
  },
  (table) => [uniqueIndex('reflections_one_per_person').on(table.activityId, table.userId), index('reflections_status').on(table.status, table.createdAt)],
);

/**
 * A person's calendar subscription (webcal feed of their confirmed activities). The token is looked
 * up by its SHA-256 hash; `tokenSealed` keeps it encrypted (secret-box.ts) so the page can show the
 * address again. Resetting replaces both, and the old address stops working.
 */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('calendar_feeds_token').on(table.tokenHash)],
);
