import { and, asc, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { activities, activitySignups, users, type ActivityKind } from '../../../db/schema';
import type { Db } from './db';
import { checkInAtDoor, type DoorOutcome } from './activity-signups';
import { activityHours, KIND_LABELS } from '../activity-rules';
import { fail, ok, type Result } from '../result';

/**
 * 签到 at the door, on one tablet or several at once: ticking is idempotent (the first tablet's time
 * stays, a second tick says 已签到 and is never an error), someone on the waitlist who comes is
 * let in (with a seat if one is free, else attending without one), a mistake can be taken back,
 * and a walk-in is signed up and recorded as attending in one step (activity-signups.ts
 * signUpByPhone). Attendance then counts in the study records (我的学习, the instructor's and the
 * admin's overviews, the personal CSV).
 */

export interface CheckedIn extends DoorOutcome {
  name: string;
}

/** Ticks one sign-up as present; from the activity's day (Beijing time) on. */
export async function checkIn(db: Db, input: { activityId: number; signupId: number; by: number; now?: number }): Promise<Result<CheckedIn>> {
  const done = await checkInAtDoor(db, input);
  if (!done.ok) return done;
  const { userId, guestName, ...door } = done.value;
  return ok({ ...door, name: await nameOf(db, { userId, guestName }) });
}

async function nameOf(db: Db, row: { userId: number | null; guestName: string | null }): Promise<string> {
  if (row.userId === null) return row.guestName ?? '';
  return (await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.userId)))[0]?.name ?? '';
}

/** Takes a tick back (ticked the wrong line). */
export async function uncheck(db: Db, input: { activityId: number; signupId: number }): Promise<Result<{ name: string }>> {
  const rows = await db
    .update(activitySignups)
    .set({ checkedInAt: null, checkedInBy: null })
    .where(and(eq(activitySignups.id, input.signupId), eq(activitySignups.activityId, input.activityId)))
    .returning({ userId: activitySignups.userId, guestName: activitySignups.guestName });
  const row = rows[0];
  return row ? ok({ name: await nameOf(db, row) }) : fail('没有找到这条报名，请刷新页面再试。');
}

export interface AttendedActivity {
  activityId: number;
  kind: ActivityKind;
  /** 红色观影, 红色游学 …: how the study record names it. */
  kindLabel: string;
  title: string;
  startsAt: number;
  hours: number;
}

/** The activities a person attended (checked in; not those later cancelled), latest first, each with the study hours it adds. */
export async function attendedActivities(db: Db, userId: number): Promise<AttendedActivity[]> {
  const rows = await db
    .select({ id: activities.id, kind: activities.kind, title: activities.title, startsAt: activities.startsAt, endsAt: activities.endsAt })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and(eq(activitySignups.userId, userId), eq(activitySignups.status, 'confirmed'), isNotNull(activitySignups.checkedInAt), ne(activities.status, 'cancelled')))
    .orderBy(desc(activities.startsAt), desc(activities.id));
  return rows.map((row) => ({ activityId: row.id, kind: row.kind, kindLabel: KIND_LABELS[row.kind], title: row.title, startsAt: row.startsAt, hours: activityHours(row) }));
}

export interface AttendanceByKind {
  kind: ActivityKind;
  kindLabel: string;
  /** Activities of this kind at which anyone was checked in. */
  activities: number;
  /** Check-ins (people with an account and guests alike). */
  attendances: number;
  /** Study hours added to people's records (account holders only: guests have none). */
  hours: number;
}

/** Attendance across the site, by kind (红色观影, 红色游学 …; cancelled activities left out): for the instructor's and the admin's overviews. */
export async function attendanceByKind(db: Db): Promise<AttendanceByKind[]> {
  const rows = await db
    .select({
      kind: activities.kind,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      attendances: sql<number>`count(*)`,
      members: sql<number>`count(${activitySignups.userId})`,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and(eq(activitySignups.status, 'confirmed'), isNotNull(activitySignups.checkedInAt), ne(activities.status, 'cancelled')))
    .groupBy(activities.id)
    .orderBy(asc(activities.kind));
  const byKind = new Map<ActivityKind, AttendanceByKind>();
  for (const row of rows) {
    const entry = byKind.get(row.kind) ?? { kind: row.kind, kindLabel: KIND_LABELS[row.kind], activities: 0, attendances: 0, hours: 0 };
    entry.activities += 1;
    entry.attendances += Number(row.attendances);
    entry.hours += activityHours(row) * Number(row.members);
    byKind.set(row.kind, entry);
  }
  return [...byKind.values()];
}
