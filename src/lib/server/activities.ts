import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { activities, type ActivityKind } from '../../../db/schema';
import type { Db, Tx } from './db';

/** Reading the activity schedule: one activity, or a span of it, with its seats counted. */
export type Activity = typeof activities.$inferSelect;

export interface ActivityWithSeats extends Activity {
  /** Seats held now (confirmed sign-ups, and cancelled ones still within their 撤销 time). */
  seatsTaken: number;
  seatsFree: number;
  /** Sign-ups on the waitlist. */
  waitlisted: number;
}

// Written out in full: in a one-table select drizzle leaves column names unqualified, and inside
// the subquery a bare "id" would mean the sign-up's own id.
const seatsTaken = sql<number>`(select coalesce(sum(s.seats_held), 0) from activity_signups s where s.activity_id = "activities"."id")`;
const waitlisted = sql<number>`(select count(*) from activity_signups s where s.activity_id = "activities"."id" and s.status = 'waitlisted')`;

function withSeats(row: { activity: Activity; seatsTaken: number; waitlisted: number }): ActivityWithSeats {
  return { ...row.activity, seatsTaken: row.seatsTaken, waitlisted: row.waitlisted, seatsFree: Math.max(0, row.activity.capacity - row.seatsTaken) };
}

/** One activity with its seats; undefined for an id that does not exist. */
export async function getActivity(db: Db | Tx, id: number): Promise<ActivityWithSeats | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const rows = await db.select({ activity: activities, seatsTaken, waitlisted }).from(activities).where(eq(activities.id, id));
  return rows[0] ? withSeats(rows[0]) : undefined;
}

export interface ActivityQuery {
  /** Activities starting at or after this time. */
  from?: number;
  /** Activities starting before this time. */
  to?: number;
  kind?: ActivityKind;
  filmSlug?: string;
  /** Latest first (past activities); otherwise soonest first. */
  newestFirst?: boolean;
  limit?: number;
}

export async function listActivities(db: Db, query: ActivityQuery = {}): Promise<ActivityWithSeats[]> {
  const conditions: SQL[] = [];
  if (query.from !== undefined) conditions.push(gte(activities.startsAt, query.from));
  if (query.to !== undefined) conditions.push(lt(activities.startsAt, query.to));
  if (query.kind) conditions.push(eq(activities.kind, query.kind));
  if (query.filmSlug) conditions.push(eq(activities.filmSlug, query.filmSlug));
  const rows = await db
    .select({ activity: activities, seatsTaken, waitlisted })
    .from(activities)
    .where(and(...conditions))
    .orderBy(query.newestFirst ? desc(activities.startsAt) : asc(activities.startsAt), asc(activities.id))
    .limit(query.limit ?? 500);
  return rows.map(withSeats);
}
