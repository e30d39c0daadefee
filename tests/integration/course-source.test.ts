import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { openDatabase } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { catalogTitles, findCourse, findLesson, findLessonRef, findStudioLesson, lessonTitle, listCatalog } from '../../src/lib/server/course-source';
import { listProgress, recordComplete, recordOpen } from '../../src/lib/server/progress';
import { listMyCertificates } from '../../src/lib/server/certificates';
import { courseStats, courseTotals } from '../../src/lib/server/course-stats';
import { summarizeCourses } from '../../src/lib/progress-summary';
import { studioDraftSnapshot } from '../../src/lib/server/studio-draft';
import { studioLessons } from '../../db/schema';
import { publishStudioCourse, publishVersion, unpublishStudioCourse, type PublishedFixture } from '../fixtures/studio-course';

let db: Db;
let fixture: TestDb;
let phone = 13900000520;
const HAN_400 = '学'.repeat(400);

async function learner(): Promise<number> {
  return insertUser(db, { phone: String((phone += 1)), displayName: '工作室学员', branchId: null, passwordHash: null, roles: ['learner'] });
}

async function ref(lessonId: string) {
  const found = await findLessonRef(lessonId, db);
  if (!found) throw new Error(`no lesson ${lessonId}`);
  return found;
}

let course: PublishedFixture;
const COURSE = { title: '工作室里的党史课', theme: '党性教育', hours: 3, instructor: '李老师' };

beforeAll(async () => {
  ({ db } = fixture = await freshDb('course-source'));
  course = await publishStudioCourse(db, COURSE, [
    { title: '第一课　开天辟地', paragraphs: ['## 一大召开', HAN_400] },
    { title: '第二课　星火燎原', paragraphs: ['井冈山的星星之火。'], minutes: 9 },
  ]);
});
afterAll(() => {
  fixture.close();
});

describe('a published studio course, through the course source', () => {
  it('is in the catalog with its lessons, in the same shapes as an MDX course', async () => {
    const entry = (await listCatalog(db)).find(({ course: c }) => c.id === course.slug);
    expect(entry?.course).toMatchObject({ origin: 'studio', title: COURSE.title, theme: '党性教育', hours: 3, instructor: '李老师' });
    expect(entry?.course.cover.src).toBe('/images/courses/party-spirit.svg');
    expect(entry?.lessons.map((lesson) => [lesson.id, lesson.title, lesson.minutes])).toEqual([
      [`${course.slug}/${course.lessonSlugs[0]}`, '第一课　开天辟地', 2],
      [`${course.slug}/${course.lessonSlugs[1]}`, '第二课　星火燎原', 9],
    ]);
  });

  it('is found by course id and by lesson id, with the lesson’s neighbours and compiled text', async () => {
    const [first, second] = course.lessonSlugs.map((slug) => `${course.slug}/${slug}`) as [string, string];
    expect((await findCourse(course.slug, db))?.lessons).toHaveLength(2);
    const place = await findLesson(second, db);
    expect(place).toMatchObject({ position: 2, prev: { id: first }, next: undefined });
    expect(await lessonTitle(first, db)).toBe('第一课　开天辟地');
    const page = await findStudioLesson(db, first);
    expect(page?.compiled.headings).toEqual([{ depth: 2, slug: 'heading-1', text: '一大召开' }]);
    expect(await findLesson(`${course.slug}/lesson-999999`, db)).toBeUndefined();
    expect(await findCourse('course-999999', db)).toBeUndefined();
  });

  it('gives the progress rules its lessons, and completing them all issues the certificate', async () => {
    const userId = await learner();
    const refs = await Promise.all(course.lessonSlugs.map((slug) => ref(`${course.slug}/${slug}`)));
    expect(refs[0]?.course).toEqual({ courseId: course.slug, courseTitle: COURSE.title, hours: 3, lessonIds: refs.map((r) => r.lessonId) });
    for (const lesson of refs) {
      await recordOpen(db, userId, lesson);
      await recordComplete(db, userId, lesson);
    }
    const certificates = await listMyCertificates(db, userId);
    expect(certificates.map((c) => [c.courseTitle, c.hours])).toEqual([[COURSE.title, 3]]);
    const totals = await courseTotals(db, (await listCatalog(db)).map(({ course: c, lessons }) => ({ id: c.id, lessonIds: lessons.map((l) => l.id) })));
    expect(totals.get(course.slug)).toMatchObject({ started: 1, completed: 1 });
  });

  it('keeps a learner’s progress when a lesson is retitled and the lessons reordered in a new version', async () => {
    const userId = await learner();
    const firstId = `${course.slug}/${course.lessonSlugs[0]}`;
    await recordOpen(db, userId, await ref(firstId));
    await recordComplete(db, userId, await ref(firstId));
    const [one, two] = course.lessonIds as [number, number];
    await publishVersion(db, {
      courseId: course.courseId,
      slug: course.slug,
      course: COURSE,
      lessons: [
        { id: two, title: '第一课　星火燎原', paragraphs: ['井冈山的星星之火。'] },
        { id: one, title: '第二课　开天辟地（修订）', paragraphs: ['## 一大召开', HAN_400] },
      ],
    });
    const catalog = await listCatalog(db);
    const mine = summarizeCourses(catalogTitles(catalog), await listProgress(db, userId)).find((c) => c.id === course.slug);
    expect(mine).toMatchObject({ completed: 1, total: 2, lastLesson: { id: firstId, title: '第二课　开天辟地（修订）' } });
    expect((await findLesson(firstId, db))?.position).toBe(2);
    const stats = await courseStats(db, { id: course.slug, lessonIds: catalog.find((c) => c.course.id === course.slug)?.lessons.map((l) => l.id) ?? [] });
    expect(stats.funnel.map((step) => step.lessonId)).toEqual([`${course.slug}/lesson-${two}`, firstId]);
  });

  it('is seen by another process as soon as a new version is published or the course unpublished', async () => {
    // A second connection stands for another process of the cluster writing the same database.
    const other = await openDatabase(fixture.url);
    try {
      expect((await findCourse(course.slug, db))?.course.title).toBe(COURSE.title);
      await publishVersion(other.db, { courseId: course.courseId, slug: course.slug, course: { ...COURSE, title: '改过名的党史课' }, lessons: [{ id: course.lessonIds[0] ?? 0, title: '唯一一课', paragraphs: ['一段话。'] }] });
      expect((await findCourse(course.slug, db))?.course.title).toBe('改过名的党史课');
      expect((await listCatalog(db)).find((c) => c.course.id === course.slug)?.lessons.map((l) => l.title)).toEqual(['唯一一课']);
      await unpublishStudioCourse(other.db, course.courseId);
      expect(await findCourse(course.slug, db)).toBeUndefined();
      expect((await listCatalog(db)).some((c) => c.course.id === course.slug)).toBe(false);
      expect(await findLessonRef(`${course.slug}/${course.lessonSlugs[0]}`, db)).toBeUndefined();
    } finally {
      other.client.close();
    }
  });

  it('leaves a course that was never published out, and the preview reads its draft without removed lessons', async () => {
    const draft = await publishStudioCourse(db, { title: '还在写的课' }, [
      { title: '留下的一课', paragraphs: ['留下。'] },
      { title: '删掉的一课', paragraphs: ['删掉。'] },
    ]);
    await unpublishStudioCourse(db, draft.courseId);
    await db.update(studioLessons).set({ removedAt: Date.now() }).where(eq(studioLessons.id, draft.lessonIds[1] ?? 0));
    expect((await listCatalog(db)).some((c) => c.course.id === draft.slug)).toBe(false);
    const snapshot = await studioDraftSnapshot(db, draft.courseId);
    expect(snapshot?.lessons.map((lesson) => lesson.title)).toEqual(['留下的一课']);
    expect(snapshot?.course).toMatchObject({ slug: draft.slug, title: '还在写的课', hours: 2 });
  });
});
