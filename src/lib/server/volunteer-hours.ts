import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { activities, branches, helpRequests, users, volunteerHours } from '../../../db/schema';
import { fail, ok, type Result } from '../result';
import { HOURS_MESSAGE, MAX_HELP_MINUTES, formatMinutes, hoursByMonth } from '../help-requests';
import { UNDO_MINUTES, UNDO_MS } from '../activity-rules';
import { formatTimeOfDay } from '../beijing-time';
import { normalizePhone } from '../phone';
import { charCount } from '../reflection-rules';
import { BRANCH_HEADER, CLOSED_VOLUNTEER, VOLUNTEER_HEADER, branchSheetRows, volunteerSheetRows } from '../volunteer-hours-rows';
import type { ActivityHelp, BranchTotal, DeletedHelp, VolunteerTotal } from '../volunteer-hours-rows';

export type { ActivityHelp, BranchTotal, DeletedHelp, VolunteerTotal };
import { toXlsxBook } from '../spreadsheet';
import { recordAudit } from './audit';
import type { Db, Writer } from './db';

/**
 * 霞光时间银行: the hours volunteers give. A closed request adds one row (written in the closing
 * transaction, help-requests.ts); an organiser records help given at an activity, one row per
 * volunteer and activity. Migration 0010's triggers (remade in 0011) refuse rows outside 0–480 minutes.
 * Each row copies the volunteer's name and 党支部 when written: when the account is closed the row
 * stays (volunteer_id becomes null, the name becomes a token, migration 0011) and still counts for
 * the 党支部 it was reported under, shown as 已注销的志愿者.
 * Every change an organiser or admin makes to hours is written to the audit log (安全记录).
 */

/** Rows that count: not deleted by an organiser (a deleted row waits for 撤销, then stays out). */
const counted = isNull(volunteerHours.deletedAt);

/** The name and 党支部 the row keeps, as they are when it is written. */
async function snapshot(w: Writer, volunteerId: number): Promise<{ volunteerName: string; branchName: string | null }> {
  const row = (
    await w
      .select({ volunteerName: users.displayName, branchName: branches.name })
      .from(users)
      .leftJoin(branches, eq(branches.id, users.branchId))
      .where(eq(users.id, volunteerId))
  )[0];
  return { volunteerName: row?.volunteerName ?? '', branchName: row?.branchName ?? null };
}

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
    ...(await snapshot(w, row.volunteerId)),
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
  const rows = await db.select({ minutes: volunteerHours.minutes, servedAt: volunteerHours.servedAt }).from(volunteerHours).where(and(eq(volunteerHours.volunteerId, volunteerId), counted));
  return hoursByMonth(rows);
}


/** A closed account's rows are grouped by the 党支部 they were written under; a live one's by person. */
const closedBranch = sql`case when ${volunteerHours.volunteerId} is null then ${volunteerHours.branchName} end`;

/** Totals per volunteer, most hours first (the admins' page and its export). */
export async function totalsPerVolunteer(db: Db): Promise<VolunteerTotal[]> {
  return db
    .select({
      volunteerId: volunteerHours.volunteerId,
      name: sql<string>`coalesce(${users.displayName}, ${CLOSED_VOLUNTEER})`,
      phone: sql<string>`coalesce(${users.phone}, '')`,
      branchName: sql<string | null>`case when ${users.id} is null then ${volunteerHours.branchName} else ${branches.name} end`,
      minutes: sql<number>`sum(${volunteerHours.minutes})`,
      requests: sql<number>`count(${volunteerHours.requestId})`,
      activities: sql<number>`count(${volunteerHours.activityId})`,
    })
    .from(volunteerHours)
    .leftJoin(users, eq(users.id, volunteerHours.volunteerId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(counted)
    .groupBy(volunteerHours.volunteerId, closedBranch)
    .orderBy(desc(sql`sum(${volunteerHours.minutes})`), sql`${volunteerHours.volunteerId} is null`, asc(volunteerHours.volunteerId));
}


/**
 * Totals per 党支部 (null: volunteers with no 党支部), most hours first. Each row counts under the
 * 党支部 its volunteer was in when it was written, so a total once reported does not change later.
 */
export async function totalsPerBranch(db: Db): Promise<BranchTotal[]> {
  return db
    .select({
      branchName: volunteerHours.branchName,
      minutes: sql<number>`sum(${volunteerHours.minutes})`,
      volunteers: sql<number>`count(distinct coalesce(cast(${volunteerHours.volunteerId} as text), ${volunteerHours.volunteerName}))`,
    })
    .from(volunteerHours)
    .where(counted)
    .groupBy(volunteerHours.branchName)
    .orderBy(desc(sql`sum(${volunteerHours.minutes})`));
}


const helperName = sql<string>`coalesce(${users.displayName}, ${CLOSED_VOLUNTEER})`;

/** Who helped at an activity and for how long (the organiser's activity page). */
export async function activityHelp(db: Db, activityId: number): Promise<ActivityHelp[]> {
  return db
    .select({ volunteerId: volunteerHours.volunteerId, name: helperName, minutes: volunteerHours.minutes, note: volunteerHours.note })
    .from(volunteerHours)
    .leftJoin(users, eq(users.id, volunteerHours.volunteerId))
    .where(and(eq(volunteerHours.activityId, activityId), isNotNull(volunteerHours.activityId), counted))
    .orderBy(asc(volunteerHours.id));
}


/** Lines deleted in the last UNDO_MINUTES at an activity: each can still be brought back. */
export async function recentlyDeletedHelp(db: Db, activityId: number, now = Date.now()): Promise<DeletedHelp[]> {
  const rows = await db
    .select({ volunteerId: volunteerHours.volunteerId, name: helperName, minutes: volunteerHours.minutes, deletedAt: volunteerHours.deletedAt })
    .from(volunteerHours)
    .leftJoin(users, eq(users.id, volunteerHours.volunteerId))
    .where(and(eq(volunteerHours.activityId, activityId), gt(volunteerHours.deletedAt, now - UNDO_MS), isNotNull(volunteerHours.volunteerId)))
    .orderBy(asc(volunteerHours.deletedAt));
  return rows.map((row) => ({ volunteerId: row.volunteerId!, name: row.name, minutes: row.minutes, undoUntil: (row.deletedAt ?? now) + UNDO_MS }));
}

export const ACTIVITY_HELP_NOTE_MAX_CHARS = 100;

export interface ActivityHelpInput {
  activityId: number;
  phone: string;
  minutes: number;
  note: string;
  recordedBy: number;
  /** Admins may record their own help; organisers may not. */
  recorderIsAdmin?: boolean;
  now?: number;
}

/**
 * Records (or corrects) the time one person gave helping at an activity, found by their phone
 * number. Counts in the month the activity took place; only once it has begun. Audited.
 */
export async function recordActivityHelp(db: Db, input: ActivityHelpInput): Promise<Result<string>> {
  const now = input.now ?? Date.now();
  const note = input.note.trim();
  if (charCount(note) > ACTIVITY_HELP_NOTE_MAX_CHARS) return fail(`做了什么最多写${ACTIVITY_HELP_NOTE_MAX_CHARS}个字。`, 'helpNote');
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > MAX_HELP_MINUTES) return fail(HOURS_MESSAGE, 'hours');
  const phone = normalizePhone(input.phone);
  return db.transaction(async (tx) => {
    const activity = (await tx.select({ startsAt: activities.startsAt, title: activities.title }).from(activities).where(eq(activities.id, input.activityId)))[0];
    if (!activity) return fail('没有找到这项活动，请回到活动列表重新选择。');
    if (activity.startsAt > now) return fail('活动开始以后才能记录志愿服务时长。');
    const person = (await tx.select({ id: users.id, name: users.displayName, volunteer: users.volunteer }).from(users).where(eq(users.phone, phone)))[0];
    if (!person) return fail('没有找到这个手机号的账号，请核对号码。', 'volunteerPhone');
    if (person.id === input.recordedBy && !input.recorderIsAdmin) return fail('不能给自己记录志愿服务时长，请另一位组织者或管理员来记。', 'volunteerPhone');
    if (!person.volunteer) return fail(`${person.name}还没有“志愿者”标记。请先请管理员在“人员与角色”里给这个账号加上标记，再来记录。`, 'volunteerPhone');
    const earlier = (
      await tx
        .select({ minutes: volunteerHours.minutes, deletedAt: volunteerHours.deletedAt })
        .from(volunteerHours)
        .where(and(eq(volunteerHours.activityId, input.activityId), eq(volunteerHours.volunteerId, person.id)))
    )[0];
    const corrects = earlier && earlier.deletedAt === null ? earlier.minutes : undefined;
    const row = { minutes: input.minutes, note, recordedBy: input.recordedBy, servedAt: activity.startsAt, ...(await snapshot(tx, person.id)), deletedAt: null, deletedBy: null };
    await tx
      .insert(volunteerHours)
      .values({ volunteerId: person.id, activityId: input.activityId, createdAt: now, ...row })
      .onConflictDoUpdate({ target: [volunteerHours.activityId, volunteerHours.volunteerId], set: row });
    await recordAudit(
      tx,
      { kind: 'volunteer.hours', actorId: input.recordedBy, subjectId: person.id, detail: { activityTitle: activity.title, minutes: input.minutes, ...(corrects === undefined ? {} : { beforeMinutes: corrects }) } },
      now,
    );
    return ok(
      corrects === undefined
        ? `已记录${person.name}的志愿服务时长。`
        : `已更正${person.name}的志愿服务时长：这次记的${formatMinutes(input.minutes)}代替了之前记的${formatMinutes(corrects)}。`,
    );
  });
}

interface HelpLine {
  activityId: number;
  volunteerId: number;
  actorId: number;
  now?: number;
}

/** 删除这条记录: the line leaves every total at once; 撤销 brings it back for UNDO_MINUTES. Audited. */
export async function deleteActivityHelp(db: Db, input: HelpLine): Promise<Result<string>> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const gone = await tx
      .update(volunteerHours)
      .set({ deletedAt: now, deletedBy: input.actorId })
      .where(and(eq(volunteerHours.activityId, input.activityId), eq(volunteerHours.volunteerId, input.volunteerId), counted))
      .returning({ minutes: volunteerHours.minutes, name: volunteerHours.volunteerName });
    const row = gone[0];
    if (!row) return fail('这条记录已经删除了，或者已经改过，请看下面的名单。');
    const title = await activityTitle(tx, input.activityId);
    await recordAudit(tx, { kind: 'volunteer.hours.delete', actorId: input.actorId, subjectId: input.volunteerId, detail: { activityTitle: title, minutes: row.minutes } }, now);
    return ok(`已删除${row.name}的${formatMinutes(row.minutes)}。如果删错了，${formatTimeOfDay(now + UNDO_MS)}之前（${UNDO_MINUTES}分钟内）可以撤销。`);
  });
}

/** 撤销 a deletion made less than UNDO_MINUTES ago. Audited. */
export async function restoreActivityHelp(db: Db, input: HelpLine): Promise<Result<string>> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const back = await tx
      .update(volunteerHours)
      .set({ deletedAt: null, deletedBy: null })
      .where(and(eq(volunteerHours.activityId, input.activityId), eq(volunteerHours.volunteerId, input.volunteerId), gt(volunteerHours.deletedAt, now - UNDO_MS)))
      .returning({ minutes: volunteerHours.minutes, name: volunteerHours.volunteerName });
    const row = back[0];
    if (!row) return fail(`删除已经超过${UNDO_MINUTES}分钟，不能撤销了。如果还要记，请重新记录一次。`);
    const title = await activityTitle(tx, input.activityId);
    await recordAudit(tx, { kind: 'volunteer.hours.restore', actorId: input.actorId, subjectId: input.volunteerId, detail: { activityTitle: title, minutes: row.minutes } }, now);
    return ok(`已撤销删除，${row.name}的${formatMinutes(row.minutes)}又记上了。`);
  });
}

async function activityTitle(w: Writer, activityId: number): Promise<string> {
  return (await w.select({ title: activities.title }).from(activities).where(eq(activities.id, activityId)))[0]?.title ?? '';
}

export interface RequestHoursLine {
  requestId: number;
  name: string;
  minutes: number;
  servedAt: number;
}

/** The latest closed requests' hours, newest first: what an admin may correct. */
export async function requestHoursLines(db: Db, limit = 50): Promise<RequestHoursLine[]> {
  return db
    .select({ requestId: sql<number>`${volunteerHours.requestId}`, name: sql<string>`coalesce(${users.displayName}, ${CLOSED_VOLUNTEER})`, minutes: volunteerHours.minutes, servedAt: volunteerHours.servedAt })
    .from(volunteerHours)
    .leftJoin(users, eq(users.id, volunteerHours.volunteerId))
    .where(and(isNotNull(volunteerHours.requestId), counted))
    .orderBy(desc(volunteerHours.servedAt), desc(volunteerHours.id))
    .limit(limit);
}

/**
 * An admin corrects the hours of a closed request (a volunteer typed 8 for 0.8): the request and
 * its row in the time bank change together, and the audit log keeps the time before.
 */
export async function correctRequestHours(db: Db, input: { requestId: number; minutes: number; actorId: number; now?: number }): Promise<Result<string>> {
  const now = input.now ?? Date.now();
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > MAX_HELP_MINUTES) return fail(HOURS_MESSAGE, 'hours');
  return db.transaction(async (tx) => {
    const row = (
      await tx
        .select({ minutes: volunteerHours.minutes, volunteerId: volunteerHours.volunteerId })
        .from(volunteerHours)
        .where(and(eq(volunteerHours.requestId, input.requestId), counted))
    )[0];
    if (!row) return fail('没有找到这条求助的服务时长，请在列表里重新选择。', 'requestId');
    if (row.minutes === input.minutes) return fail(`这条求助记的已经是${formatMinutes(row.minutes)}，没有改动。`, 'hours');
    await tx.update(volunteerHours).set({ minutes: input.minutes }).where(eq(volunteerHours.requestId, input.requestId));
    await tx.update(helpRequests).set({ minutes: input.minutes }).where(eq(helpRequests.id, input.requestId));
    await recordAudit(tx, { kind: 'volunteer.hours.correct', actorId: input.actorId, subjectId: row.volunteerId, detail: { requestId: input.requestId, minutes: input.minutes, beforeMinutes: row.minutes } }, now);
    return ok(`已把第${input.requestId}号求助的服务时长从${formatMinutes(row.minutes)}改为${formatMinutes(input.minutes)}，已记入安全记录。`);
  });
}

/** The Excel export: one sheet per volunteer, one per 党支部, from the same totals the page shows. */
export async function volunteerHoursBook(db: Db): Promise<Uint8Array<ArrayBuffer>> {
  const [volunteers, branchTotals] = await Promise.all([totalsPerVolunteer(db), totalsPerBranch(db)]);
  return toXlsxBook([
    { name: '按志愿者', header: VOLUNTEER_HEADER, rows: volunteerSheetRows(volunteers), width: (header) => (header === '手机号' ? 16 : header === '党支部' ? 24 : 18) },
    { name: '按党支部', header: BRANCH_HEADER, rows: branchSheetRows(branchTotals), width: (header) => (header === '党支部' ? 24 : 18) },
  ]);
}
