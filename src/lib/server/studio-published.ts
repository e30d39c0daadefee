import { and, eq, isNotNull } from 'drizzle-orm';
import { studioCourses, studioCourseVersions } from '../../../db/schema';
import type { CompiledLessons, StudioSnapshot } from '../studio-snapshot';
import type { Db } from './db';

/** A studio course as learners see it: its published version, never the draft. */
export interface PublishedStudioCourse {
  courseId: number;
  versionId: number;
  /** 1, 2, 3 … per course. */
  versionNumber: number;
  publishedAt: number;
  snapshot: StudioSnapshot;
  compiled: CompiledLessons;
}

const columns = {
  courseId: studioCourses.id,
  versionId: studioCourseVersions.id,
  versionNumber: studioCourseVersions.number,
  publishedAt: studioCourseVersions.publishedAt,
  snapshot: studioCourseVersions.snapshot,
  compiled: studioCourseVersions.compiled,
};

type Row = { courseId: number; versionId: number; versionNumber: number; publishedAt: number; snapshot: string; compiled: string };

function toPublished(row: Row): PublishedStudioCourse {
  return { ...row, snapshot: JSON.parse(row.snapshot) as StudioSnapshot, compiled: JSON.parse(row.compiled) as CompiledLessons };
}

/** Every published studio course, in the order they were first created. */
export async function listPublishedStudioCourses(db: Db): Promise<PublishedStudioCourse[]> {
  const rows = await db
    .select(columns)
    .from(studioCourses)
    .innerJoin(studioCourseVersions, eq(studioCourseVersions.id, studioCourses.publishedVersionId))
    .where(isNotNull(studioCourses.publishedVersionId))
    .orderBy(studioCourses.id);
  return rows.map(toPublished);
}

/** Which version each published studio course publishes, in course order: one small query, no JSON. */
export async function publishedVersionIds(db: Db): Promise<Array<{ courseId: number; versionId: number }>> {
  const rows = await db
    .select({ courseId: studioCourses.id, versionId: studioCourses.publishedVersionId })
    .from(studioCourses)
    .where(isNotNull(studioCourses.publishedVersionId))
    .orderBy(studioCourses.id);
  return rows.map((row) => ({ courseId: row.courseId, versionId: row.versionId ?? 0 }));
}

/** The published studio course with this slug (the course id in URLs), or undefined. */
export async function findPublishedStudioCourse(db: Db, slug: string): Promise<PublishedStudioCourse | undefined> {
  const [row] = await db
    .select(columns)
    .from(studioCourses)
    .innerJoin(studioCourseVersions, eq(studioCourseVersions.id, studioCourses.publishedVersionId))
    .where(and(eq(studioCourses.slug, slug), isNotNull(studioCourses.publishedVersionId)));
  return row ? toPublished(row) : undefined;
}
