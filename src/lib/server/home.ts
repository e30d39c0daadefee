import type { Db } from './db';
import type { User } from './users';
import { listProgress } from './progress';
import { dailyProgress } from './practice';
import { myContests } from './contest-attempts';
import { courseToContinue, summarizeCourses, type CatalogCourse } from '../progress-summary';
import { canStart } from '../contest-time';
import { nextActivity, type NextActivity } from './schedule';

/** What the home page tells a signed-in person about their own day. */
export interface MyDay {
  /** 继续学习: the lesson to go on with, and how far they have got in its course. */
  resume: { lessonId: string; title: string; courseTitle: string; completed: number; total: number; percent: number } | undefined;
  /** How many courses they have begun (for nothingToContinue when there is nothing to resume). */
  coursesBegun: number;
  /** Today's 每日一练: how many questions, how many answered (0 questions: the banks are not ready). */
  daily: { total: number; done: number };
  /**
   * A contest running now that they may still enter, or one they are in the middle of (inProgress,
   * with the deadline of the attempt under way for 还剩 N 分钟, as on the contest list).
   */
  contest: { id: number; title: string; inProgress: boolean; deadline: number | null } | undefined;
  /** Their next activity (红色观影 …): confirmed or waitlisted, not yet over, the same as 我的学习 shows. */
  activity: NextActivity | undefined;
}

/**
 * The home page's 继续学习, 每日一练, 知识竞赛 and 我的下一个活动 tiles, from the same functions 我的学习, 练习 and
 * 知识竞赛 use: the lesson to resume is progress-summary.ts's choice, so the home page and 我的学习 agree.
 */
export async function myDay(db: Db, user: User, catalog: CatalogCourse[], now = Date.now()): Promise<MyDay> {
  const [rows, daily, contests, activity] = await Promise.all([
    listProgress(db, user.id),
    dailyProgress(db, user.id, now),
    myContests(db, user, now),
    nextActivity(db, user.id, now),
  ]);
  // The same choice as 我的学习 (progress-summary.ts): the next unfinished lesson, never the one just finished.
  const courses = summarizeCourses(catalog, rows);
  const course = courseToContinue(courses);
  const running = contests.find(
    (contest) => contest.phase === 'open' && (contest.mine.open || canStart(contest, now, contest.mine.used, contest.attemptsAllowed) === true),
  );
  return {
    resume: course?.nextLesson
      ? { lessonId: course.nextLesson.id, title: course.nextLesson.title, courseTitle: course.title, completed: course.completed, total: course.total, percent: course.percent }
      : undefined,
    coursesBegun: courses.length,
    daily: { total: daily.set.length, done: daily.set.filter((question) => daily.answered.has(question.versionId)).length },
    contest: running ? { id: running.id, title: running.title, inProgress: running.mine.open, deadline: running.mine.openDeadline } : undefined,
    activity,
  };
}
