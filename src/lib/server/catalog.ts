import { getCollection, getEntry } from 'astro:content';
import type { Course, Lesson } from '../../schemas/content-entry';
import { splitLessonId } from '../lesson-path';
import { countHan, readingMinutes } from '../reading-time';
import { getConfig } from './config';

export type { Course, Lesson };

/**
 * Drafts are shown only when XG_SHOW_DRAFTS=1 (set by `npm run dev` for authors' previews), never
 * because of NODE_ENV: a build run with NODE_ENV=test or development must not publish them.
 */
const showDrafts = getConfig().showDrafts;
export const isPublished = (entry: { data: { draft: boolean } }): boolean => showDrafts || !entry.data.draft;
const published = isPublished;

export async function listCourses(): Promise<Course[]> {
  const courses = await getCollection('courses', published);
  return courses.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

export async function listLessons(courseId: string): Promise<Lesson[]> {
  const lessons = await getCollection(
    'lessons',
    (entry) => published(entry) && splitLessonId(entry.id).course === courseId,
  );
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

/** Every published lesson of every published course, in course then lesson order. */
export async function listAllLessons(): Promise<Array<{ course: Course; lessons: Lesson[] }>> {
  const courses = await listCourses();
  return Promise.all(courses.map(async (course) => ({ course, lessons: await listLessons(course.id) })));
}

export function lessonMinutes(lesson: Lesson): number {
  return lesson.data.minutes ?? readingMinutes(lesson.body ?? '');
}

export function lessonHanCount(lesson: Lesson): number {
  return countHan(lesson.body ?? '');
}

/** The published course a lesson belongs to. */
export async function courseOfLesson(lesson: Lesson): Promise<Course | undefined> {
  const course = await getEntry('courses', splitLessonId(lesson.id).course);
  return course && isPublished(course) ? course : undefined;
}
