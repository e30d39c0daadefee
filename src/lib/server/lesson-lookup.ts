import { getEntry } from 'astro:content';
import { courseOfLesson, isPublished, lessonMinutes, listLessons } from '../catalog';
import type { LessonRef } from './progress';

/** A published lesson by id, as the progress rules need it; undefined for anything else. */
export async function findLessonRef(lessonId: string): Promise<LessonRef | undefined> {
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
