import { and, asc, desc, eq, isNotNull, ne, type SQL } from 'drizzle-orm';
import { activities, activitySignups, branches, reflections, users, type ReflectionStatus } from '../../../db/schema';
import { fail, ok, type Result } from '../result';
import { reflectionBodyProblem, rejectReasonProblem } from '../reflection-rules';
import { reflectionPath } from '../activity-agenda';
import type { Db } from './db';
import { sendMessage } from './messages';

/** An approved 观后感 as the public sees it: the name and 党支部 only when the author agreed. */
export interface PublicReflection {
  id: number;
  /** Plain text as written; pages show it as text, never as markup. */
  body: string;
  authorName: string | null;
  branchName: string | null;
  approvedAt: number;
}

/** The person's sign-up to this activity was checked in at the door. */
async function attended(db: Pick<Db, 'select'>, activityId: number, userId: number): Promise<boolean> {
  const row = (
    await db
      .select({ id: activitySignups.id })
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId), isNotNull(activitySignups.checkedInAt)))
      .limit(1)
  )[0];
  return row !== undefined;
}

export interface MyReflection {
  id: number;
  body: string;
  showName: boolean;
  status: ReflectionStatus;
  rejectReason: string;
  updatedAt: number;
}

export interface ReflectionForm {
  activity: { id: number; title: string; startsAt: number; filmSlug: string | null };
  /** Checked in at the door: only then may they write. */
  attended: boolean;
  reflection: MyReflection | undefined;
}

const mine = {
  id: reflections.id,
  body: reflections.body,
  showName: reflections.showName,
  status: reflections.status,
  rejectReason: reflections.rejectReason,
  updatedAt: reflections.updatedAt,
};

/** What the writing page needs, or undefined when the activity does not exist. */
export async function reflectionForm(db: Db, activityId: number, userId: number): Promise<ReflectionForm | undefined> {
  const activity = (
    await db
      .select({ id: activities.id, title: activities.title, startsAt: activities.startsAt, filmSlug: activities.filmSlug })
      .from(activities)
      .where(eq(activities.id, activityId))
  )[0];
  if (!activity) return undefined;
  const [wasThere, reflection] = await Promise.all([
    attended(db, activityId, userId),
    db
      .select(mine)
      .from(reflections)
      .where(and(eq(reflections.activityId, activityId), eq(reflections.userId, userId)))
      .then((rows) => rows[0]),
  ]);
  return { activity, attended: wasThere, reflection };
}

export interface ReflectionInput {
  activityId: number;
  userId: number;
  body: string;
  showName: boolean;
  now?: number;
}

/**
 * Writes (or rewrites) the person's reflection on an activity they attended. It waits for an
 * organiser again: a rewrite of a pending or rejected one goes back into the queue. Once published
 * it is not changed any more.
 */
export async function writeReflection(db: Db, input: ReflectionInput): Promise<Result<{ id: number }>> {
  const now = input.now ?? Date.now();
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const problem = reflectionBodyProblem(body);
  if (problem) return fail(problem, 'body');
  const activity = (await db.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)))[0];
  if (!activity) return fail('没有找到这个活动，请回到活动安排重新查看。');
  if (!(await attended(db, input.activityId, input.userId))) return fail('参加了活动（在门口签到）以后才能写观后感。');
  const written = await db
    .insert(reflections)
    .values({ activityId: input.activityId, userId: input.userId, body, showName: input.showName, status: 'pending', createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [reflections.activityId, reflections.userId],
      set: { body, showName: input.showName, status: 'pending', rejectReason: '', updatedAt: now, reviewedAt: null, reviewedBy: null },
      // Published ones stay as they were approved.
      setWhere: ne(reflections.status, 'approved'),
    })
    .returning({ id: reflections.id });
  const id = written[0]?.id;
  if (id === undefined) return fail('这篇观后感已经发表，不能再修改。');
  return ok({ id });
}

type Review = { id: number; by: number; now?: number };

/**
 * Publishes a reflection waiting in the queue, and tells its author in 我的消息. Two organisers
 * reviewing at once: the first wins, the second is told it was already done.
 */
export async function approveReflection(db: Db, review: Review): Promise<Result<undefined>> {
  return settleReview(db, review, 'approved', '');
}

/** Sends a reflection back with a short reason the author reads (on the page and in 我的消息). */
export async function rejectReflection(db: Db, review: Review & { reason: string }): Promise<Result<undefined>> {
  // Pages add the full stop themselves.
  const reason = review.reason.trim().replace(/[。．.！!]+$/, '');
  const problem = rejectReasonProblem(reason);
  if (problem) return fail(problem, 'reason');
  return settleReview(db, review, 'rejected', reason);
}

async function settleReview(db: Db, { id, by, now = Date.now() }: Review, status: 'approved' | 'rejected', reason: string): Promise<Result<undefined>> {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(reflections)
      .set({ status, rejectReason: reason, reviewedAt: now, reviewedBy: by })
      .where(and(eq(reflections.id, id), eq(reflections.status, 'pending')))
      .returning({ userId: reflections.userId, activityId: reflections.activityId });
    const row = done[0];
    if (!row) return fail('这篇观后感已经审核过了，或者作者已经修改，请刷新页面再看。');
    const title = (await tx.select({ title: activities.title }).from(activities).where(eq(activities.id, row.activityId)))[0]?.title ?? '';
    await sendMessage(tx, {
      userId: row.userId,
      kind: 'reflection.reviewed',
      subject: `reflection:${id}`,
      title: status === 'approved' ? `您写的《${title}》观后感已经发表` : `您写的《${title}》观后感没有通过审核`,
      body: status === 'approved' ? '大家可以在影片页面看到它了。谢谢您的分享！' : `原因：${reason}。您可以修改以后再提交。`,
      link: reflectionPath(row.activityId),
      now,
    });
    return ok();
  });
}

/**
 * Reflections with their activity, their author and the author's 党支部 (null when the author has
 * none): the organisers' queue and the published lists read them the same way.
 */
function reflectionRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: reflections.id,
      body: reflections.body,
      showName: reflections.showName,
      authorName: users.displayName,
      branchName: branches.name,
      activityId: activities.id,
      activityTitle: activities.title,
      activityStartsAt: activities.startsAt,
      reviewedAt: reflections.reviewedAt,
      updatedAt: reflections.updatedAt,
    })
    .from(reflections)
    .innerJoin(activities, eq(activities.id, reflections.activityId))
    .innerJoin(users, eq(users.id, reflections.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(where);
}

export interface QueuedReflection {
  id: number;
  body: string;
  showName: boolean;
  authorName: string;
  branchName: string | null;
  activityId: number;
  activityTitle: string;
  activityStartsAt: number;
  updatedAt: number;
}

/** The organisers' queue: reflections waiting for review, the longest-waiting first. */
export async function listQueue(db: Db): Promise<QueuedReflection[]> {
  return reflectionRows(db, eq(reflections.status, 'pending'))
    .orderBy(asc(reflections.updatedAt), asc(reflections.id));
}

/** Everything the person wrote, with its status and any reason it was not published. */
export async function myReflections(db: Db, userId: number): Promise<Array<MyReflection & { activityId: number; activityTitle: string }>> {
  return db
    .select({ ...mine, activityId: activities.id, activityTitle: activities.title })
    .from(reflections)
    .innerJoin(activities, eq(activities.id, reflections.activityId))
    .where(eq(reflections.userId, userId))
    .orderBy(desc(reflections.updatedAt));
}

/** The approved reflections on a film's screenings, or on one activity; newest approval first. */
export async function approvedReflections(db: Db, query: { filmSlug?: string; activityId?: number; limit?: number }): Promise<PublicReflection[]> {
  const conditions: SQL[] = [eq(reflections.status, 'approved')];
  if (query.filmSlug !== undefined) conditions.push(eq(activities.filmSlug, query.filmSlug));
  if (query.activityId !== undefined) conditions.push(eq(reflections.activityId, query.activityId));
  const rows = await reflectionRows(db, and(...conditions))
    .orderBy(desc(reflections.reviewedAt), desc(reflections.id))
    .limit(query.limit ?? 50);
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    authorName: row.showName ? row.authorName : null,
    branchName: row.showName ? row.branchName : null,
    approvedAt: row.reviewedAt ?? row.updatedAt,
  }));
}
