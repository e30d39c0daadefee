import { getCollection } from 'astro:content';
import type { Course, Lesson } from '../../schemas/content-entry';
import { splitLessonId } from '../lesson-path';
import { readingMinutes } from '../reading-time';
import { placeOf, type CourseWithLessons, type LessonPlace, type SourceCourse, type SourceLesson } from '../course-shapes';
import type { CompiledLesson } from '../studio-tree';
import { isPublished } from './content-drafts';
import { getDb, type Db } from './db';
import type { LessonRef } from './progress';
import { findStudioCatalogCourse, listStudioCatalog } from './studio-catalog';

/**
 * The one source of courses and lessons for every learners' view, whatever their origin: the MDX
 * courses of content/ (fixed at build time) and the published versions of studio courses (the
 * database, changing while the server runs). Both come out in the same shapes, so the catalog,
 * course and lesson pages, progress, certificates, statistics and 继续学习 treat them alike. No page
 * reads getCollection('courses' | 'lessons') or the studio tables for learners directly.
 *
 * Ids: a course id is the MDX folder or the studio course's slug; a lesson id is
 * `<course id>/<lesson slug>` (the MDX file's slug, or the studio lesson's fixed `lesson-<id>`), so
 * a retitled or reordered lesson keeps its progress.
 */

export type { CourseWithLessons, LessonPlace, SourceCourse, SourceLesson } from '../course-shapes';
export { catalogTitles, placeOf } from '../course-shapes';
export { findStudioCatalogCourse, studioCatalogCourse } from './studio-catalog';

// ---------------------------------------------------------------------------------------------
// MDX courses (content/, build time)

export interface MdxCourse extends CourseWithLessons {
  entry: Course;
  lessonEntries: Lesson[];
}

function mdxCourse(entry: Course): SourceCourse {
  const { title, theme, summary, instructor, hours, cover, sources, updatedAt } = entry.data;
  return { id: entry.id, origin: 'mdx', title, theme, summary, instructor, hours, cover, sources, updatedAt };
}

function mdxLesson(entry: Lesson): SourceLesson {
  const body = entry.body ?? '';
  const { title, summary, minutes, sources, checkedOn } = entry.data;
  return {
    id: entry.id,
    courseId: splitLessonId(entry.id).course,
    origin: 'mdx',
    title,
    summary,
    minutes: minutes ?? readingMinutes(body),
    sources,
    checkedOn,
  };
}

async function loadMdxCourses(): Promise<MdxCourse[]> {
  const [courses, lessons] = await Promise.all([getCollection('courses', isPublished), getCollection('lessons', isPublished)]);
  courses.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
  return courses.map((entry) => {
    const lessonEntries = lessons.filter((lesson) => splitLessonId(lesson.id).course === entry.id).sort((a, b) => a.data.order - b.data.order);
    return { entry, lessonEntries, course: mdxCourse(entry), lessons: lessonEntries.map(mdxLesson) };
  });
}

// Content is fixed at build time: read once per process.
let mdxCourses: Promise<MdxCourse[]> | undefined;

/** The published MDX courses with their collection entries (for render() in the prerendered pages). */
export function listMdxCourses(): Promise<MdxCourse[]> {
  mdxCourses ??= loadMdxCourses().catch((error: unknown) => {
    mdxCourses = undefined;
    throw error;
  });
  return mdxCourses;
}

// ---------------------------------------------------------------------------------------------
// Both origins

async function dbOrDefault(db: Db | undefined): Promise<Db> {
  return db ?? (await getDb());
}

/** Every published course of both origins with its lessons: the MDX courses first, in their order. */
export async function listCatalog(db?: Db): Promise<CourseWithLessons[]> {
  const [mdx, studio] = await Promise.all([listMdxCourses(), dbOrDefault(db).then(listStudioCatalog)]);
  return [...mdx, ...studio].map(({ course, lessons }) => ({ course, lessons }));
}

/** One published course of either origin with its lessons, or undefined. */
export async function findCourse(courseId: string, db?: Db): Promise<CourseWithLessons | undefined> {
  const mdx = (await listMdxCourses()).find(({ course }) => course.id === courseId);
  if (mdx) return { course: mdx.course, lessons: mdx.lessons };
  const studio = await findStudioCatalogCourse(await dbOrDefault(db), courseId);
  return studio && { course: studio.course, lessons: studio.lessons };
}

/** A published lesson of either origin, with its course and neighbours; undefined for anything else. */
export async function findLesson(lessonId: string, db?: Db): Promise<LessonPlace | undefined> {
  if (!lessonId.includes('/')) return undefined;
  const course = await findCourse(splitLessonId(lessonId).course, db);
  return course && placeOf(course, lessonId);
}

/** The title of a published lesson of either origin, or undefined. */
export async function lessonTitle(lessonId: string | null, db?: Db): Promise<string | undefined> {
  return lessonId ? (await findLesson(lessonId, db))?.lesson.title : undefined;
}

/** A published studio lesson for its page: the place and the lesson compiled at publication. */
export async function findStudioLesson(db: Db, lessonId: string): Promise<(LessonPlace & { compiled: CompiledLesson }) | undefined> {
  const { course: slug, lesson: lessonSlug } = splitLessonId(lessonId);
  const studio = await findStudioCatalogCourse(db, slug);
  const compiled = studio?.compiled[lessonSlug];
  const place = studio && placeOf(studio, lessonId);
  return place && compiled && { ...place, compiled };
}

/** A published lesson as the progress rules need it (minutes, and its course for the certificate). */
export async function findLessonRef(lessonId: string, db?: Db): Promise<LessonRef | undefined> {
  const place = await findLesson(lessonId, db);
  if (!place) return undefined;
  const { course, lessons, lesson } = place;
  return {
    lessonId: lesson.id,
    courseId: course.id,
    minutes: lesson.minutes,
    course: { courseId: course.id, courseTitle: course.title, hours: course.hours, lessonIds: lessons.map((l) => l.id) },
  };
}
