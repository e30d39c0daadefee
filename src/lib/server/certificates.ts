import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { certificates, lessonProgress, users } from '../../../db/schema';
import type { Db } from './db';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface CourseForCertificate {
  courseId: string;
  courseTitle: string;
  /** 学时 of the course. */
  hours: number;
  /** Every published lesson of the course: all must be completed. */
  lessonIds: string[];
}

/** XG-ABCD-EFGH-JK: 50 random bits, easy to read out and type. */
function newCode(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const raw = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
  return `XG-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * Issues the course's 结业证书 once every lesson is completed. Runs inside the transaction that
 * completed the last lesson; the unique index on (person, course) makes a second issue impossible.
 */
export async function issueIfComplete(tx: Tx, userId: number, course: CourseForCertificate, now: number): Promise<void> {
  if (course.lessonIds.length === 0) return;
  const done = await tx
    .select({ count: sql<number>`count(*)` })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, course.lessonIds), isNotNull(lessonProgress.completedAt)));
  if (Number(done[0]?.count ?? 0) < course.lessonIds.length) return;
  await tx
    .insert(certificates)
    .values({ code: newCode(), userId, courseId: course.courseId, courseTitle: course.courseTitle, hours: Math.round(course.hours * 10), issuedAt: now })
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
