import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { certificates, lessonProgress, users } from '../../../db/schema';
import type { Db, Tx } from './db';


export interface CourseForCertificate {
  courseId: string;
  courseTitle: string;
  /** 学时 of the course. */
  hours: number;
  /** Every published lesson of the course: all must be completed. */
  lessonIds: string[];
}

/**
 * XG-ABCD-EFGH-JK: 50 random bits, easy to read out and type. Shared by course certificates and
 * contest award certificates, so one public page can verify either.
 */
export function certificateCode(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const raw = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
  return `XG-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * Issues each course's 结业证书 to each person who has now completed every lesson of it, with one
 * query for all of them. Runs inside the transaction that completed the last lesson; the unique
 * index on (person, course) makes a second issue impossible.
 */
export async function issueIfComplete(
  tx: Tx,
  candidates: Array<{ userId: number; course: CourseForCertificate }>,
  now: number,
): Promise<void> {
  const wanted = candidates.filter((candidate) => candidate.course.lessonIds.length > 0);
  if (wanted.length === 0) return;
  const lessonIds = [...new Set(wanted.flatMap((candidate) => candidate.course.lessonIds))];
  const rows = await tx
    .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(
      and(
        inArray(lessonProgress.userId, [...new Set(wanted.map((candidate) => candidate.userId))]),
        inArray(lessonProgress.lessonId, lessonIds),
        isNotNull(lessonProgress.completedAt),
      ),
    );
  const done = new Set(rows.map((row) => `${row.userId} ${row.lessonId}`));
  const due = wanted.filter(({ userId, course }) => course.lessonIds.every((lessonId) => done.has(`${userId} ${lessonId}`)));
  if (due.length === 0) return;
  await tx
    .insert(certificates)
    .values(
      due.map(({ userId, course }) => ({
        code: certificateCode(),
        userId,
        courseId: course.courseId,
        courseTitle: course.courseTitle,
        hours: Math.round(course.hours * 10),
        issuedAt: now,
      })),
    )
    .onConflictDoNothing();
}

export interface PublicCertificate {
  code: string;
  name: string;
  courseTitle: string;
  hours: number;
  issuedAt: number;
}

/** What the public verification page shows: name, course, date, hours, and nothing else. */
export async function findCertificate(db: Db, code: string): Promise<PublicCertificate | undefined> {
  const rows = await db
    .select({ code: certificates.code, name: users.displayName, courseTitle: certificates.courseTitle, hours: certificates.hours, issuedAt: certificates.issuedAt })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.code, code));
  const row = rows[0];
  return row ? { ...row, hours: row.hours / 10 } : undefined;
}

export async function listMyCertificates(db: Db, userId: number): Promise<PublicCertificate[]> {
  const rows = await db
    .select({ code: certificates.code, name: users.displayName, courseTitle: certificates.courseTitle, hours: certificates.hours, issuedAt: certificates.issuedAt })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.userId, userId));
  return rows.map((row) => ({ ...row, hours: row.hours / 10 })).sort((a, b) => b.issuedAt - a.issuedAt);
}
