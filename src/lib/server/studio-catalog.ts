import { eq, isNotNull } from 'drizzle-orm';
import { studioCourses } from '../../../db/schema';
import type { CompiledLesson } from '../studio-tree';
import type { StudioSnapshot } from '../studio-snapshot';
import type { CourseWithLessons, SourceCourse, SourceLesson } from '../course-shapes';
import { readingMinutes } from '../reading-time';
import type { Db } from './db';
import { findPublishedStudioCourse, type PublishedStudioCourse } from './studio-published';

/**
 * Published studio courses in the course source's shapes (src/lib/server/course-source.ts), kept
 * parsed per published version.
 */

/** A studio course without an uploaded cover gets its theme's picture. */
const THEME_COVERS: Record<string, string> = {
  党性教育: '/images/courses/party-spirit.svg',
  红色教育: '/images/courses/red-spirit.svg',
  廉洁文化: '/images/courses/integrity.svg',
};
const DEFAULT_COVER = '/images/courses/party-spirit.svg';

/** The picture the catalog shows for a studio course: its uploaded cover, or its theme's picture. */
export function studioCover(course: Pick<StudioSnapshot['course'], 'coverImage' | 'coverAlt' | 'theme' | 'title'>): { src: string; alt: string } {
  return { src: course.coverImage ?? themeCover(course.theme), alt: course.coverAlt || course.title };
}

/** The theme's picture (a file under public/images/). */
export function themeCover(theme: string): string {
  return THEME_COVERS[theme] ?? DEFAULT_COVER;
}

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
    cover: studioCover(course),
    sources: course.sources,
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
      sources: lesson.sources,
      checkedOn: undefined,
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
const caches = new WeakMap<Db, Map<string, StudioCourse>>();

function cacheOf(db: Db): Map<string, StudioCourse> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

async function studioCourseAt(db: Db, slug: string, versionId: number): Promise<StudioCourse | undefined> {
  const studioCache = cacheOf(db);
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
export async function listStudioCatalog(db: Db): Promise<StudioCourse[]> {
  const rows = await db
    .select({ slug: studioCourses.slug, versionId: studioCourses.publishedVersionId })
    .from(studioCourses)
    .where(isNotNull(studioCourses.publishedVersionId))
    .orderBy(studioCourses.id);
  const live = new Set(rows.map((row) => row.slug));
  const studioCache = cacheOf(db);
  for (const slug of studioCache.keys()) if (!live.has(slug)) studioCache.delete(slug);
  const courses = await Promise.all(rows.map((row) => studioCourseAt(db, row.slug, row.versionId ?? 0)));
  return courses.filter((course) => course !== undefined);
}

/** The version of the studio course with this slug that learners see now, or null (none, or not published). */
export async function publishedVersionOf(db: Db, slug: string): Promise<number | null> {
  const [row] = await db.select({ versionId: studioCourses.publishedVersionId }).from(studioCourses).where(eq(studioCourses.slug, slug));
  return row?.versionId ?? null;
}

/** The published studio course with this slug, or undefined. */
export async function findStudioCatalogCourse(db: Db, slug: string): Promise<StudioCourse | undefined> {
  const versionId = await publishedVersionOf(db, slug);
  if (!versionId) {
    cacheOf(db).delete(slug);
    return undefined;
  }
  return studioCourseAt(db, slug, versionId);
}

