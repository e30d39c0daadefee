import { eq } from 'drizzle-orm';
import { studioCourseAuthors, studioCourses, studioLessons } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';

/** One lesson as the studio stores it; a source by default, so the course may be submitted. */
export interface LessonSeed {
  title: string;
  body: string;
  sources?: Array<{ title: string; issuer: string; year: number }>;
  summary?: string;
}

export const A_SOURCE = { title: '《中国共产党章程》', issuer: '人民出版社', year: 2022 };

/**
 * A studio course written straight into the tables, as the studio's own module would store it
 * (slug course-<id>, lessons lesson-<id> in order), so the review workflow can be tested without
 * the studio's forms. Returns the course id and the lesson ids in order.
 */
export async function seedStudioCourse(
  db: Pick<Db, 'insert' | 'update'>,
  input: { ownerId: number; title: string; lessons: LessonSeed[]; coAuthors?: number[]; coverImage?: string | null; coverAlt?: string },
  now = Date.now(),
): Promise<{ courseId: number; lessonIds: number[]; slug: string }> {
  const [course] = await db
    .insert(studioCourses)
    .values({
      slug: `pending-${now}-${Math.random().toString(36).slice(2)}`,
      ownerId: input.ownerId,
      title: input.title,
      theme: '党性教育',
      summary: `“${input.title}”这门课的简介，写给离退休的老党员。`,
      hours: '1',
      coverImage: input.coverImage ?? null,
      coverAlt: input.coverAlt ?? '',
      sources: JSON.stringify([A_SOURCE]),
      createdAt: now,
      updatedAt: now,
      updatedBy: input.ownerId,
    })
    .returning({ id: studioCourses.id });
  const courseId = course!.id;
  const slug = `course-${courseId}`;
  await db.update(studioCourses).set({ slug }).where(eq(studioCourses.id, courseId));
  const lessonIds: number[] = [];
  for (const [index, lesson] of input.lessons.entries()) {
    const [row] = await db
      .insert(studioLessons)
      .values({
        courseId,
        slug: `pending-${index}`,
        position: index + 1,
        title: lesson.title,
        summary: lesson.summary ?? '',
        body: lesson.body,
        sources: JSON.stringify(lesson.sources ?? [A_SOURCE]),
        updatedAt: now,
        updatedBy: input.ownerId,
      })
      .returning({ id: studioLessons.id });
    await db.update(studioLessons).set({ slug: `lesson-${row!.id}` }).where(eq(studioLessons.id, row!.id));
    lessonIds.push(row!.id);
  }
  if (input.coAuthors?.length) await db.insert(studioCourseAuthors).values(input.coAuthors.map((userId) => ({ courseId, userId, addedAt: now })));
  return { courseId, lessonIds, slug };
}
