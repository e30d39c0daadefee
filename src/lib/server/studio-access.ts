import { eq } from 'drizzle-orm';
import { studioCourseAuthors, studioCourses } from '../../../db/schema';
import type { Resource } from '../permissions';
import type { Db } from './db';

/**
 * A studio course as the permission map sees it (ownerId and authorIds, for `studio.write` and
 * `studio.review`), or undefined when there is no such course.
 */
export async function studioCourseResource(db: Db, courseId: number): Promise<Resource | undefined> {
  const [course] = await db.select({ ownerId: studioCourses.ownerId }).from(studioCourses).where(eq(studioCourses.id, courseId));
  if (!course) return undefined;
  const authors = await db.select({ userId: studioCourseAuthors.userId }).from(studioCourseAuthors).where(eq(studioCourseAuthors.courseId, courseId));
  return { ownerId: course.ownerId, authorIds: authors.map((author) => author.userId) };
}
