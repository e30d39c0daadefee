import { getCollection } from 'astro:content';
import { eq, isNotNull } from 'drizzle-orm';
import { studioCourses } from '../../../db/schema';
import type { Course, Lesson } from '../../schemas/content-entry';
import type { Source } from '../../schemas/source';
import { splitLessonId } from '../lesson-path';
import { countHan, readingMinutes } from '../reading-time';
import type { StudioSnapshot } from '../studio-snapshot';
import type { CompiledLesson } from '../studio-tree';
import { isPublished } from './content-drafts';
import { getDb, type Db } from './db';
import type { LessonRef } from './progress';
import { findPublishedStudioCourse, type PublishedStudioCourse } from './studio-published';

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

export type CourseOrigin = 'mdx' | 'studio';

export interface SourceCourse {
  id: string;
  origin: CourseOrigin;
  title: string;
  /** A theme label (src/lib/themes.ts). */
  theme: string;
  summary: string;
  instructor: string;
  /** 学时. */
  hours: number;
  cover: { src: string; alt: string; share?: string | undefined };
  /** Last substantive revision (MDX frontmatter) or the publication of the version shown. */
  updatedAt: Date;
}

export interface SourceLesson {
  /** `<course id>/<lesson slug>`. */
  id: string;
  courseId: string;
  origin: CourseOrigin;
  title: string;
  summary: string;
  /** Minutes to study: the author's figure, or worked out from the length of the text. */
  minutes: number;
  /** Han characters of the text (the reading-time basis). */
  hanCount: number;
  sources: Source[];
}

export interface CourseWithLessons {
  course: SourceCourse;
  /** In course order. */
  lessons: SourceLesson[];
}

/** A lesson with its neighbours, as the lesson page shows it. */
export interface LessonPlace extends CourseWithLessons {
  lesson: SourceLesson;
  /** 1-based. */
  position: number;
  prev: SourceLesson | undefined;
  next: SourceLesson | undefined;
}

// ---------------------------------------------------------------------------------------------
// MDX courses (content/, build time)

export interface MdxCourse extends CourseWithLessons {
  entry: Course;
  lessonEntries: Lesson[];
}

function mdxCourse(entry: Course): SourceCourse {
  const { title, theme, summary, instructor, hours, cover, updatedAt } = entry.data;
  return { id: entry.id, origin: 'mdx', title, theme, summary, instructor, hours, cover, updatedAt };
}

function mdxLesson(entry: Lesson): SourceLesson {
  const body = entry.body ?? '';
  const { title, summary, minutes, sources } = entry.data;
  return {
    id: entry.id,
    courseId: splitLessonId(entry.id).course,
    origin: 'mdx',
    title,
    summary,
    minutes: minutes ?? readingMinutes(body),
    hanCount: countHan(body),
    sources,
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
// Studio courses (the database, published versions only)

/** Where an uploaded picture is served at this width (src/lib/server/media.ts writes it). */
export const STUDIO_COVER_WIDTH = 640;
export function mediaUrl(hash: string, width = STUDIO_COVER_WIDTH): string {
  return `/media/${hash}-${width}.webp`;
}

/** A studio course without an uploaded cover gets its theme's picture. */
const THEME_COVERS: Record<string, string> = {
  党性教育: '/images/courses/party-spirit.svg',
  红色教育: '/images/courses/red-spirit.svg',
  廉洁文化: '/images/courses/integrity.svg',
};
const DEFAULT_COVER = '/images/courses/party-spirit.svg';

export interface StudioCourse extends CourseWithLessons {
  /** studio_courses.id */
  studioId: number;
  versionId: number;
  /** Lesson slug → the lesson compiled at publication. */
  compiled: Record<string, CompiledLesson>;
}

/** The course and lessons of a snapshot in the shared shapes; compiled gives the plain text. */
export function studioCatalogCourse(snapshot: StudioSnapshot, compiled: Record<string, CompiledLesson>, updatedAt: Date): CourseWithLessons {
  const { course } = snapshot;
  const source: SourceCourse = {
    id: course.slug,
    origin: 'studio',
    title: course.title,
    theme: course.theme,
    summary: course.summary,
    instructor: course.instructor,
    hours: course.hours,
    cover: {
      src: course.coverImage ? mediaUrl(course.coverImage) : (THEME_COVERS[course.theme] ?? DEFAULT_COVER),
      alt: course.coverAlt || course.title,
    },
    updatedAt,
  };
  const lessons = snapshot.lessons.map((lesson): SourceLesson => {
    const plainText = compiled[lesson.slug]?.plainText ?? '';
    return {
      id: `${course.slug}/${lesson.slug}`,
      courseId: course.slug,
      origin: 'studio',
      title: lesson.title,
      summary: lesson.summary,
      minutes: lesson.minutes ?? readingMinutes(plainText),
      hanCount: countHan(plainText),
      sources: lesson.sources,
    };
  });
  return { course: source, lessons };
}

function toStudioCourse(published: PublishedStudioCourse): StudioCourse {
  return {
    ...studioCatalogCourse(published.snapshot, published.compiled, new Date(published.publishedAt)),
    studioId: published.courseId,
    versionId: published.versionId,
    compiled: published.compiled,
  };
}

/**
 * Parsed published versions by course slug. Every lookup first asks the database which version each
 * course publishes now (one small indexed query, no JSON), and parses a version only when it is not
 * the one kept: publishing, unpublishing or republishing in any process of the cluster is seen by
 * every process on its next request, with nothing to broadcast.
 */
const studioCache = new Map<string, StudioCourse>();

async function studioCourseAt(db: Db, slug: string, versionId: number): Promise<StudioCourse | undefined> {
  const kept = studioCache.get(slug);
  if (kept?.versionId === versionId) return kept;
  const published = await findPublishedStudioCourse(db, slug);
  if (!published) {
    studioCache.delete(slug);
    return undefined;
  }
  const course = toStudioCourse(published);
  studioCache.set(slug, course);
  return course;
}

/** Every published studio course, in the order they were created. */
export async function listStudioCourses(db: Db): Promise<StudioCourse[]> {
  const rows = await db
    .select({ slug: studioCourses.slug, versionId: studioCourses.publishedVersionId })
    .from(studioCourses)
    .where(isNotNull(studioCourses.publishedVersionId))
    .orderBy(studioCourses.id);
  const live = new Set(rows.map((row) => row.slug));
  for (const slug of studioCache.keys()) if (!live.has(slug)) studioCache.delete(slug);
  const courses = await Promise.all(rows.map((row) => studioCourseAt(db, row.slug, row.versionId ?? 0)));
  return courses.filter((course) => course !== undefined);
}

/** The published studio course with this slug, or undefined. */
export async function findStudioCourse(db: Db, slug: string): Promise<StudioCourse | undefined> {
  const [row] = await db
    .select({ versionId: studioCourses.publishedVersionId })
    .from(studioCourses)
    .where(eq(studioCourses.slug, slug));
  if (!row?.versionId) {
    studioCache.delete(slug);
    return undefined;
  }
  return studioCourseAt(db, slug, row.versionId);
}

// ---------------------------------------------------------------------------------------------
// Both origins

async function dbOrDefault(db: Db | undefined): Promise<Db> {
  return db ?? (await getDb());
}

/** Every published course of both origins with its lessons: the MDX courses first, in their order. */
export async function listCatalog(db?: Db): Promise<CourseWithLessons[]> {
  const [mdx, studio] = await Promise.all([listMdxCourses(), dbOrDefault(db).then(listStudioCourses)]);
  return [...mdx, ...studio].map(({ course, lessons }) => ({ course, lessons }));
}

/** One published course of either origin with its lessons, or undefined. */
export async function findCourse(courseId: string, db?: Db): Promise<CourseWithLessons | undefined> {
  const mdx = (await listMdxCourses()).find(({ course }) => course.id === courseId);
  if (mdx) return { course: mdx.course, lessons: mdx.lessons };
  const studio = await findStudioCourse(await dbOrDefault(db), courseId);
  return studio && { course: studio.course, lessons: studio.lessons };
}

/** Where a lesson sits in its course: the lesson, its neighbours and its position. */
export function placeOf(course: CourseWithLessons, lessonId: string): LessonPlace | undefined {
  const index = course.lessons.findIndex((lesson) => lesson.id === lessonId);
  const lesson = course.lessons[index];
  if (!lesson) return undefined;
  return { ...course, lesson, position: index + 1, prev: course.lessons[index - 1], next: course.lessons[index + 1] };
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
  const studio = await findStudioCourse(db, slug);
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

/** The catalog as 继续学习 and 我的学习 need it: ids and titles. */
export function catalogTitles(catalog: CourseWithLessons[]): Array<{ id: string; title: string; lessons: Array<{ id: string; title: string }> }> {
  return catalog.map(({ course, lessons }) => ({ id: course.id, title: course.title, lessons: lessons.map(({ id, title }) => ({ id, title })) }));
}
