import { percentComplete } from './progress-rules';
import { lastSevenDays } from './beijing-time';

export interface ProgressRow {
  lessonId: string;
  courseId: string;
  openedAt: number;
  lastSeenAt: number;
  completedAt: number | null;
  seconds: number;
}

export interface CatalogCourse {
  id: string;
  title: string;
  lessons: Array<{ id: string; title: string }>;
}

export interface CourseSummary {
  id: string;
  title: string;
  completed: number;
  total: number;
  percent: number;
  lastLesson: { id: string; title: string } | undefined;
  /** Where 继续学习 goes in this course; undefined once every lesson is finished. */
  nextLesson: { id: string; title: string } | undefined;
  lastSeenAt: number;
}

/**
 * The lesson to go on with in one course: the one looked at last if it is not finished, else the
 * first unfinished lesson after it, else the first unfinished one before it.
 */
function nextUnfinished(lessons: CatalogCourse['lessons'], lastId: string, finished: ReadonlySet<string>): CatalogCourse['lessons'][number] | undefined {
  const from = Math.max(0, lessons.findIndex((lesson) => lesson.id === lastId));
  const inOrder = [...lessons.slice(from), ...lessons.slice(0, from)];
  return inOrder.find((lesson) => !finished.has(lesson.id));
}

/** Per-course progress for 我的学习, most recently studied first; untouched courses left out. */
export function summarizeCourses(catalog: CatalogCourse[], rows: ProgressRow[]): CourseSummary[] {
  const summaries: CourseSummary[] = [];
  for (const course of catalog) {
    const mine = rows.filter((row) => row.courseId === course.id && course.lessons.some((l) => l.id === row.lessonId));
    if (mine.length === 0) continue;
    const last = mine.reduce((a, b) => (b.lastSeenAt > a.lastSeenAt ? b : a));
    const finished = new Set(mine.filter((row) => row.completedAt !== null).map((row) => row.lessonId));
    const completed = finished.size;
    summaries.push({
      id: course.id,
      title: course.title,
      completed,
      total: course.lessons.length,
      percent: percentComplete(completed, course.lessons.length),
      lastLesson: course.lessons.find((lesson) => lesson.id === last.lessonId),
      nextLesson: nextUnfinished(course.lessons, last.lessonId, finished),
      lastSeenAt: last.lastSeenAt,
    });
  }
  return summaries.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/**
 * 继续学习: the next unfinished lesson of the course studied most recently, passing over courses
 * already finished; undefined when nothing begun is left unfinished. Never the lesson just finished.
 */
export function lessonToContinue(summaries: readonly CourseSummary[]): { id: string; title: string } | undefined {
  return courseToContinue(summaries)?.nextLesson;
}

/** The course 继续学习 goes on with (see lessonToContinue), with how far the person has got in it. */
export function courseToContinue(summaries: readonly CourseSummary[]): CourseSummary | undefined {
  return summaries.find((course) => course.nextLesson);
}

/**
 * What the home page and 我的学习 say when there is no lesson to go on with (lessonToContinue is
 * undefined): either nothing was begun yet, or every course begun is finished.
 */
export function nothingToContinue(coursesBegun: number): string {
  return coursesBegun > 0 ? '您学过的课程都学完了。再挑一门新课吧。' : '您还没有开始学习。先挑一门感兴趣的课吧。';
}

/** Seconds studied on each of the last seven Beijing days, oldest first, zero-filled. */
export function weekOfStudy(days: Array<{ day: string; seconds: number }>, now: number): Array<{ day: string; seconds: number }> {
  const byDay = new Map(days.map((entry) => [entry.day, entry.seconds]));
  return lastSevenDays(now).map((day) => ({ day, seconds: byDay.get(day) ?? 0 }));
}
