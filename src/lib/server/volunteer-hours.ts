import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { activities, branches, users, volunteerHours } from '../../../db/schema';
import { fail, ok, type Result } from '../result';
import { HOURS_MESSAGE, MAX_HELP_MINUTES, hoursByMonth } from '../help-requests';
import { normalizePhone } from '../phone';
import { charCount } from '../reflection-rules';
import type { Db, Writer } from './db';

/**
 * 霞光时间银行: the hours volunteers give. A closed request adds one row (written in the closing
 * transaction, help-requests.ts); an organiser records help given at an activity, one row per
 * volunteer and activity. Migration 0010's triggers refuse rows outside 0–480 minutes.
 */

export interface RequestHours {
  volunteerId: number;
  requestId: number;
  minutes: number;
  servedAt: number;
  note: string;
  recordedBy: number;
  now: number;
}

/** Joins the closing transaction: the hours exist exactly when the request is closed. */
export async function recordRequestHours(w: Writer, row: RequestHours): Promise<void> {
  await w.insert(volunteerHours).values({
    volunteerId: row.volunteerId,
    requestId: row.requestId,
    minutes: row.minutes,
    servedAt: row.servedAt,
    note: row.note,
    recordedBy: row.recordedBy,
    createdAt: row.now,
  });
}

/** A volunteer's own hours by Beijing month, newest first (/me/). */
export async function myHoursByMonth(db: Db, volunteerId: number): Promise<Array<{ month: string; minutes: number }>> {
  const rows = await db.select({ minutes: volunteerHours.minutes, servedAt: volunteerHours.servedAt }).from(volunteerHours).where(eq(volunteerHours.volunteerId, volunteerId));
  return hoursByMonth(rows);
}

export interface VolunteerTotal {
  volunteerId: number;
  name: string;
  phone: string;
  branchName: string | null;
  minutes: number;
  /** Requests closed, and activities helped at. */
  requests: number;
  activities: number;
}

/** Totals per volunteer, most hours first (the admins' page and its export). */
export async function totalsPerVolunteer(db: Db): Promise<VolunteerTotal[]> {
  return db
    .select({
      volunteerId: users.id,
      name: users.displayName,
      phone: users.phone,
      branchName: branches.name,
      minutes: sql<number>`sum(${volunteerHours.minutes})`,
      requests: sql<number>`count(${volunteerHours.requestId})`,
      activities: sql<number>`count(${volunteerHours.activityId})`,
    })
    .from(volunteerHours)
    .innerJoin(users, eq(users.id, volunteerHours.volunteerId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .groupBy(users.id)
    .orderBy(desc(sql`sum(${volunteerHours.minutes})`), asc(users.id));
}

export interface BranchTotal {
  branchName: string | null;
  minutes: number;
  volunteers: number;
}

/** Totals per 党支部 of the volunteers (null: volunteers with no 党支部), most hours first. */
export async function totalsPerBranch(db: Db): Promise<BranchTotal[]> {
  return db
    .select({
      branchName: branches.name,
      minutes: sql<number>`sum(${volunteerHours.minutes})`,
      volunteers: sql<number>`count(distinct ${volunteerHours.volunteerId})`,
    })
    .from(volunteerHours)
    .innerJoin(users, eq(users.id, volunteerHours.volunteerId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .groupBy(users.branchId)
    .orderBy(desc(sql`sum(${volunteerHours.minutes})`));
}

export interface ActivityHelp {
  volunteerId: number;
  name: string;
  minutes: number;
  note: string;
}

/** Who helped at an activity and for how long (the organiser's activity page). */
export async function activityHelp(db: Db, activityId: number): Promise<ActivityHelp[]> {
  return db
    .select({ volunteerId: users.id, name: users.displayName, minutes: volunteerHours.minutes, note: volunteerHours.note })
    .from(volunteerHours)
    .innerJoin(users, eq(users.id, volunteerHours.volunteerId))
    .where(and(eq(volunteerHours.activityId, activityId), isNotNull(volunteerHours.activityId)))
    .orderBy(asc(volunteerHours.id));
}

export const ACTIVITY_HELP_NOTE_MAX_CHARS = 100;

export interface ActivityHelpInput {
  activityId: number;
  phone: string;
  minutes: number;
  note: string;
  recordedBy: number;
  now?: number;
}

/**
 * Records (or corrects) the time one person gave helping at an activity, found by their phone
 * number. Counts in the month the activity took place; only once it has begun.
 */
export async function recordActivityHelp(db: Db, input: ActivityHelpInput): Promise<Result<string>> {
  const now = input.now ?? Date.now();
  const note = input.note.trim();
  if (charCount(note) > ACTIVITY_HELP_NOTE_MAX_CHARS) return fail(`做了什么最多写${ACTIVITY_HELP_NOTE_MAX_CHARS}个字。`, 'helpNote');
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > MAX_HELP_MINUTES) return fail(HOURS_MESSAGE, 'hours');
  const phone = normalizePhone(input.phone);
  return db.transaction(async (tx) => {
    const activity = (await tx.select({ startsAt: activities.startsAt }).from(activities).where(eq(activities.id, input.activityId)))[0];
    if (!activity) return fail('没有找到这项活动，请回到活动列表重新选择。');
    if (activity.startsAt > now) return fail('活动开始以后才能记录志愿服务时长。');
    const person = (await tx.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.phone, phone)))[0];
    if (!person) return fail('没有找到这个手机号的账号，请核对号码。', 'volunteerPhone');
    await tx
      .insert(volunteerHours)
      .values({ volunteerId: person.id, activityId: input.activityId, minutes: input.minutes, servedAt: activity.startsAt, note, recordedBy: input.recordedBy, createdAt: now })
      .onConflictDoUpdate({ target: [volunteerHours.activityId, volunteerHours.volunteerId], set: { minutes: input.minutes, note, recordedBy: input.recordedBy } });
    return ok(`已记录${person.name}的志愿服务时长。`);
  });
}
