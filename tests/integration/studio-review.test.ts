import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditLog, users, studioComments, studioCourses, studioCourseVersions, studioEvents, studioLessons } from '../../db/schema';
import { insertUser, getUser, type User } from '../../src/lib/server/users';
import { updateUser } from '../../src/lib/server/admin';
import { findPublishedStudioCourse } from '../../src/lib/server/studio-published';
import {
  approveCourse,
  compareVersions,
  listVersions,
  restoreVersion,
  returnCourse,
  reviewQueue,
  submitCourse,
  unpublishCourse,
  workflowView,
} from '../../src/lib/server/studio-review';
import { submissionProblems } from '../../src/lib/server/studio-courses';
import { requestSearchRefresh } from '../../src/lib/server/search-index';
import { describeAuditEvent } from '../../src/lib/audit-text';
import { describeStudioEvent } from '../../src/lib/studio-workflow';
import type { CompiledLessons, StudioSnapshot } from '../../src/lib/studio-snapshot';
import type { Db } from '../../src/lib/server/db';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { seedStudioCourse } from './studio-fixture';

// Publishing asks for a search refresh once it has committed; the live index is another helper's.
vi.mock('../../src/lib/server/search-index', () => ({ requestSearchRefresh: vi.fn() }));
/** A lesson the real checker refuses on its third line (an MDX expression). */
const BROKEN = '第一行\n\n{1+1}';
const BROKEN_MESSAGE = '第3行第1个字：课文里不能写花括号 {…}（表达式或注释）：要写花括号本身，请用全角的｛ ｝。';

let fixture: TestDb;
let db: Db;
let owner: User;
let coAuthor: User;
let reviewer: User;
let admin: User;
let stranger: User;

const person = async (phone: string, name: string, roles: Array<'learner' | 'instructor' | 'admin'>, reviewerFlag = false): Promise<User> => {
  const id = await insertUser(db, { phone, displayName: name, branchId: null, passwordHash: null, roles });
  if (reviewerFlag) await db.update(users).set({ reviewer: true }).where(eq(users.id, id));
  return (await getUser(db, id))!;
};
const course = async (id: number) => (await db.select().from(studioCourses).where(eq(studioCourses.id, id)))[0]!;
const eventKinds = async (id: number) => (await db.select({ kind: studioEvents.kind }).from(studioEvents).where(eq(studioEvents.courseId, id)).orderBy(asc(studioEvents.id))).map((row) => row.kind);
const twoLessons = (title: string) => ({
  ownerId: owner.id,
  title,
  coAuthors: [coAuthor.id],
  lessons: [
    { title: '入党誓词的由来', body: '第一段。\n\n誓词的第一句。' },
    { title: '誓词的内容', body: '誓词共八十个字。' },
  ],
});

beforeAll(async () => {
  fixture = await freshDb('studio-review');
  db = fixture.db;
  owner = await person('13900000560', '讲师老李', ['learner', 'instructor']);
  coAuthor = await person('13900000561', '讲师小王', ['learner', 'instructor']);
  stranger = await person('13900000562', '讲师老赵', ['learner', 'instructor']);
  admin = await person('13900000563', '管理员老周', ['learner', 'admin']);
  reviewer = await person('13900000564', '审核员老陈', ['learner', 'instructor'], true);
});
afterAll(() => fixture.close());
beforeEach(() => vi.mocked(requestSearchRefresh).mockClear());

describe('submitting a course', () => {
  it('is refused with the list of what is missing, and nothing changes', async () => {
    const { courseId } = await seedStudioCourse(db, {
      ownerId: owner.id,
      title: '缺东西的课',
      coverImage: 'abc123',
      coverAlt: '',
      lessons: [
        { title: '没有出处的课', body: '正文。', sources: [] },
        { title: '写错的课', body: BROKEN },
      ],
    });
    const problems = await submissionProblems(db, courseId);
    expect(problems.map((problem) => problem.message)).toEqual([
      '封面图片还没有文字说明：请在“课程信息”里写一句话说明图片上是什么（看不见图片的人会听到它）。',
      '第1课“没有出处的课”还没有写出处：请在这一课的“出处”里至少写一条。',
      `第2课“写错的课”${BROKEN_MESSAGE}`,
    ]);
    const refused = await submitCourse(db, owner, courseId);
    expect(refused.ok).toBe(false);
    if (!refused.ok) for (const problem of problems) expect(refused.error.message).toContain(problem.message);
    expect((await course(courseId)).state).toBe('draft');
    expect(await eventKinds(courseId)).toEqual([]);
  });

  it('is refused for a course without lessons, and for someone who does not write it', async () => {
    const empty = await seedStudioCourse(db, { ownerId: owner.id, title: '空课', lessons: [] });
    expect((await submissionProblems(db, empty.courseId)).map((problem) => problem.message)).toEqual(['这门课还没有课文：请至少添加一课。']);
    const { courseId } = await seedStudioCourse(db, twoLessons('别人的课'));
    expect(await submitCourse(db, stranger, courseId)).toMatchObject({ ok: false, error: { message: '只有这门课的作者和管理员可以提交审核。' } });
    expect((await course(courseId)).state).toBe('draft');
  });
});

describe('the review workflow, from draft to published', () => {
  let courseId: number;
  let lessonIds: number[];

  it('goes draft → submitted → returned with comments → submitted (comments answered) → approved and published', async () => {
    ({ courseId, lessonIds } = await seedStudioCourse(db, twoLessons('重温入党誓词')));
    expect(unwrap(await submitCourse(db, coAuthor, courseId))).toContain('已提交审核');
    expect((await course(courseId)).state).toBe('submitted');
    expect(await submitCourse(db, owner, courseId)).toMatchObject({ ok: false });

    // A return needs at least one comment; empty ones are skipped.
    expect(await returnCourse(db, reviewer, { courseId, comments: [{ lessonId: null, body: '  ' }] })).toMatchObject({ ok: false, error: { field: 'comments' } });
    unwrap(
      await returnCourse(db, reviewer, {
        courseId,
        comments: [
          { lessonId: null, body: '' },
          { lessonId: lessonIds[0]!, body: '请写明誓词是哪一年定的。' },
          { lessonId: lessonIds[1]!, body: '' },
        ],
      }),
    );
    expect((await course(courseId)).state).toBe('returned');
    const view = (await workflowView(db, courseId))!;
    expect(view.comments).toMatchObject([{ lessonId: lessonIds[0], authorName: '审核员老陈', body: '请写明誓词是哪一年定的。', resolvedAt: null }]);

    // The author fixes it and submits again: the comment is marked answered.
    await db.update(studioLessons).set({ body: '第一段。\n\n誓词定于1982年。' }).where(eq(studioLessons.id, lessonIds[0]!));
    unwrap(await submitCourse(db, owner, courseId));
    const [comment] = await db.select().from(studioComments).where(eq(studioComments.courseId, courseId));
    expect(comment!.resolvedAt).not.toBeNull();

    const approved = unwrap(await approveCourse(db, reviewer, { courseId }));
    expect(approved.version).toBe(1);
    const after = await course(courseId);
    expect(after.state).toBe('draft');
    expect(after.publishedVersionId).not.toBeNull();
    expect(requestSearchRefresh).toHaveBeenCalledTimes(1);

    // Learners see the version: its snapshot and each lesson compiled once.
    const published = (await findPublishedStudioCourse(db, after.slug))!;
    expect(published.versionNumber).toBe(1);
    expect(published.snapshot.course.instructor).toBe('讲师老李');
    expect(published.snapshot.lessons.map((lesson) => lesson.title)).toEqual(['入党誓词的由来', '誓词的内容']);
    expect(published.snapshot.lessons[0]!.body).toContain('1982年');
    expect(Object.keys(published.compiled)).toEqual(published.snapshot.lessons.map((lesson) => lesson.slug));
    expect(published.compiled[`lesson-${lessonIds[0]}`]!.plainText).toContain('1982年');

    expect(await eventKinds(courseId)).toEqual(['submitted', 'returned', 'submitted', 'approved', 'published']);
    const events = (await workflowView(db, courseId))!.events.map(describeStudioEvent);
    expect(events).toEqual(['审核员老陈发布了第1版', '审核员老陈审核通过', '讲师老李提交了审核', '审核员老陈退回修改（1条意见）', '讲师小王提交了审核']);
  });

  it('refuses to submit again while nothing has changed since the published version', async () => {
    expect(await submitCourse(db, owner, courseId)).toMatchObject({ ok: false, error: { message: '现在的内容和已发布的第1版一样，没有需要审核的修改。' } });
  });

  it('keeps every published version, and compares two lesson by lesson', async () => {
    await db.update(studioLessons).set({ body: '第一段。\n\n誓词定于1982年9月。', title: '誓词的由来' }).where(eq(studioLessons.id, lessonIds[0]!));
    await db.update(studioLessons).set({ removedAt: Date.now() }).where(eq(studioLessons.id, lessonIds[1]!));
    unwrap(await submitCourse(db, owner, courseId));
    expect(unwrap(await approveCourse(db, reviewer, { courseId })).version).toBe(2);
    const versions = await listVersions(db, courseId);
    expect(versions.map((version) => [version.number, version.current, version.approverName])).toEqual([
      [2, true, '审核员老陈'],
      [1, false, '审核员老陈'],
    ]);
    // Given newest first, the earlier version still goes left.
    const compared = unwrap(await compareVersions(db, courseId, versions[0]!.id, versions[1]!.id));
    expect([compared.before, compared.after]).toEqual([1, 2]);
    const [first, second] = compared.comparison.lessons;
    expect(first).toMatchObject({ lessonId: lessonIds[0], title: '誓词的由来', status: 'changed' });
    expect(second).toMatchObject({ lessonId: lessonIds[1], status: 'removed', positionBefore: 2, positionAfter: null });
    const changed = first!.rows.filter((row) => row.kind === 'changed');
    expect(changed).toContainEqual({
      kind: 'changed',
      before: [
        { text: '誓词定于1982年', changed: false },
        { text: '。', changed: false },
      ],
      after: [
        { text: '誓词定于1982年', changed: false },
        { text: '9月', changed: true },
        { text: '。', changed: false },
      ],
    });
    expect(changed).toContainEqual({ kind: 'changed', before: [{ text: '课名：', changed: false }, { text: '入党', changed: true }, { text: '誓词的由来', changed: false }], after: [{ text: '课名：', changed: false }, { text: '誓词的由来', changed: false }] });
    expect(await compareVersions(db, courseId, versions[0]!.id, versions[0]!.id)).toMatchObject({ ok: false });
    const stored = await db.select().from(studioCourseVersions).where(eq(studioCourseVersions.courseId, courseId));
    expect(stored).toHaveLength(2);
    const v1 = JSON.parse(stored.find((row) => row.number === 1)!.snapshot) as StudioSnapshot;
    expect(v1.lessons).toHaveLength(2);
    expect(Object.keys(JSON.parse(stored.find((row) => row.number === 2)!.compiled) as CompiledLessons)).toEqual([`lesson-${lessonIds[0]}`]);
  });

  it('restores an old version as a new draft without changing what learners see', async () => {
    const [v2, v1] = await listVersions(db, courseId);
    const before = await course(courseId);
    unwrap(await restoreVersion(db, coAuthor, { courseId, versionId: v1!.id }));
    const after = await course(courseId);
    expect(after.state).toBe('draft');
    expect(after.revision).toBe(before.revision + 1);
    expect(after.publishedVersionId).toBe(v2!.id);
    const lessons = await db
      .select()
      .from(studioLessons)
      .where(and(eq(studioLessons.courseId, courseId), isNull(studioLessons.removedAt)))
      .orderBy(asc(studioLessons.position));
    expect(lessons.map((lesson) => [lesson.id, lesson.title, lesson.body])).toEqual([
      [lessonIds[0], '入党誓词的由来', '第一段。\n\n誓词定于1982年。'],
      [lessonIds[1], '誓词的内容', '誓词共八十个字。'],
    ]);
    expect((await eventKinds(courseId)).at(-1)).toBe('restored');
    expect(describeStudioEvent((await workflowView(db, courseId))!.events[0]!)).toBe('讲师小王把第1版恢复为草稿');
    expect(await restoreVersion(db, stranger, { courseId, versionId: v1!.id })).toMatchObject({ ok: false });
  });

  it('unpublishes: learners no longer see it, the versions stay', async () => {
    expect(await unpublishCourse(db, owner, courseId)).toMatchObject({ ok: false });
    unwrap(await unpublishCourse(db, reviewer, courseId));
    const after = await course(courseId);
    expect(after.publishedVersionId).toBeNull();
    expect(await findPublishedStudioCourse(db, after.slug)).toBeUndefined();
    expect(await listVersions(db, courseId)).toHaveLength(2);
    expect(requestSearchRefresh).toHaveBeenCalledTimes(1);
    expect((await eventKinds(courseId)).at(-1)).toBe('unpublished');
    expect(await unpublishCourse(db, reviewer, courseId)).toMatchObject({ ok: false, error: { message: '这门课现在没有发布。' } });
  });
});

describe('nobody approves their own course', () => {
  it('refuses the owner, a co-author and an admin who wrote it; another reviewer or admin may', async () => {
    const adminsOwn = await seedStudioCourse(db, { ...twoLessons('管理员自己的课'), ownerId: admin.id, coAuthors: [reviewer.id] });
    unwrap(await submitCourse(db, admin, adminsOwn.courseId));
    for (const who of [admin, reviewer]) {
      expect(await approveCourse(db, who, { courseId: adminsOwn.courseId })).toMatchObject({ ok: false, error: { message: '自己编写的课程不能自己审核，请其他审核人员来审。' } });
      expect(await returnCourse(db, who, { courseId: adminsOwn.courseId, comments: [{ lessonId: null, body: '自己退回' }] })).toMatchObject({ ok: false });
    }
    expect(await approveCourse(db, stranger, { courseId: adminsOwn.courseId })).toMatchObject({ ok: false, error: { message: '只有审核人员可以审核课程。' } });
    expect((await course(adminsOwn.courseId)).publishedVersionId).toBeNull();
    expect(await db.select().from(studioCourseVersions).where(eq(studioCourseVersions.courseId, adminsOwn.courseId))).toEqual([]);

    // The queue shows it to a reviewer who did not write it, and tells the writer it waits for someone else.
    const queueFor = async (who: User) => (await reviewQueue(db, who)).find((entry) => entry.id === adminsOwn.courseId);
    expect(await queueFor(reviewer)).toMatchObject({ mayReview: false });
    const other = await person('13900000565', '审核员老孙', ['learner', 'instructor'], true);
    expect(await queueFor(other)).toMatchObject({ mayReview: true, ownerName: '管理员老周', lessons: 2, publishedNumber: null });
    expect(unwrap(await approveCourse(db, other, { courseId: adminsOwn.courseId })).version).toBe(1);
  });

  it('refuses an approval when the author changed the course after the reviewer read it', async () => {
    const { courseId } = await seedStudioCourse(db, twoLessons('审阅时改了的课'));
    unwrap(await submitCourse(db, owner, courseId));
    const read = (await course(courseId)).revision;
    await db.update(studioCourses).set({ revision: read + 1 }).where(eq(studioCourses.id, courseId));
    expect(await approveCourse(db, reviewer, { courseId, revision: read })).toMatchObject({ ok: false, error: { message: expect.stringContaining('又改过') } });
    expect((await course(courseId)).publishedVersionId).toBeNull();
  });

  it('refuses to publish a lesson the compiler refuses, even when it was submitted', async () => {
    const { courseId, lessonIds } = await seedStudioCourse(db, twoLessons('提交后写坏的课'));
    unwrap(await submitCourse(db, owner, courseId));
    await db.update(studioLessons).set({ body: BROKEN }).where(eq(studioLessons.id, lessonIds[1]!));
    expect(await approveCourse(db, reviewer, { courseId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('第2课“誓词的内容”第3行') } });
    expect((await course(courseId)).publishedVersionId).toBeNull();
    expect(requestSearchRefresh).not.toHaveBeenCalled();
  });
});

describe('the reviewer flag', () => {
  it('is set by an admin and recorded in the security log, granted and taken away', async () => {
    const id = await insertUser(db, { phone: '13900000566', displayName: '讲师老吴', branchId: null, passwordHash: null, roles: ['learner', 'instructor'] });
    unwrap(await updateUser(db, admin.id, { userId: id, roles: ['learner', 'instructor'], branchId: null, disabled: false, reviewer: true }));
    expect((await getUser(db, id))!.reviewer).toBe(true);
    unwrap(await updateUser(db, admin.id, { userId: id, roles: ['learner', 'instructor'], branchId: null, disabled: false, reviewer: false }));
    expect((await getUser(db, id))!.reviewer).toBe(false);
    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, id)).orderBy(asc(auditLog.id));
    expect(entries.map((entry) => describeAuditEvent({ ...entry, detail: {} }))).toEqual([
      '管理员老周把讲师老吴设为课程审核人员（可以审核、发布别人编写的课程）',
      '管理员老周取消了讲师老吴的课程审核人员标记',
    ]);
  });
});
