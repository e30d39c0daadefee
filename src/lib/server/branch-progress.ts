import { and, asc, eq, sql } from 'drizzle-orm';
import { lessonProgress, studyDays, userRoles, users } from '../../../db/schema';
import type { Db } from './db';
import { maskPhone } from '../phone';

export interface BranchMember {
  userId: number;
  name: string;
  /** Masked: the liaison sees who is who, not the whole number. */
  maskedPhone: string;
  lessonsCompleted: number;
  studySeconds: number;
  /** YYYY-MM-DD (Beijing) of the last day with reading time, or null. */
  lastStudyDay: string | null;
  /** Signed in at least once (an imported person may not have yet). */
  signedIn: boolean;
}

/**
 * What a 支部联络员 sees of their own 党支部: each member's lessons completed, study time and last
 * day of study, in one grouped query. Everyone in the branch who holds the learner role is listed
 * (staff who also study are among them).
 */
export async function branchProgress(db: Db, branchId: number): Promise<BranchMember[]> {
  const completed = db
    .select({ userId: lessonProgress.userId, n: sql<number>`count(${lessonProgress.completedAt})`.as('n') })
    .from(lessonProgress)
    .groupBy(lessonProgress.userId)
    .as('completed');
  const days = db
    .select({ userId: studyDays.userId, seconds: sql<number>`sum(${studyDays.seconds})`.as('seconds'), last: sql<string>`max(case when ${studyDays.seconds} > 0 then ${studyDays.day} end)`.as('last') })
    .from(studyDays)
    .groupBy(studyDays.userId)
    .as('days');
  const rows = await db
    .select({ userId: users.id, name: users.displayName, phone: users.phone, lastSeenAt: users.lastSeenAt, completed: completed.n, seconds: days.seconds, last: days.last })
    .from(users)
    .leftJoin(completed, eq(completed.userId, users.id))
    .leftJoin(days, eq(days.userId, users.id))
    .where(and(eq(users.branchId, branchId), sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'learner')`))
    .orderBy(asc(users.displayName));
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    maskedPhone: maskPhone(row.phone),
    lessonsCompleted: Number(row.completed ?? 0),
    studySeconds: Number(row.seconds ?? 0),
    lastStudyDay: row.last ?? null,
    signedIn: row.lastSeenAt !== null,
  }));
}
