import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { branches, lessonProgress, users } from '../../../db/schema';
import type { Db } from './db';
import { maskPhone } from '../phone';
import { percentComplete } from '../progress-rules';
import { formatDate } from '../beijing-time';

/**
 * What instructors see of a course's learners (讲师工作台). Only progress on the course's published
 * lessons counts, so a lesson that was withdrawn cannot keep anyone from 全部学完. Every figure comes
 * from a grouped query; nothing is looked up per learner. Phone numbers leave this module masked.
 */

export const NO_BRANCH = '未填写支部';

export interface CourseRef {
  id: string;
  /** Published lessons, in lesson order. */
  lessonIds: string[];
}

export interface CourseTotals {
  /** Learners with any progress on the course. */
  started: number;
  /** Learners who completed every published lesson. */
  completed: number;
}

export interface FunnelStep {
  lessonId: string;
  opened: number;
  completed: number;
}

export interface BranchStats {
  name: string;
  started: number;
  completed: number;
  /** Mean of the learners' percent complete, rounded. */
  averagePercent: number;
}

export interface LearnerStats {
  userId: number;
  name: string;
  /** 138****5678: instructors never see full numbers. */
  maskedPhone: string;
  branch: string;
  lessonsCompleted: number;
  lastActivityAt: number;
}

export interface CourseStats extends CourseTotals {
  totalLessons: number;
  funnel: FunnelStep[];
  branches: BranchStats[];
  learners: LearnerStats[];
}

const onCourse = (course: CourseRef) =>
  and(eq(lessonProgress.courseId, course.id), inArray(lessonProgress.lessonId, course.lessonIds));

/** Started / completed for many courses in one query (the studio's course list). */
export async function courseTotals(db: Db, courses: CourseRef[]): Promise<Map<string, CourseTotals>> {
  const totals = new Map(courses.map((course) => [course.id, { started: 0, completed: 0 }]));
  const lessonIds = courses.flatMap((course) => course.lessonIds);
  if (lessonIds.length === 0) return totals;
  // Per learner and course, how many lessons are done; then how many learners share each count.
  const perLearner = db
    .select({ courseId: lessonProgress.courseId, done: sql<number>`count(${lessonProgress.completedAt})`.as('done') })
    .from(lessonProgress)
    .where(and(inArray(lessonProgress.courseId, [...totals.keys()]), inArray(lessonProgress.lessonId, lessonIds)))
    .groupBy(lessonProgress.courseId, lessonProgress.userId)
    .as('per_learner');
  const rows = await db
    .select({ courseId: perLearner.courseId, done: perLearner.done, learners: sql<number>`count(*)` })
    .from(perLearner)
    .groupBy(perLearner.courseId, sql`${perLearner.done}`);
  const sizes = new Map(courses.map((course) => [course.id, course.lessonIds.length]));
  for (const row of rows) {
    const entry = totals.get(row.courseId);
    const size = sizes.get(row.courseId) ?? 0;
    if (!entry) continue;
    entry.started += Number(row.learners);
    if (size > 0 && Number(row.done) >= size) entry.completed += Number(row.learners);
  }
  return totals;
}

async function funnelOf(db: Db, course: CourseRef): Promise<FunnelStep[]> {
  const rows = await db
    .select({
      lessonId: lessonProgress.lessonId,
      opened: sql<number>`count(*)`,
      completed: sql<number>`count(${lessonProgress.completedAt})`,
    })
    .from(lessonProgress)
    .where(onCourse(course))
    .groupBy(lessonProgress.lessonId);
  const byLesson = new Map(rows.map((row) => [row.lessonId, row]));
  return course.lessonIds.map((lessonId) => ({
    lessonId,
    opened: Number(byLesson.get(lessonId)?.opened ?? 0),
    completed: Number(byLesson.get(lessonId)?.completed ?? 0),
  }));
}

async function branchesOf(db: Db, course: CourseRef): Promise<BranchStats[]> {
  const total = course.lessonIds.length;
  const perLearner = db
    .select({ userId: lessonProgress.userId, done: sql<number>`count(${lessonProgress.completedAt})`.as('done') })
    .from(lessonProgress)
    .where(onCourse(course))
    .groupBy(lessonProgress.userId)
    .as('per_learner');
  const rows = await db
    .select({
      name: branches.name,
      started: sql<number>`count(*)`,
      completed: sql<number>`sum(${perLearner.done} >= ${total})`,
      averageDone: sql<number>`avg(${perLearner.done})`,
    })
    .from(perLearner)
    .innerJoin(users, eq(users.id, perLearner.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .groupBy(users.branchId);
  return rows
    .map((row) => ({
      name: row.name ?? NO_BRANCH,
      started: Number(row.started),
      completed: Number(row.completed ?? 0),
      averagePercent: total === 0 ? 0 : Math.round((Number(row.averageDone) / total) * 100),
    }))
    .sort((a, b) => b.started - a.started || a.name.localeCompare(b.name, 'zh-CN'));
}

async function learnersOf(db: Db, course: CourseRef): Promise<LearnerStats[]> {
  const lastActivity = sql<number>`max(${lessonProgress.lastSeenAt})`;
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      phone: users.phone,
      branch: branches.name,
      completed: sql<number>`count(${lessonProgress.completedAt})`,
      lastActivityAt: lastActivity,
    })
    .from(lessonProgress)
    .innerJoin(users, eq(users.id, lessonProgress.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(onCourse(course))
    .groupBy(users.id)
    .orderBy(desc(lastActivity), users.id);
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    maskedPhone: maskPhone(row.phone),
    branch: row.branch ?? NO_BRANCH,
    lessonsCompleted: Number(row.completed),
    lastActivityAt: Number(row.lastActivityAt),
  }));
}

/** Everything the studio's course page shows; three grouped queries, run side by side. */
export async function courseStats(db: Db, course: CourseRef): Promise<CourseStats> {
  const totalLessons = course.lessonIds.length;
  if (totalLessons === 0) return { started: 0, completed: 0, totalLessons, funnel: [], branches: [], learners: [] };
  const [funnel, branchRows, learners] = await Promise.all([funnelOf(db, course), branchesOf(db, course), learnersOf(db, course)]);
  return {
    started: branchRows.reduce((sum, row) => sum + row.started, 0),
    completed: branchRows.reduce((sum, row) => sum + row.completed, 0),
    totalLessons,
    funnel,
    branches: branchRows,
    learners,
  };
}

/** The learner table as the downloads carry it: a header row, then one row per learner. */
export const LEARNER_COLUMNS = ['姓名', '手机号', '党支部', '已学完课数', '完成比例', '最近学习日期'] as const;

export function learnerTableRows(stats: Pick<CourseStats, 'learners' | 'totalLessons'>): Array<Array<string | number>> {
  return stats.learners.map((learner) => [
    learner.name,
    learner.maskedPhone,
    learner.branch,
    learner.lessonsCompleted,
    `${percentComplete(learner.lessonsCompleted, stats.totalLessons)}%`,
    formatDate(learner.lastActivityAt),
  ]);
}
