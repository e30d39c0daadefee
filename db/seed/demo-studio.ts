// The studio part of the demo (`npm start`): the instructor 李建国's courses written in the studio,
// one published (learners can study it to a certificate, /courses/course-<id>/), one waiting for a
// reviewer (/studio/review/), and one returned with a reviewer's comment beside its lesson. Written
// through the studio's own functions, as the pages write them, so the demo shows what they make.
import type { Db } from '../../src/lib/server/db';
import { getUser } from '../../src/lib/server/users';
import { addLesson, createCourse, saveLesson, updateCourseDetails, type StudioActor } from '../../src/lib/server/studio-courses';
import { approveCourse, returnCourse, submitCourse } from '../../src/lib/server/studio-review';
import { unwrap } from '../../src/lib/result';
import { PUBLISHED_COURSE, RETURN_COMMENT, RETURNED_COURSE, SUBMITTED_COURSE, type DemoStudioCourse } from './demo-studio-content';

export interface DemoStudioPeople {
  instructor: number;
  /** Reviews the instructor's courses (an admin: admins may review others' courses). */
  reviewer: number;
}

const MINUTE = 60_000;

async function actor(db: Db, id: number): Promise<StudioActor> {
  const user = await getUser(db, id);
  if (!user) throw new Error(`demo: no account ${id}`);
  return user;
}

/** Writes a course and its lessons as the instructor would, then submits it; returns the ids. */
async function writeCourse(db: Db, author: StudioActor, course: DemoStudioCourse, now: number): Promise<{ courseId: number; lessonIds: number[] }> {
  const { id: courseId } = unwrap(await createCourse(db, author, { title: course.title, theme: course.theme, summary: course.summary, hours: course.hours }, now));
  unwrap(await updateCourseDetails(db, author, courseId, 1, { title: course.title, theme: course.theme, summary: course.summary, hours: course.hours, coverAlt: '', sources: course.sources }, now));
  const lessonIds: number[] = [];
  for (const lesson of course.lessons) {
    const { id: lessonId } = unwrap(await addLesson(db, author, courseId, lesson.title, now));
    const saved = unwrap(await saveLesson(db, author, { courseId, lessonId, revision: 1, title: lesson.title, summary: lesson.summary, body: lesson.body, sources: lesson.sources, minutes: lesson.minutes }, now));
    if (!saved.saved) throw new Error(`demo: lesson “${lesson.title}” was not saved: ${JSON.stringify(saved)}`);
    lessonIds.push(lessonId);
  }
  unwrap(await submitCourse(db, author, courseId, now + MINUTE));
  return { courseId, lessonIds };
}

export async function seedDemoStudio(db: Db, people: DemoStudioPeople, now: number): Promise<void> {
  const [author, reviewer] = await Promise.all([actor(db, people.instructor), actor(db, people.reviewer)]);
  const published = await writeCourse(db, author, PUBLISHED_COURSE, now - 3 * 24 * 60 * MINUTE);
  unwrap(await approveCourse(db, reviewer, { courseId: published.courseId }, now - 2 * 24 * 60 * MINUTE));
  await writeCourse(db, author, SUBMITTED_COURSE, now - 60 * MINUTE);
  const returned = await writeCourse(db, author, RETURNED_COURSE, now - 2 * 24 * 60 * MINUTE);
  unwrap(await returnCourse(db, reviewer, { courseId: returned.courseId, comments: [{ lessonId: returned.lessonIds[0] ?? null, body: RETURN_COMMENT }] }, now - 24 * 60 * MINUTE));
}
