import { getEntry } from 'astro:content';
import { courseOfLesson, isPublished, lessonMinutes, listLessons } from './catalog';
import type { LessonRef } from './progress';

// Content is fixed at build time, so a lesson's facts never change while the server runs.
const cache = new Map<string, Promise<LessonRef | undefined>>();

/** A published lesson by id, as the progress rules need it; undefined for anything else. */
export function findLessonRef(lessonId: string): Promise<LessonRef | undefined> {
  let found = cache.get(lessonId);
  if (!found) {
    found = lookUp(lessonId);
    // Unknown ids are not kept: a flood of made-up ids must not grow the cache.
    void found.then((ref) => {
      if (!ref) cache.delete(lessonId);
    });
    cache.set(lessonId, found);
  }
  return found;
}

async function lookUp(lessonId: string): Promise<LessonRef | undefined> {
  const lesson = await getEntry('lessons', lessonId);
  if (!lesson || !isPublished(lesson)) return undefined;
  const course = await courseOfLesson(lesson);
  if (!course) return undefined;
  const lessons = await listLessons(course.id);
  return {
    lessonId: lesson.id,
    courseId: course.id,
    minutes: lessonMinutes(lesson),
    course: { courseId: course.id, courseTitle: course.data.title, hours: course.data.hours, lessonIds: lessons.map((l) => l.id) },
  };
}
