import { and, eq, inArray, sql } from 'drizzle-orm';
import { lessonProgress, studyClock, studyDays } from '../../../db/schema';
import { advanceClock, autoCompletes, creditSeconds } from '../progress-rules';
import { beijingDay } from '../beijing-time';
import type { Db, Tx } from './db';
import { groupCommit } from './group-commit';
import { issueIfComplete, type CourseForCertificate } from './certificates';

export interface LessonRef {
  lessonId: string;
  courseId: string;
  /** Estimated reading minutes, for the automatic-completion rule. */
  minutes: number;
  /** The course, for issuing its certificate when this completes it; absent in some tests. */
  course?: CourseForCertificate;
}

export interface LessonState {
  openedAt: number;
  completedAt: number | null;
  seconds: number;
}


async function state(tx: Tx | Db, userId: number, lessonId: string): Promise<LessonState | null> {
  const rows = await tx
    .select({ openedAt: lessonProgress.openedAt, completedAt: lessonProgress.completedAt, seconds: lessonProgress.seconds })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
  return rows[0] ?? null;
}

export function getLessonState(db: Db, userId: number, lessonId: string): Promise<LessonState | null> {
  return state(db, userId, lessonId);
}

interface ProgressJob {
  /** open: remember the place and start the clock; beat: credit reading time; complete: 我学完了. */
  event: 'open' | 'beat' | 'complete';
  userId: number;
  lesson: LessonRef;
  reachedEnd: boolean;
  now: number;
}

const keyOf = (userId: number, lessonId: string): string => `${userId} ${lessonId}`;

/** Reading time each job earns, and where each person's clock ends up, in arrival order. */
async function creditClocks(tx: Tx, jobs: ProgressJob[]): Promise<number[]> {
  const clockUsers = [...new Set(jobs.filter((job) => job.event !== 'complete').map((job) => job.userId))];
  if (clockUsers.length === 0) return jobs.map(() => 0);
  const rows = await tx.select().from(studyClock).where(inArray(studyClock.userId, clockUsers));
  const clocks = new Map<number, number>(rows.map((row) => [row.userId, row.lastCreditAt]));
  const credits = jobs.map((job) => {
    const last = clocks.get(job.userId);
    if (job.event === 'open') clocks.set(job.userId, last === undefined ? job.now : Math.max(last, job.now));
    if (job.event !== 'beat') return 0;
    const credit = creditSeconds(last, job.now);
    clocks.set(job.userId, advanceClock(last, job.now, credit));
    return credit;
  });
  await tx
    .insert(studyClock)
    .values(clockUsers.map((userId) => ({ userId, lastCreditAt: clocks.get(userId) as number })))
    .onConflictDoUpdate({ target: studyClock.userId, set: { lastCreditAt: sql`excluded.last_credit_at` } });
  return credits;
}

/**
 * Writes a batch of progress events with a handful of statements whatever its size: one read of
 * the clocks, one upsert each for clocks, lessons and study days, and certificates when a course
 * was finished. Returns each job's lesson state after the batch.
 */
async function writeBatch(tx: Tx, jobs: ProgressJob[]): Promise<LessonState[]> {
  const credits = await creditClocks(tx, jobs);
  const rows = await tx
    .insert(lessonProgress)
    .values(
      jobs.map((job, index) => ({
        userId: job.userId,
        lessonId: job.lesson.lessonId,
        courseId: job.lesson.courseId,
        openedAt: job.now,
        lastSeenAt: job.now,
        seconds: credits[index] ?? 0,
        completedAt: job.event === 'complete' ? job.now : null,
      })),
    )
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      set: {
        lastSeenAt: sql`max(${lessonProgress.lastSeenAt}, excluded.last_seen_at)`,
        seconds: sql`${lessonProgress.seconds} + excluded.seconds`,
        completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
      },
    })
    .returning({
      userId: lessonProgress.userId,
      lessonId: lessonProgress.lessonId,
      openedAt: lessonProgress.openedAt,
      completedAt: lessonProgress.completedAt,
      seconds: lessonProgress.seconds,
    });
  // A lesson written twice in one batch returns a row per write, in no set order: the latest has
  // the most seconds (they only grow).
  const states = new Map<string, LessonState>();
  for (const row of rows) {
    const key = keyOf(row.userId, row.lessonId);
    const seen = states.get(key);
    if (!seen || row.seconds > seen.seconds || (row.seconds === seen.seconds && seen.completedAt === null)) {
      states.set(key, { openedAt: row.openedAt, completedAt: row.completedAt, seconds: row.seconds });
    }
  }

  const finished: Array<{ userId: number; course: CourseForCertificate }> = [];
  for (const job of jobs) {
    const current = states.get(keyOf(job.userId, job.lesson.lessonId)) as LessonState;
    if (job.event === 'beat' && current.completedAt === null && autoCompletes({ reachedEnd: job.reachedEnd, seconds: current.seconds, estimatedMinutes: job.lesson.minutes })) {
      await tx
        .update(lessonProgress)
        .set({ completedAt: sql`coalesce(${lessonProgress.completedAt}, ${job.now})` })
        .where(and(eq(lessonProgress.userId, job.userId), eq(lessonProgress.lessonId, job.lesson.lessonId)));
      current.completedAt = job.now;
    }
    if (job.lesson.course && (job.event === 'complete' || current.completedAt === job.now)) finished.push({ userId: job.userId, course: job.lesson.course });
  }

  const days = new Map<string, { userId: number; day: string; seconds: number }>();
  jobs.forEach((job, index) => {
    const credit = credits[index] ?? 0;
    if (credit <= 0) return;
    const day = beijingDay(job.now);
    const entry = days.get(`${job.userId} ${day}`) ?? { userId: job.userId, day, seconds: 0 };
    entry.seconds += credit;
    days.set(`${job.userId} ${day}`, entry);
  });
  if (days.size > 0) {
    await tx
      .insert(studyDays)
      .values([...days.values()])
      .onConflictDoUpdate({ target: [studyDays.userId, studyDays.day], set: { seconds: sql`${studyDays.seconds} + excluded.seconds` } });
  }
  await issueIfComplete(tx, finished, Math.max(...jobs.map((job) => job.now)));
  return jobs.map((job) => ({ ...(states.get(keyOf(job.userId, job.lesson.lessonId)) as LessonState) }));
}

/** Progress events are written by group commit (see group-commit.ts). */
const enqueue = groupCommit(writeBatch);

/** The person opened a lesson: remember it as their place in the course and start the clock. */
export function recordOpen(db: Db, userId: number, lesson: LessonRef, now = Date.now()): Promise<LessonState> {
  return enqueue(db, { event: 'open', userId, lesson, reachedEnd: false, now });
}

/**
 * A heartbeat from a visible lesson with an active reader. Credits the time since this person's
 * last credit (capped), so two tabs never count a minute twice; completes the lesson when the rule
 * says so. Written in a write transaction: concurrent heartbeats cannot lose each other's seconds.
 */
export function recordHeartbeat(db: Db, userId: number, lesson: LessonRef, reachedEnd: boolean, now = Date.now()): Promise<LessonState> {
  return enqueue(db, { event: 'beat', userId, lesson, reachedEnd, now });
}

/** 我学完了: completing twice keeps the first time. */
export function recordComplete(db: Db, userId: number, lesson: LessonRef, now = Date.now()): Promise<LessonState> {
  return enqueue(db, { event: 'complete', userId, lesson, reachedEnd: true, now });
}

export interface LocalProgress {
  lessonId: string;
  openedAt: number;
  completedAt: number | null;
  seconds: number;
}

/**
 * Progress kept in the browser while signed out, merged at sign-in: the earliest opening, the
 * earliest completion and the larger reading time win, so nothing already saved is lost.
 */
export async function mergeLocalProgress(
  db: Db,
  userId: number,
  items: Array<LocalProgress & { courseId: string; course?: CourseForCertificate }>,
  now = Date.now(),
): Promise<number> {
  return db.transaction(async (tx) => {
    for (const item of items) {
      const openedAt = Math.min(item.openedAt, now);
      const completedAt = item.completedAt === null ? null : Math.min(item.completedAt, now);
      await tx
        .insert(lessonProgress)
        .values({ userId, lessonId: item.lessonId, courseId: item.courseId, openedAt, lastSeenAt: openedAt, completedAt, seconds: item.seconds })
        .onConflictDoUpdate({
          target: [lessonProgress.userId, lessonProgress.lessonId],
          set: {
            openedAt: sql`min(${lessonProgress.openedAt}, ${openedAt})`,
            completedAt: sql`coalesce(min(${lessonProgress.completedAt}, ${completedAt}), ${lessonProgress.completedAt}, ${completedAt})`,
            seconds: sql`max(${lessonProgress.seconds}, ${item.seconds})`,
          },
        });
    }
    const courses = new Map(items.flatMap((item) => (item.course ? [[item.courseId, item.course] as const] : [])));
    await issueIfComplete(tx, [...courses.values()].map((course) => ({ userId, course })), now);
    return items.length;
  });
}

export async function listProgress(db: Db, userId: number): Promise<Array<typeof lessonProgress.$inferSelect>> {
  return db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
}

export async function listStudyDays(db: Db, userId: number): Promise<Array<{ day: string; seconds: number }>> {
  return db.select({ day: studyDays.day, seconds: studyDays.seconds }).from(studyDays).where(eq(studyDays.userId, userId));
}
