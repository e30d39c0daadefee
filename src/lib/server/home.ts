import type { Db } from './db';
import type { User } from './users';
import { lastOpenedLesson, listProgress } from './progress';
import { dailyProgress } from './practice';
import { contestsFor } from './contests';
import { summarizeCourses, type CatalogCourse } from '../progress-summary';
import { canStart } from '../contest-time';

/** What the home page tells a signed-in person about their own day. */
export interface MyDay {
  /** 继续学习: the lesson to go on with, and how far they have got in its course. */
  resume: { lessonId: string; title: string; courseTitle: string; completed: number; total: number; percent: number } | undefined;
  /** Today's 每日一练: how many questions, how many answered (0 questions: the banks are not ready). */
  daily: { total: number; done: number };
  /** A contest running now that they may still enter, or one they are in the middle of. */
  contest: { id: number; title: string; inProgress: boolean } | undefined;
  // Their next activity (红色观影 and other screenings) joins here once screenings are built.
}

/**
 * The home page's 继续学习, 每日一练 and 知识竞赛 tiles, from the same functions 我的学习, 练习 and
 * 知识竞赛 use: the lesson to resume is progress.ts's choice, so the home page and 我的学习 agree.
 */
export async function myDay(db: Db, user: User, catalog: CatalogCourse[], now = Date.now()): Promise<MyDay> {
  const [resumeId, rows, daily, contests] = await Promise.all([
    lastOpenedLesson(db, user.id),
    listProgress(db, user.id),
    dailyProgress(db, user.id, now),
    contestsFor(db, user, now),
  ]);
  const course = catalog.find((entry) => entry.lessons.some((lesson) => lesson.id === resumeId));
  const lesson = course?.lessons.find((entry) => entry.id === resumeId);
  const summary = course ? summarizeCourses([course], rows)[0] : undefined;
  const running = contests.find(
    (contest) => contest.phase === 'open' && (contest.mine.open || canStart(contest, now, contest.mine.used, contest.attemptsAllowed) === true),
  );
  return {
    resume:
      course && lesson
        ? { lessonId: lesson.id, title: lesson.title, courseTitle: course.title, completed: summary?.completed ?? 0, total: course.lessons.length, percent: summary?.percent ?? 0 }
        : undefined,
    daily: { total: daily.set.length, done: daily.set.filter((question) => daily.answered.has(question.versionId)).length },
    contest: running ? { id: running.id, title: running.title, inProgress: running.mine.open } : undefined,
  };
}
