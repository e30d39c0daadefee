import { eq } from 'drizzle-orm';
import { studioCourses, studioCourseVersions } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import type { CompiledLessons, StudioSnapshot } from '../../src/lib/studio-snapshot';

export interface PublishedLesson {
  title: string;
  text: string;
}

/**
 * A studio course written straight into the tables as publishing leaves it (a version with its
 * snapshot and compiled lessons, named by publishedVersionId), for tests of what learners and
 * search see without going through the studio. Returns the course's id and slug and its lessons' URLs.
 */
export async function insertPublishedStudioCourse(
  db: Db,
  course: { title: string; theme: string; summary: string; lessons: PublishedLesson[] },
): Promise<{ courseId: number; slug: string; lessonUrls: string[] }> {
  const now = Date.now();
  const [row] = await db
    .insert(studioCourses)
    .values({ slug: `pending-${now}-${Math.random()}`, title: course.title, theme: course.theme, summary: course.summary, createdAt: now, updatedAt: now })
    .returning({ id: studioCourses.id });
  const courseId = (row as { id: number }).id;
  const slug = `course-${courseId}`;
  const lessons = course.lessons.map((lesson, index) => ({
    id: courseId * 100 + index + 1,
    slug: `lesson-${courseId * 100 + index + 1}`,
    title: lesson.title,
    summary: '',
    minutes: null,
    sources: [],
    body: lesson.text,
  }));
  const snapshot: StudioSnapshot = {
    course: { slug, title: course.title, theme: course.theme, summary: course.summary, hours: 1, coverImage: null, coverAlt: '', sources: [], instructor: '讲师' },
    lessons,
  };
  const compiled: CompiledLessons = Object.fromEntries(
    lessons.map((lesson) => [lesson.slug, { nodes: [{ kind: 'text', value: lesson.body }], headings: [], plainText: lesson.body }]),
  ) as CompiledLessons;
  await publishVersion(db, courseId, slug, snapshot, compiled);
  return { courseId, slug, lessonUrls: lessons.map((lesson) => `/courses/${slug}/${lesson.slug}/`) };
}

async function publishVersion(db: Db, courseId: number, slug: string, snapshot: StudioSnapshot, compiled: CompiledLessons): Promise<void> {
  const [version] = await db
    .insert(studioCourseVersions)
    .values({ courseId, number: 1, snapshot: JSON.stringify(snapshot), compiled: JSON.stringify(compiled), publishedAt: Date.now() })
    .returning({ id: studioCourseVersions.id });
  await db.update(studioCourses).set({ slug, publishedVersionId: (version as { id: number }).id }).where(eq(studioCourses.id, courseId));
}

/** Unpublishes: learners and search no longer see the course. */
export async function unpublishStudioCourse(db: Db, courseId: number): Promise<void> {
  await db.update(studioCourses).set({ publishedVersionId: null }).where(eq(studioCourses.id, courseId));
}
