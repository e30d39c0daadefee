import { and, asc, eq, isNull } from 'drizzle-orm';
import { studioCourses, studioLessons, users } from '../../../db/schema';
import type { Source } from '../../schemas/source';
import type { StudioSnapshot } from '../studio-snapshot';
import type { Db } from './db';

/** A sources column (JSON) as a list; anything unreadable is an empty list (then 出处 is missing). */
export function parseSources(json: string): Source[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as Source[]) : [];
  } catch {
    return [];
  }
}

/** The lessons of the draft, in course order (removed ones left out). */
export async function draftLessons(db: Pick<Db, 'select'>, courseId: number) {
  return db
    .select()
    .from(studioLessons)
    .where(and(eq(studioLessons.courseId, courseId), isNull(studioLessons.removedAt)))
    .orderBy(asc(studioLessons.position), asc(studioLessons.id));
}

/**
 * A studio course's draft as it would be published now (the course and its lessons that are not
 * removed, in order), in the snapshot's shape: what the preview renders, and what publishing stores.
 */
export async function studioDraftSnapshot(db: Pick<Db, 'select'>, courseId: number): Promise<StudioSnapshot | undefined> {
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
  const lessons = await draftLessons(db, courseId);
  return {
    course: {
      slug: course.slug,
      title: course.title,
      theme: course.theme,
      summary: course.summary,
      hours: Number(course.hours) || 0,
      coverImage: course.coverImage,
      coverAlt: course.coverAlt,
      sources: parseSources(course.sources),
      instructor: course.instructor ?? '',
    },
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      slug: lesson.slug,
      title: lesson.title,
      summary: lesson.summary,
      minutes: lesson.minutes,
      sources: parseSources(lesson.sources),
      body: lesson.body,
    })),
  };
}
