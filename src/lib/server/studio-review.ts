import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { studioComments, studioCourseAuthors, studioCourses, studioCourseVersions, studioEvents, studioLessons, users, type StudioEventKind } from '../../../db/schema';
import { can, type Resource, type Subject } from '../permissions';
import { fail, ok, type Result } from '../result';
import { compileStudioLesson } from '../studio-mdx';
import type { CompiledLessons, StudioSnapshot } from '../studio-snapshot';
import { compareSnapshots, type CourseComparison } from '../studio-compare';
import type { StudioEventDetail, WorkflowComment, WorkflowView } from '../studio-workflow';
import type { Db, Writer } from './db';
import { requestSearchRefresh } from './search-index';
import { studioPagesChanged } from './studio-pages';
import { studioCourseResource } from './studio-access';
import { draftLessons, parseSources, studioDraftSnapshot } from './studio-draft';
import { submissionProblems } from './studio-courses';
import { idFromParam } from './studio-page';

/**
 * The review workflow of studio courses: submit (with the list of what is still missing), return
 * with comments per lesson or for the course, approve = publish (every lesson compiled again, a new
 * version kept for good, in one transaction with the events), unpublish, the versions, comparing two
 * and restoring one as a new draft. Every step checks the one permission map (studio.write for the
 * author's steps, studio.review for the reviewer's: nobody reviews a course they own or co-author)
 * and records who did it in studio_events.
 */

/** Who is acting: the signed-in person (src/lib/server/users.ts's User fits). */
export type Actor = Subject & { displayName: string };

const NOT_FOUND = '没有找到这门课，可能已经删除了。请回到“我的课程”再看。';
const CHANGED_WHILE_REVIEWING = '作者在您审阅时又改过这门课了。请重新打开这一页，看过最新的内容再决定。';

async function courseRow(db: Pick<Db, 'select'>, courseId: number) {
  const [course] = await db.select().from(studioCourses).where(eq(studioCourses.id, courseId));
  return course;
}

async function recordEvent(db: Writer, event: { courseId: number; kind: StudioEventKind; actor: Actor; detail?: StudioEventDetail }, now: number): Promise<void> {
  await db.insert(studioEvents).values({
    courseId: event.courseId,
    kind: event.kind,
    actorId: event.actor.id,
    actorName: event.actor.displayName,
    detail: JSON.stringify(event.detail ?? {}),
    at: now,
  });
}

/** The draft as it would be published now (the course row was read just before). */
async function draftSnapshot(db: Pick<Db, 'select'>, course: typeof studioCourses.$inferSelect): Promise<StudioSnapshot> {
  const snapshot = await studioDraftSnapshot(db, course.id);
  if (!snapshot) throw new Error(`studio course ${course.id} vanished while being read`);
  return snapshot;
}

/** Whether two snapshots hold the same course and lessons (who teaches it aside). */
function sameContent(a: StudioSnapshot, b: StudioSnapshot): boolean {
  const content = (snapshot: StudioSnapshot) => JSON.stringify({ ...snapshot, course: { ...snapshot.course, instructor: '' } });
  return content(a) === content(b);
}

async function publishedSnapshot(db: Pick<Db, 'select'>, versionId: number | null): Promise<{ number: number; snapshot: StudioSnapshot } | null> {
  if (versionId === null) return null;
  const [row] = await db.select({ number: studioCourseVersions.number, snapshot: studioCourseVersions.snapshot }).from(studioCourseVersions).where(eq(studioCourseVersions.id, versionId));
  return row ? { number: row.number, snapshot: JSON.parse(row.snapshot) as StudioSnapshot } : null;
}

/** The author (or a co-author, or an admin) hands the course to the reviewers. Open comments are marked answered. */
export async function submitCourse(db: Db, actor: Actor, courseId: number, now = Date.now()): Promise<Result<string>> {
  const resource = await studioCourseResource(db, courseId);
  const course = await courseRow(db, courseId);
  if (!resource || !course) return fail(NOT_FOUND);
  if (!can(actor, 'studio.write', resource)) return fail('只有这门课的作者和管理员可以提交审核。');
  if (course.state === 'submitted') return fail('这门课已经提交了，正在等待审核。');
  const problems = await submissionProblems(db, courseId);
  if (problems.length > 0) return fail(`还不能提交审核，请先补上：${problems.map((problem) => problem.message).join(' ')}`);
  const published = await publishedSnapshot(db, course.publishedVersionId);
  if (published && sameContent(published.snapshot, await draftSnapshot(db, course))) {
    return fail(`现在的内容和已发布的第${published.number}版一样，没有需要审核的修改。`);
  }
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(studioCourses)
      .set({ state: 'submitted', updatedAt: now })
      .where(and(eq(studioCourses.id, courseId), sql`${studioCourses.state} <> 'submitted'`))
      .returning({ id: studioCourses.id });
    if (moved.length === 0) return fail('这门课已经提交了，正在等待审核。');
    await tx.update(studioComments).set({ resolvedAt: now }).where(and(eq(studioComments.courseId, courseId), isNull(studioComments.resolvedAt)));
    await recordEvent(tx, { courseId, kind: 'submitted', actor }, now);
    return ok('已提交审核。审核人员看过后会发布，或者写上意见退回给您修改。');
  });
}

/**
 * The studio course a page's `[id]` names, with its owner and co-authors for the permission map,
 * or undefined when the address names none.
 */
export async function courseOfParam(db: Db, param: string | undefined): Promise<{ courseId: number; resource: Resource } | undefined> {
  const courseId = idFromParam(param);
  if (courseId === undefined) return undefined;
  const resource = await studioCourseResource(db, courseId);
  return resource ? { courseId, resource } : undefined;
}

/** The checks every reviewer's step starts with: the course exists, may be reviewed by this person, waits for review, unchanged since read. */
async function reviewable(db: Db, actor: Actor, courseId: number, revision: number | undefined): Promise<Result<typeof studioCourses.$inferSelect>> {
  const resource = await studioCourseResource(db, courseId);
  const course = await courseRow(db, courseId);
  if (!resource || !course) return fail(NOT_FOUND);
  if (!can(actor, 'studio.review', resource)) {
    return fail(can(actor, 'studio.write', resource) ? '自己编写的课程不能自己审核，请其他审核人员来审。' : '只有审核人员可以审核课程。');
  }
  if (course.state !== 'submitted') return fail(course.state === 'returned' ? '这门课已经退回给作者了。' : '这门课现在没有在等待审核。');
  if (revision !== undefined && revision !== course.revision) return fail(CHANGED_WHILE_REVIEWING);
  return ok(course);
}

export interface ReturnComment {
  /** The lesson it is about, or null for the course as a whole. */
  lessonId: number | null;
  body: string;
}

/** A reviewer sends the course back with comments (at least one), shown to the author beside each lesson. */
export async function returnCourse(db: Db, actor: Actor, input: { courseId: number; revision?: number | undefined; comments: ReturnComment[] }, now = Date.now()): Promise<Result<string>> {
  const checked = await reviewable(db, actor, input.courseId, input.revision);
  if (!checked.ok) return checked;
  const comments = input.comments.map((comment) => ({ ...comment, body: comment.body.trim() })).filter((comment) => comment.body !== '');
  if (comments.length === 0) return fail('请至少写一条意见，告诉作者要改什么。', 'comments');
  if (comments.some((comment) => comment.body.length > 2000)) return fail('每条意见请不要超过2000字。', 'comments');
  const lessonIds = new Set((await draftLessons(db, input.courseId)).map((lesson) => lesson.id));
  if (comments.some((comment) => comment.lessonId !== null && !lessonIds.has(comment.lessonId))) return fail('有一课已经被作者删去了，请重新打开这一页再写意见。');
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(studioCourses)
      .set({ state: 'returned', updatedAt: now })
      .where(and(eq(studioCourses.id, input.courseId), eq(studioCourses.state, 'submitted'), eq(studioCourses.revision, checked.value.revision)))
      .returning({ id: studioCourses.id });
    if (moved.length === 0) return fail(CHANGED_WHILE_REVIEWING);
    await tx.insert(studioComments).values(
      comments.map((comment) => ({ courseId: input.courseId, lessonId: comment.lessonId, authorId: actor.id, authorName: actor.displayName, body: comment.body, createdAt: now })),
    );
    await recordEvent(tx, { courseId: input.courseId, kind: 'returned', actor, detail: { comments: comments.length } }, now);
    return ok('已退回给作者，您的意见会显示在各课的标题旁边。');
  });
}

/**
 * A reviewer approves: every lesson is compiled again (the one compiler), the course and its lessons
 * are kept as a new version, and learners see it, all in one transaction with the events; then the
 * search index is refreshed.
 */
export async function approveCourse(db: Db, actor: Actor, input: { courseId: number; revision?: number | undefined }, now = Date.now()): Promise<Result<{ message: string; version: number }>> {
  const checked = await reviewable(db, actor, input.courseId, input.revision);
  if (!checked.ok) return checked;
  const course = checked.value;
  const snapshot = await draftSnapshot(db, course);
  if (snapshot.lessons.length === 0) return fail('这门课还没有课，不能发布。');
  const compiled: CompiledLessons = {};
  const problems: string[] = [];
  snapshot.lessons.forEach((lesson, index) => {
    const outcome = compileStudioLesson(lesson.body);
    if (outcome.ok) compiled[lesson.slug] = outcome.value;
    else for (const problem of outcome.problems) problems.push(`第${index + 1}课“${lesson.title}”第${problem.line}行：${problem.message}`);
  });
  if (problems.length > 0) return fail(`有的课还有问题，不能发布，请退回作者修改：${problems.join(' ')}`);
  const result = await db.transaction(async (tx) => {
    const moved = await tx
      .update(studioCourses)
      .set({ state: 'draft', updatedAt: now })
      .where(and(eq(studioCourses.id, course.id), eq(studioCourses.state, 'submitted'), eq(studioCourses.revision, course.revision)))
      .returning({ id: studioCourses.id });
    if (moved.length === 0) return fail(CHANGED_WHILE_REVIEWING);
    const [last] = await tx.select({ number: max(studioCourseVersions.number) }).from(studioCourseVersions).where(eq(studioCourseVersions.courseId, course.id));
    const number = (last?.number ?? 0) + 1;
    const [version] = await tx
      .insert(studioCourseVersions)
      .values({ courseId: course.id, number, snapshot: JSON.stringify(snapshot), compiled: JSON.stringify(compiled), authorId: course.ownerId, approvedBy: actor.id, publishedAt: now })
      .returning({ id: studioCourseVersions.id });
    await tx.update(studioCourses).set({ publishedVersionId: version!.id }).where(eq(studioCourses.id, course.id));
    await recordEvent(tx, { courseId: course.id, kind: 'approved', actor }, now);
    await recordEvent(tx, { courseId: course.id, kind: 'published', actor, detail: { version: number } }, now);
    return ok({ message: `已审核通过并发布第${number}版，学员现在可以学习了。`, version: number });
  });
  if (result.ok) {
    requestSearchRefresh();
    // Its pages' files (the new version) are in place before the reviewer's next page.
    await studioPagesChanged(course.slug);
  }
  return result;
}

/** Learners stop seeing the course (its versions are kept; submitting and approving again publishes it). */
export async function unpublishCourse(db: Db, actor: Actor, courseId: number, now = Date.now()): Promise<Result<string>> {
  const resource = await studioCourseResource(db, courseId);
  const course = await courseRow(db, courseId);
  if (!resource || !course) return fail(NOT_FOUND);
  if (!can(actor, 'studio.review', resource) && !can(actor, 'studio.manage')) return fail('只有审核人员和管理员可以停止发布课程。');
  const published = await publishedSnapshot(db, course.publishedVersionId);
  if (!published) return fail('这门课现在没有发布。');
  const result = await db.transaction(async (tx) => {
    const moved = await tx
      .update(studioCourses)
      .set({ publishedVersionId: null, updatedAt: now })
      .where(and(eq(studioCourses.id, courseId), eq(studioCourses.publishedVersionId, course.publishedVersionId!)))
      .returning({ id: studioCourses.id });
    if (moved.length === 0) return fail('这门课的发布状态刚刚变了，请重新打开这一页。');
    await recordEvent(tx, { courseId, kind: 'unpublished', actor, detail: { version: published.number } }, now);
    return ok('已停止发布，学员暂时看不到这门课了。各个版本都还保留着。');
  });
  if (result.ok) {
    requestSearchRefresh();
    await studioPagesChanged(course.slug);
  }
  return result;
}

export interface VersionRow {
  id: number;
  number: number;
  publishedAt: number;
  /** Who approved it (name now), '' when that account is closed. */
  approverName: string;
  /** The one learners see now. */
  current: boolean;
}

/** Every published version of the course, newest first. */
export async function listVersions(db: Db, courseId: number): Promise<VersionRow[]> {
  const course = await courseRow(db, courseId);
  if (!course) return [];
  const rows = await db
    .select({ id: studioCourseVersions.id, number: studioCourseVersions.number, publishedAt: studioCourseVersions.publishedAt, approverName: users.displayName })
    .from(studioCourseVersions)
    .leftJoin(users, eq(users.id, studioCourseVersions.approvedBy))
    .where(eq(studioCourseVersions.courseId, courseId))
    .orderBy(desc(studioCourseVersions.number));
  return rows.map((row) => ({ ...row, approverName: row.approverName ?? '', current: row.id === course.publishedVersionId }));
}

async function versionSnapshot(db: Db, courseId: number, versionId: number): Promise<{ number: number; snapshot: StudioSnapshot } | undefined> {
  const [row] = await db
    .select({ number: studioCourseVersions.number, snapshot: studioCourseVersions.snapshot })
    .from(studioCourseVersions)
    .where(and(eq(studioCourseVersions.id, versionId), eq(studioCourseVersions.courseId, courseId)));
  return row ? { number: row.number, snapshot: JSON.parse(row.snapshot) as StudioSnapshot } : undefined;
}

/** Two versions of the course side by side, the earlier one first whichever order they are given in. */
export async function compareVersions(db: Db, courseId: number, firstId: number, secondId: number): Promise<Result<{ before: number; after: number; comparison: CourseComparison }>> {
  const [first, second] = await Promise.all([versionSnapshot(db, courseId, firstId), versionSnapshot(db, courseId, secondId)]);
  if (!first || !second) return fail('没有找到要比较的版本，请在列表里重新选。');
  if (first.number === second.number) return fail('请选两个不同的版本来比较。');
  const [before, after] = first.number < second.number ? [first, second] : [second, first];
  return ok({ before: before.number, after: after.number, comparison: compareSnapshots(before.snapshot, after.snapshot) });
}

/**
 * An old version becomes the draft again: the course details and lessons as they were (lessons not
 * in that version are set aside, as removing does), state 草稿. What learners see does not change
 * until it is submitted and approved.
 */
export async function restoreVersion(db: Db, actor: Actor, input: { courseId: number; versionId: number }, now = Date.now()): Promise<Result<string>> {
  const resource = await studioCourseResource(db, input.courseId);
  const course = await courseRow(db, input.courseId);
  if (!resource || !course) return fail(NOT_FOUND);
  if (!can(actor, 'studio.write', resource)) return fail('只有这门课的作者和管理员可以恢复旧版本。');
  if (course.state === 'submitted') return fail('这门课正在等待审核，审核结束后才能恢复旧版本。');
  const version = await versionSnapshot(db, input.courseId, input.versionId);
  if (!version) return fail('没有找到这个版本，请在列表里重新选。');
  const { snapshot } = version;
  return db.transaction(async (tx) => {
    await tx
      .update(studioCourses)
      .set({
        title: snapshot.course.title,
        theme: snapshot.course.theme,
        summary: snapshot.course.summary,
        hours: String(snapshot.course.hours),
        coverImage: snapshot.course.coverImage,
        coverAlt: snapshot.course.coverAlt,
        sources: JSON.stringify(snapshot.course.sources),
        state: 'draft',
        revision: sql`${studioCourses.revision} + 1`,
        updatedAt: now,
        updatedBy: actor.id,
      })
      .where(eq(studioCourses.id, input.courseId));
    const existing = new Set((await tx.select({ id: studioLessons.id }).from(studioLessons).where(eq(studioLessons.courseId, input.courseId))).map((row) => row.id));
    for (const [index, lesson] of snapshot.lessons.entries()) {
      const fields = {
        position: index + 1,
        title: lesson.title,
        summary: lesson.summary,
        body: lesson.body,
        sources: JSON.stringify(lesson.sources),
        minutes: lesson.minutes,
        removedAt: null,
        updatedAt: now,
        updatedBy: actor.id,
      };
      if (existing.has(lesson.id)) {
        await tx.update(studioLessons).set({ ...fields, revision: sql`${studioLessons.revision} + 1` }).where(eq(studioLessons.id, lesson.id));
      } else {
        await tx.insert(studioLessons).values({ ...fields, id: lesson.id, courseId: input.courseId, slug: lesson.slug });
      }
    }
    const kept = snapshot.lessons.map((lesson) => lesson.id);
    await tx
      .update(studioLessons)
      .set({ removedAt: now, updatedAt: now, updatedBy: actor.id, revision: sql`${studioLessons.revision} + 1` })
      .where(and(eq(studioLessons.courseId, input.courseId), isNull(studioLessons.removedAt), kept.length > 0 ? sql`${studioLessons.id} not in (${sql.join(kept.map((id) => sql`${id}`), sql`, `)})` : undefined));
    await recordEvent(tx, { courseId: input.courseId, kind: 'restored', actor, detail: { version: version.number } }, now);
    return ok(`已把第${version.number}版恢复为草稿。学员看到的内容不变，修改好后提交审核才会更新。`);
  });
}

export async function workflowView(db: Db, courseId: number): Promise<WorkflowView | undefined> {
  const course = await courseRow(db, courseId);
  if (!course) return undefined;
  const [lessons, comments, events, problems, published, draft] = await Promise.all([
    draftLessons(db, courseId),
    db.select().from(studioComments).where(eq(studioComments.courseId, courseId)).orderBy(desc(studioComments.createdAt), desc(studioComments.id)),
    db.select().from(studioEvents).where(eq(studioEvents.courseId, courseId)).orderBy(desc(studioEvents.at), desc(studioEvents.id)).limit(200),
    submissionProblems(db, courseId),
    publishedSnapshot(db, course.publishedVersionId),
    draftSnapshot(db, course),
  ]);
  return {
    course: { id: course.id, title: course.title, state: course.state, revision: course.revision },
    published: published ? { number: published.number } : null,
    draftDiffers: !published || !sameContent(published.snapshot, draft),
    lessons: lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, position: lesson.position })),
    comments: comments.map(({ id, lessonId, authorName, body, createdAt, resolvedAt }) => ({ id, lessonId, authorName, body, createdAt, resolvedAt })),
    events: events.map((event) => ({ id: event.id, kind: event.kind, actorName: event.actorName, at: event.at, detail: parseDetail(event.detail) })),
    problems,
  };
}

/** A lesson's comments not yet dealt with (the author has not submitted again since), newest first: shown beside its text in the editor. */
export async function openLessonComments(db: Db, courseId: number, lessonId: number): Promise<WorkflowComment[]> {
  return db
    .select({ id: studioComments.id, lessonId: studioComments.lessonId, authorName: studioComments.authorName, body: studioComments.body, createdAt: studioComments.createdAt, resolvedAt: studioComments.resolvedAt })
    .from(studioComments)
    .where(and(eq(studioComments.courseId, courseId), eq(studioComments.lessonId, lessonId), isNull(studioComments.resolvedAt)))
    .orderBy(desc(studioComments.createdAt), desc(studioComments.id));
}

function parseDetail(json: string): StudioEventDetail {
  try {
    return JSON.parse(json) as StudioEventDetail;
  } catch {
    return {};
  }
}

export interface QueueEntry {
  id: number;
  title: string;
  theme: string;
  ownerName: string;
  lessons: number;
  submittedAt: number;
  /** A first publication, or an update of a published course (which version learners see now). */
  publishedNumber: number | null;
  /** False for courses this person owns or co-authors: someone else reviews those. */
  mayReview: boolean;
}

/** The courses waiting for review, longest waiting first. */
export async function reviewQueue(db: Db, viewer: Subject): Promise<QueueEntry[]> {
  const rows = await db
    .select({
      id: studioCourses.id,
      title: studioCourses.title,
      theme: studioCourses.theme,
      ownerId: studioCourses.ownerId,
      ownerName: users.displayName,
      publishedNumber: studioCourseVersions.number,
      submittedAt: sql<number>`(select max(${studioEvents.at}) from ${studioEvents} where ${studioEvents.courseId} = ${studioCourses.id} and ${studioEvents.kind} = 'submitted')`,
      lessons: sql<number>`(select count(*) from ${studioLessons} where ${studioLessons.courseId} = ${studioCourses.id} and ${studioLessons.removedAt} is null)`,
    })
    .from(studioCourses)
    .leftJoin(users, eq(users.id, studioCourses.ownerId))
    .leftJoin(studioCourseVersions, eq(studioCourseVersions.id, studioCourses.publishedVersionId))
    .where(eq(studioCourses.state, 'submitted'));
  const authors = rows.length
    ? await db.select().from(studioCourseAuthors).where(inArray(studioCourseAuthors.courseId, rows.map((row) => row.id)))
    : [];
  return rows
    .map((row) => ({
      id: row.id,
      title: row.title,
      theme: row.theme,
      ownerName: row.ownerName ?? '（已注销的账号）',
      lessons: Number(row.lessons),
      submittedAt: Number(row.submittedAt ?? 0),
      publishedNumber: row.publishedNumber ?? null,
      mayReview: can(viewer, 'studio.review', { ownerId: row.ownerId, authorIds: authors.filter((author) => author.courseId === row.id).map((author) => author.userId) }),
    }))
    .sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id);
}

/** The draft's lessons with their text compiled, for the reviewer's reading page. */
export async function draftForReview(db: Db, courseId: number) {
  const course = await courseRow(db, courseId);
  if (!course) return undefined;
  const lessons = await draftLessons(db, courseId);
  return {
    course: { id: course.id, title: course.title, theme: course.theme, summary: course.summary, hours: course.hours, sources: parseSources(course.sources), state: course.state, revision: course.revision },
    lessons: lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, summary: lesson.summary, sources: parseSources(lesson.sources), compiled: compileStudioLesson(lesson.body) })),
  };
}
