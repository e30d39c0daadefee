import { and, asc, eq, isNull } from 'drizzle-orm';
import { studioCourses, studioLessons, users } from '../../../db/schema';
import type { Source } from '../../schemas/source';
import type { StudioSnapshot } from '../studio-snapshot';
import type { Db } from './db';

function sourcesOf(json: string): Source[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as Source[]) : [];
  } catch {
    return [];
  }
}

/**
 * A studio course's draft as it would be published now (the course and its lessons that are not
 * removed, in order), in the snapshot's shape: what the preview renders, and what publishing stores.
 */
export async function studioDraftSnapshot(db: Db, courseId: number): Promise<StudioSnapshot | undefined> {
  const [course] = await db
    .select({
      slug: studioCourses.slug,
      title: studioCourses.title,
      theme: studioCourses.theme,
      summary: studioCourses.summary,
      hours: studioCourses.hours,
      coverImage: studioCourses.coverImage,
      coverAlt: studioCourses.coverAlt,
      sources: studioCourses.sources,
      instructor: users.displayName,
    })
    .from(studioCourses)
    .leftJoin(users, eq(users.id, studioCourses.ownerId))
    .where(eq(studioCourses.id, courseId));
  if (!course) return undefined;
  const lessons = await db
    .select()
    .from(studioLessons)
    .where(and(eq(studioLessons.courseId, courseId), isNull(studioLessons.removedAt)))
    .orderBy(asc(studioLessons.position), asc(studioLessons.id));
  return {
    course: {
      slug: course.slug,
      title: course.title,
      theme: course.theme,
      summary: course.summary,
      hours: Number(course.hours) || 0,
      coverImage: course.coverImage,
      coverAlt: course.coverAlt,
      sources: sourcesOf(course.sources),
      instructor: course.instructor ?? '',
    },
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      slug: lesson.slug,
      title: lesson.title,
      summary: lesson.summary,
      minutes: lesson.minutes,
      sources: sourcesOf(lesson.sources),
      body: lesson.body,
    })),
  };
}
