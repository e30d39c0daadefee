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
  lastSeenAt: number;
}

/** Per-course progress for 我的学习, most recently studied first; untouched courses left out. */
export function summarizeCourses(catalog: CatalogCourse[], rows: ProgressRow[]): CourseSummary[] {
  const summaries: CourseSummary[] = [];
  for (const course of catalog) {
    const mine = rows.filter((row) => row.courseId === course.id && course.lessons.some((l) => l.id === row.lessonId));
    if (mine.length === 0) continue;
    const last = mine.reduce((a, b) => (b.lastSeenAt > a.lastSeenAt ? b : a));
    const completed = mine.filter((row) => row.completedAt !== null).length;
    summaries.push({
      id: course.id,
      title: course.title,
      completed,
      total: course.lessons.length,
      percent: percentComplete(completed, course.lessons.length),
      lastLesson: course.lessons.find((lesson) => lesson.id === last.lessonId),
      lastSeenAt: last.lastSeenAt,
    });
  }
  return summaries.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/** Seconds studied on each of the last seven Beijing days, oldest first, zero-filled. */
export function weekOfStudy(days: Array<{ day: string; seconds: number }>, now: number): Array<{ day: string; seconds: number }> {
  const byDay = new Map(days.map((entry) => [entry.day, entry.seconds]));
  return lastSevenDays(now).map((day) => ({ day, seconds: byDay.get(day) ?? 0 }));
}
