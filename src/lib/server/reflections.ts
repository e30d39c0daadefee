import { and, desc, eq } from 'drizzle-orm';
import { activities, branches, reflections, users } from '../../../db/schema';
import type { Db } from './db';

/** An approved 观后感 as the public sees it: the name and 党支部 only when the author agreed. */
export interface PublicReflection {
  id: number;
  /** Plain text as written; pages show it as text, never as markup. */
  body: string;
  authorName: string | null;
  branchName: string | null;
  approvedAt: number;
}

/** The approved reflections on a film's screenings, newest approval first. */
export async function approvedReflections(db: Db, query: { filmSlug: string; limit?: number }): Promise<PublicReflection[]> {
  const rows = await db
    .select({
      id: reflections.id,
      body: reflections.body,
      showName: reflections.showName,
      displayName: users.displayName,
      branchName: branches.name,
      reviewedAt: reflections.reviewedAt,
      updatedAt: reflections.updatedAt,
    })
    .from(reflections)
    .innerJoin(activities, eq(activities.id, reflections.activityId))
    .innerJoin(users, eq(users.id, reflections.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(and(eq(activities.filmSlug, query.filmSlug), eq(reflections.status, 'approved')))
    .orderBy(desc(reflections.reviewedAt), desc(reflections.id))
    .limit(query.limit ?? 50);
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    authorName: row.showName ? row.displayName : null,
    branchName: row.showName ? row.branchName : null,
    approvedAt: row.reviewedAt ?? row.updatedAt,
  }));
}
