import { and, desc, eq, sql } from 'drizzle-orm';
import { lessonProgress, studyClock, studyDays } from '../../../db/schema';
import { advanceClock, autoCompletes, beijingDay, creditSeconds } from '../progress-rules';
import type { Db } from './db';
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

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function touch(tx: Tx, userId: number, lesson: LessonRef, now: number): Promise<void> {
  await tx
    .insert(lessonProgress)
    .values({ userId, lessonId: lesson.lessonId, courseId: lesson.courseId, openedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { lastSeenAt: now } });
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

/** The person opened a lesson: remember it as their place in the course and start the clock. */
export async function recordOpen(db: Db, userId: number, lesson: LessonRef, now = Date.now()): Promise<LessonState> {
  return db.transaction(async (tx) => {
    await touch(tx, userId, lesson, now);
    await tx
      .insert(studyClock)
      .values({ userId, lastCreditAt: now })
      .onConflictDoUpdate({ target: studyClock.userId, set: { lastCreditAt: sql`max(${studyClock.lastCreditAt}, ${now})` } });
    return (await state(tx, userId, lesson.lessonId)) as LessonState;
  });
}

interface BeatJob {
  userId: number;
  lesson: LessonRef;
  reachedEnd: boolean;
  now: number;
  resolve: (state: LessonState) => void;
  reject: (error: unknown) => void;
}

async function beatInTransaction(tx: Tx, job: BeatJob): Promise<LessonState> {
  const { userId, lesson, reachedEnd, now } = job;
  const clock = await tx.select({ lastCreditAt: studyClock.lastCreditAt }).from(studyClock).where(eq(studyClock.userId, userId));
  const last = clock[0]?.lastCreditAt;
  const credit = creditSeconds(last, now);
  const advanced = advanceClock(last, now, credit);
  await tx
    .insert(studyClock)
    .values({ userId, lastCreditAt: advanced })
    .onConflictDoUpdate({ target: studyClock.userId, set: { lastCreditAt: advanced } });
  const rows = await tx
    .insert(lessonProgress)
    .values({ userId, lessonId: lesson.lessonId, courseId: lesson.courseId, openedAt: now, lastSeenAt: now, seconds: credit })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      set: { lastSeenAt: now, seconds: sql`${lessonProgress.seconds} + ${credit}` },
    })
    .returning({ openedAt: lessonProgress.openedAt, completedAt: lessonProgress.completedAt, seconds: lessonProgress.seconds });
  const current = rows[0] as LessonState;
  if (credit > 0) {
    await tx
      .insert(studyDays)
      .values({ userId, day: beijingDay(now), seconds: credit })
      .onConflictDoUpdate({ target: [studyDays.userId, studyDays.day], set: { seconds: sql`${studyDays.seconds} + ${credit}` } });
  }
  if (current.completedAt === null && autoCompletes({ reachedEnd, seconds: current.seconds, estimatedMinutes: lesson.minutes })) {
    await markComplete(tx, userId, lesson.lessonId, now);
    current.completedAt = now;
    if (lesson.course) await issueIfComplete(tx, userId, lesson.course, now);
  }
  return current;
}

const pendingBeats = new Map<Db, BeatJob[]>();

/**
 * Group commit: heartbeats that arrive together are written in one transaction, so hundreds of
 * readers cost a few commits a second rather than hundreds. If the shared transaction fails, each
 * heartbeat is retried alone, so one bad heartbeat cannot lose the others.
 */
async function flushBeats(db: Db): Promise<void> {
  const jobs = pendingBeats.get(db) ?? [];
  pendingBeats.delete(db);
  try {
    const states = await db.transaction(async (tx) => {
      const out: LessonState[] = [];
      for (const job of jobs) out.push(await beatInTransaction(tx, job));
      return out;
    });
    jobs.forEach((job, index) => job.resolve(states[index] as LessonState));
  } catch {
    for (const job of jobs) db.transaction((tx) => beatInTransaction(tx, job)).then(job.resolve, job.reject);
  }
}

/**
 * A heartbeat from a visible lesson with an active reader. Credits the time since this person's
 * last credit (capped), so two tabs never count a minute twice; completes the lesson when the rule
 * says so. Written in a write transaction (shared with heartbeats arriving at the same moment):
 * concurrent heartbeats cannot lose each other's seconds.
 */
export function recordHeartbeat(
  db: Db,
  userId: number,
  lesson: LessonRef,
  reachedEnd: boolean,
  now = Date.now(),
): Promise<LessonState> {
  return new Promise((resolve, reject) => {
    let queue = pendingBeats.get(db);
    if (!queue) {
      queue = [];
      pendingBeats.set(db, queue);
      setImmediate(() => void flushBeats(db));
    }
    queue.push({ userId, lesson, reachedEnd, now, resolve, reject });
  });
}

async function markComplete(tx: Tx | Db, userId: number, lessonId: string, now: number): Promise<void> {
  await tx
    .update(lessonProgress)
    .set({ completedAt: sql`coalesce(${lessonProgress.completedAt}, ${now})` })
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
}

/** 我学完了: completing twice keeps the first time. */
export async function recordComplete(db: Db, userId: number, lesson: LessonRef, now = Date.now()): Promise<LessonState> {
  return db.transaction(async (tx) => {
    await touch(tx, userId, lesson, now);
    await markComplete(tx, userId, lesson.lessonId, now);
    if (lesson.course) await issueIfComplete(tx, userId, lesson.course, now);
    return (await state(tx, userId, lesson.lessonId)) as LessonState;
  });
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
    for (const course of courses.values()) await issueIfComplete(tx, userId, course, now);
    return items.length;
  });
}

export async function listProgress(db: Db, userId: number): Promise<Array<typeof lessonProgress.$inferSelect>> {
  return db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
}

export async function listStudyDays(db: Db, userId: number): Promise<Array<{ day: string; seconds: number }>> {
  return db.select({ day: studyDays.day, seconds: studyDays.seconds }).from(studyDays).where(eq(studyDays.userId, userId));
}

/** The lesson this person looked at last, for 继续学习. */
export async function lastOpenedLesson(db: Db, userId: number): Promise<string | undefined> {
  const rows = await db
    .select({ lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, userId))
    .orderBy(desc(lessonProgress.lastSeenAt))
    .limit(1);
  return rows[0]?.lessonId;
}
