import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { activities, activitySignups, users, type ActivityKind } from '../../../db/schema';
import type { Db } from './db';
import { getActivity } from './activities';
import { signUp, signUpGuest } from './activity-signups';
import { activityHours, KIND_LABELS } from '../activity-rules';
import { fail, ok, type Result } from '../result';

/**
 * 签到 at the door, on one tablet or several at once: ticking is idempotent (the first tablet's time
 * stays, a second tick says 已签到 and is never an error), a mistake can be taken back, and a walk-in
 * is signed up and recorded as attending in one step. Attendance then counts in the study records
 * (我的学习, the instructor's and the admin's overviews, the personal CSV).
 */

const NOT_FOUND = '没有找到这项活动，请回到活动列表重新选择。';

export interface CheckedIn {
  name: string;
  /** Someone had already ticked this person (another tablet, or a second tap). */
  already: boolean;
}

/** Ticks one confirmed sign-up as present. Safe when two tablets tick the same person at once. */
export async function checkIn(db: Db, input: { activityId: number; signupId: number; by: number; now?: number }): Promise<Result<CheckedIn>> {
  const now = input.now ?? Date.now();
  const activity = await getActivity(db, input.activityId);
  if (!activity) return fail(NOT_FOUND);
  if (activity.status === 'cancelled') return fail('这项活动已经取消，不用签到。');
  // One statement: whichever tablet is first sets the time, the other leaves it as it is.
  const rows = await db
    .update(activitySignups)
    .set({
      checkedInAt: sql`coalesce(${activitySignups.checkedInAt}, ${now})`,
      checkedInBy: sql`coalesce(${activitySignups.checkedInBy}, ${input.by})`,
    })
    .where(and(eq(activitySignups.id, input.signupId), eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'confirmed')))
    .returning({ checkedInAt: activitySignups.checkedInAt, userId: activitySignups.userId, guestName: activitySignups.guestName });
  const row = rows[0];
  if (!row) return fail(await whyNot(db, input.signupId, activity.id));
  return ok({ name: await nameOf(db, row), already: row.checkedInAt !== now });
}

async function whyNot(db: Db, signupId: number, activityId: number): Promise<string> {
  const found = (await db.select({ status: activitySignups.status }).from(activitySignups).where(and(eq(activitySignups.id, signupId), eq(activitySignups.activityId, activityId))))[0];
  if (found?.status === 'waitlisted') return '这位还在候补名单上，没有座位。如果现场还有空座，请用下面的“现场报名”为他登记。';
  if (found?.status === 'cancelled') return '这位已经取消了报名。如果人来了，请用下面的“现场报名”为他登记。';
  return '没有找到这条报名，请刷新页面再试。';
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

/**
 * Someone who came without signing up, added at the door and recorded as attending (with a seat,
 * or without one when none is left: they are there). An account holder (found by phone) is signed
 * up as themselves, so the visit counts in their own record.
 */
export async function walkIn(
  db: Db,
  input: { activityId: number; name: string; phone: string; companion: boolean; by: number; now?: number },
): Promise<Result<{ name: string }>> {
  const now = input.now ?? Date.now();
  const account = (await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.phone, input.phone)))[0];
  if (!account) {
    const added = await signUpGuest(db, { activityId: input.activityId, name: input.name, phone: input.phone, companion: input.companion, by: input.by, source: 'walk-in', now });
    return added.ok ? ok({ name: input.name }) : added;
  }
  const added = await signUp(db, { activityId: input.activityId, userId: account.id, companion: input.companion, by: input.by, walkIn: true, now });
  return added.ok ? ok({ name: account.name }) : added;
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

/** The activities a person attended (checked in), latest first, each with the study hours it adds. */
export async function attendedActivities(db: Db, userId: number): Promise<AttendedActivity[]> {
  const rows = await db
    .select({ id: activities.id, kind: activities.kind, title: activities.title, startsAt: activities.startsAt, endsAt: activities.endsAt })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and(eq(activitySignups.userId, userId), eq(activitySignups.status, 'confirmed'), isNotNull(activitySignups.checkedInAt)))
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

/** Attendance across the site, by kind (红色观影, 红色游学 …): for the instructor's and the admin's overviews. */
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
    .where(and(eq(activitySignups.status, 'confirmed'), isNotNull(activitySignups.checkedInAt)))
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
