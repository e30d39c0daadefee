import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { studioCourseAuthors, studioCourses, studioEvents, studioLessons, userRoles, users, type StudioEventKind, type StudioState } from '../../../db/schema';
import type { Db, Tx } from './db';
import { can, type Subject } from '../permissions';
import { fail, ok, UserFacingError, type Result } from '../result';
import { compileStudioLesson } from '../studio-mdx';
import type { StudioProblem } from '../studio-tree';
import type { Source } from '../../schemas/source';
import type { CourseDetails, NewCourse, SaveLessonInput } from '../../schemas/studio';
import { maskPhone } from '../phone';
import { draftLessons, parseSources } from './studio-draft';
import { storeUploadedImage } from './media';
import type { StudioCourseSummary } from '../studio-labels';

/**
 * The instructor studio's drafts: courses and their lessons as authors write them (learners see
 * only published versions, studio-published.ts). Who may change a course is the permission map's
 * `studio.write` on the course (its owner, its co-authors, admins); `studio.manage` (admins)
 * transfers ownership. Every change is one write transaction that raises the course's revision and
 * writes a studio_events row; a refusal changes nothing.
 */

/** Who is acting: the permission map's subject and the name the studio's log keeps. */
export type StudioActor = Subject & { displayName: string };

export const COURSE_NOT_FOUND = '没有找到这门课，请回到“我的课程”重新选择。';
export const LESSON_NOT_FOUND = '没有找到这一课，它可能已经被删除了。请回到课程页面重新选择。';
export const NOT_YOURS = '这门课不是您的，也没有把您加为合作讲师，不能修改。如需帮忙，请联系管理员。';
const UNDER_REVIEW = '这门课已经提交审核，审核完成之前不能修改。如果要改，请等审核员退回。';
/** Autosaves of one lesson by one person within this time share one 'edited' row of the log. */
const EDIT_EVENT_WINDOW_MS = 10 * 60 * 1000;

interface CourseRow {
  id: number;
  slug: string;
  ownerId: number | null;
  state: StudioState;
  revision: number;
}

/**
 * The course, after checking that `actor` may write it; throws the refusal (404/403 for scripts,
 * the message on the form) otherwise, which rolls the transaction back.
 */
async function writableCourse(tx: Db | Tx, actor: StudioActor, courseId: number, options: { whileSubmitted?: boolean } = {}): Promise<CourseRow> {
  const [course] = await tx
    .select({ id: studioCourses.id, slug: studioCourses.slug, ownerId: studioCourses.ownerId, state: studioCourses.state, revision: studioCourses.revision })
    .from(studioCourses)
    .where(eq(studioCourses.id, courseId));
  if (!course) throw new UserFacingError(COURSE_NOT_FOUND, { code: 'NOT_FOUND' });
  const authorIds = (await tx.select({ userId: studioCourseAuthors.userId }).from(studioCourseAuthors).where(eq(studioCourseAuthors.courseId, courseId))).map((row) => row.userId);
  if (!can(actor, 'studio.write', { ownerId: course.ownerId, authorIds })) throw new UserFacingError(NOT_YOURS, { code: 'FORBIDDEN' });
  if (course.state === 'submitted' && !options.whileSubmitted) throw new UserFacingError(UNDER_REVIEW, { code: 'CONFLICT' });
  return course;
}

/** Raises the course's revision and writes the log row: the end of every change. */
async function changed(tx: Tx, course: { id: number }, actor: StudioActor, kind: StudioEventKind, detail: Record<string, unknown>, now: number): Promise<void> {
  await tx
    .update(studioCourses)
    .set({ revision: sql`${studioCourses.revision} + 1`, updatedAt: now, updatedBy: actor.id })
    .where(eq(studioCourses.id, course.id));
  const text = JSON.stringify(detail);
  if (kind === 'edited') {
    // Autosave every few seconds: one row per person, lesson and sitting, not one per save.
    const [last] = await tx.select().from(studioEvents).where(eq(studioEvents.courseId, course.id)).orderBy(desc(studioEvents.at), desc(studioEvents.id)).limit(1);
    if (last && last.kind === 'edited' && last.actorId === actor.id && last.detail === text && now - last.at < EDIT_EVENT_WINDOW_MS) {
      await tx.update(studioEvents).set({ at: now }).where(eq(studioEvents.id, last.id));
      return;
    }
  }
  await tx.insert(studioEvents).values({ courseId: course.id, kind, actorId: actor.id, actorName: actor.displayName, detail: text, at: now });
}

/** Writes a new course row owned by `actor`, with its slug `course-<id>` fixed from now on. */
async function insertCourse(tx: Tx, actor: StudioActor, values: NewCourse & Partial<Pick<typeof studioCourses.$inferInsert, 'coverImage' | 'coverAlt' | 'sources'>>, now: number): Promise<{ id: number; slug: string }> {
  const [row] = await tx
    .insert(studioCourses)
    .values({ ...values, slug: `new-${crypto.randomUUID()}`, ownerId: actor.id, createdAt: now, updatedAt: now, updatedBy: actor.id })
    .returning({ id: studioCourses.id });
  const id = (row as { id: number }).id;
  const slug = `course-${id}`;
  await tx.update(studioCourses).set({ slug }).where(eq(studioCourses.id, id));
  return { id, slug };
}

function mayCreate(actor: StudioActor): void {
  if (!can(actor, 'studio.write')) throw new UserFacingError('只有讲师可以新建课程。', { code: 'FORBIDDEN' });
}

/** 新建课程: a draft owned by `actor`, its slug `course-<id>` fixed from now on. */
export async function createCourse(db: Db, actor: StudioActor, course: NewCourse, now = Date.now()): Promise<Result<{ id: number; slug: string }>> {
  mayCreate(actor);
  return db.transaction(async (tx) => {
    const created = await insertCourse(tx, actor, course, now);
    await tx.insert(studioEvents).values({ courseId: created.id, kind: 'created', actorId: actor.id, actorName: actor.displayName, detail: JSON.stringify({ title: course.title }), at: now });
    return ok(created);
  });
}

/** What an imported course folder holds (studio-export.ts reads and checks it). */
export interface ImportedCourseInput {
  course: NewCourse & { coverImage: string | null; coverAlt: string; sources: Source[] };
  lessons: Array<{ title: string; summary: string; body: string; sources: Source[]; minutes: number | null }>;
  /** What the folder said that the studio could not keep (shown after the import). */
  notes: string[];
  /** The file's name, for the log. */
  fileName: string;
}

/**
 * 导入课程文件夹: a new draft course owned by `actor` with every lesson of the folder, in one
 * transaction recorded as 'imported'. The folder has been checked (readCourseFolder) already; each
 * lesson's text is checked once more here with the same checker as a save, and any problem refuses
 * the whole import.
 */
export async function importCourse(db: Db, actor: StudioActor, imported: ImportedCourseInput, now = Date.now()): Promise<Result<{ id: number; slug: string }>> {
  mayCreate(actor);
  if (imported.lessons.length > MAX_LESSONS) return fail(TOO_MANY_LESSONS, 'file');
  const refused = imported.lessons.find((lesson) => !compileStudioLesson(lesson.body).ok);
  if (refused) return fail(`“${refused.title}”的课文有格式问题，没有导入。`, 'file');
  return db.transaction(async (tx) => {
    const created = await insertCourse(tx, actor, { ...imported.course, sources: JSON.stringify(imported.course.sources) }, now);
    for (const [index, lesson] of imported.lessons.entries()) {
      await insertLesson(tx, actor, created.id, index + 1, { ...lesson, sources: JSON.stringify(lesson.sources) }, now);
    }
    await tx.insert(studioEvents).values({
      courseId: created.id,
      kind: 'imported',
      actorId: actor.id,
      actorName: actor.displayName,
      detail: JSON.stringify({ title: imported.course.title, file: imported.fileName, lessons: imported.lessons.length, notes: imported.notes }),
      at: now,
    });
    return ok(created);
  });
}

/** What the form said it was changing from differs from what is stored: someone saved in between. */
async function conflictMessage(tx: Db | Tx, byId: number | null, at: number): Promise<{ byName: string; at: number }> {
  const [person] = byId === null ? [] : await tx.select({ name: users.displayName }).from(users).where(eq(users.id, byId));
  return { byName: person?.name ?? '其他人', at };
}

/** The course's details (title, theme, summary, 学时, cover description, sources). */
export async function updateCourseDetails(db: Db, actor: StudioActor, courseId: number, revision: number, details: CourseDetails, now = Date.now()): Promise<Result<{ revision: number }>> {
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId);
    if (course.revision !== revision) {
      const [stored] = await tx.select({ updatedBy: studioCourses.updatedBy, updatedAt: studioCourses.updatedAt }).from(studioCourses).where(eq(studioCourses.id, courseId));
      const other = await conflictMessage(tx, stored?.updatedBy ?? null, stored?.updatedAt ?? now);
      return fail(`这门课在您打开这个页面以后被${other.byName === actor.displayName ? '您在别的窗口' : other.byName}改过了。为了不覆盖那些修改，这次没有保存。您填的内容还在下面，请核对后再点一次“保存课程信息”。`);
    }
    await tx
      .update(studioCourses)
      .set({ title: details.title, theme: details.theme, summary: details.summary, hours: details.hours, coverAlt: details.coverAlt, sources: JSON.stringify(details.sources) })
      .where(eq(studioCourses.id, courseId));
    await changed(tx, course, actor, 'edited', { part: 'details' }, now);
    return ok({ revision: course.revision + 1 });
  });
}

/** A new cover picture for the course (the picture is stored first; the course then points at it). */
export async function setCourseCover(db: Db, actor: StudioActor, courseId: number, file: File, now = Date.now()): Promise<Result<{ src: string }>> {
  // Checked before the picture is processed, and again in the transaction that records it.
  await db.transaction(async (tx) => writableCourse(tx, actor, courseId));
  const stored = await storeUploadedImage(db, file, actor.id);
  // The picture's refusal belongs to the cover field of the course form.
  if (!stored.ok) return fail(stored.error.message, 'cover');
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId);
    await tx.update(studioCourses).set({ coverImage: stored.value.src }).where(eq(studioCourses.id, courseId));
    await changed(tx, course, actor, 'edited', { part: 'cover', hash: stored.value.hash }, now);
    return ok({ src: stored.value.src });
  });
}

const MAX_LESSONS = 60;
const TOO_MANY_LESSONS = '一门课最多60课。内容更多时，请分成两门课。';

/** Writes a lesson row at `position`, its slug `lesson-<id>` fixed from now on. */
async function insertLesson(
  tx: Tx,
  actor: StudioActor,
  courseId: number,
  position: number,
  fields: Pick<typeof studioLessons.$inferInsert, 'title' | 'summary' | 'body' | 'sources' | 'minutes'>,
  now: number,
): Promise<{ id: number; slug: string }> {
  const [row] = await tx
    .insert(studioLessons)
    .values({ ...fields, courseId, slug: `new-${crypto.randomUUID()}`, position, updatedAt: now, updatedBy: actor.id })
    .returning({ id: studioLessons.id });
  const id = (row as { id: number }).id;
  const slug = `lesson-${id}`;
  await tx.update(studioLessons).set({ slug }).where(eq(studioLessons.id, id));
  return { id, slug };
}

/** 添加一课: at the end of the course, empty, with its slug `lesson-<id>` fixed from now on. */
export async function addLesson(db: Db, actor: StudioActor, courseId: number, title: string, now = Date.now()): Promise<Result<{ id: number; slug: string }>> {
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId);
    const lessons = await draftLessons(tx, courseId);
    if (lessons.length >= MAX_LESSONS) return fail(TOO_MANY_LESSONS, 'title');
    const added = await insertLesson(tx, actor, courseId, lessons.length + 1, { title }, now);
    await changed(tx, course, actor, 'lesson.added', { lessonId: added.id, title }, now);
    return ok(added);
  });
}

/** Writes positions 1, 2, 3 … in the given order. */
async function renumber(tx: Tx, lessons: ReadonlyArray<{ id: number; position: number }>): Promise<void> {
  for (const [index, lesson] of lessons.entries()) {
    if (lesson.position !== index + 1) await tx.update(studioLessons).set({ position: index + 1 }).where(eq(studioLessons.id, lesson.id));
  }
}

/** 上移/下移: swaps the lesson with its neighbour. Moving the first one up (or the last down) is refused. */
export async function moveLesson(db: Db, actor: StudioActor, courseId: number, lessonId: number, direction: 'up' | 'down', now = Date.now()): Promise<Result<{ position: number }>> {
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId);
    const lessons = await draftLessons(tx, courseId);
    const index = lessons.findIndex((lesson) => lesson.id === lessonId);
    if (index === -1) return fail(LESSON_NOT_FOUND);
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0) return fail('这一课已经是第一课了。');
    if (target >= lessons.length) return fail('这一课已经是最后一课了。');
    const order = [...lessons];
    [order[index], order[target]] = [order[target]!, order[index]!];
    await renumber(tx, order);
    await changed(tx, course, actor, 'lesson.moved', { lessonId, from: index + 1, to: target + 1 }, now);
    return ok({ position: target + 1 });
  });
}

/** 删除一课: gone from the draft (published versions keep their copy; the row is kept, marked removed). */
export async function removeLesson(db: Db, actor: StudioActor, courseId: number, lessonId: number, now = Date.now()): Promise<Result<{ title: string }>> {
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId);
    const lessons = await draftLessons(tx, courseId);
    const lesson = lessons.find((row) => row.id === lessonId);
    if (!lesson) return fail(LESSON_NOT_FOUND);
    await tx.update(studioLessons).set({ removedAt: now, updatedAt: now, updatedBy: actor.id }).where(eq(studioLessons.id, lessonId));
    await renumber(
      tx,
      lessons.filter((row) => row.id !== lessonId),
    );
    await changed(tx, course, actor, 'lesson.removed', { lessonId, title: lesson.title }, now);
    return ok({ title: lesson.title });
  });
}

/** studio.saveLesson's answer (the contract the editor island relies on). */
export type SaveLessonOutcome =
  | { saved: true; revision: number; savedAt: number }
  | { saved: false; problems: StudioProblem[] }
  | { saved: false; conflict: { revision: number; byName: string; at: number } };

/**
 * Saves a lesson's draft: refused with the checker's problems (compileStudioLesson, the same one
 * publication uses) or, when someone saved since `revision`, as a conflict; either way nothing is
 * written and the author keeps their text.
 */
export async function saveLesson(db: Db, actor: StudioActor, input: SaveLessonInput, now = Date.now()): Promise<Result<SaveLessonOutcome>> {
  const compiled = compileStudioLesson(input.body);
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, input.courseId);
    const [lesson] = await tx
      .select()
      .from(studioLessons)
      .where(and(eq(studioLessons.id, input.lessonId), eq(studioLessons.courseId, input.courseId), isNull(studioLessons.removedAt)));
    if (!lesson) throw new UserFacingError(LESSON_NOT_FOUND, { code: 'NOT_FOUND' });
    if (lesson.revision !== input.revision) {
      return ok({ saved: false, conflict: { revision: lesson.revision, ...(await conflictMessage(tx, lesson.updatedBy, lesson.updatedAt)) } });
    }
    if (!compiled.ok) return ok({ saved: false, problems: compiled.problems });
    const revision = lesson.revision + 1;
    await tx
      .update(studioLessons)
      .set({ title: input.title, summary: input.summary, body: input.body, sources: JSON.stringify(input.sources), minutes: input.minutes, revision, updatedAt: now, updatedBy: actor.id })
      .where(eq(studioLessons.id, lesson.id));
    await changed(tx, course, actor, 'edited', { lessonId: lesson.id }, now);
    return ok({ saved: true, revision, savedAt: now });
  });
}

/** A person who may write courses, found by the phone number typed; or what to tell the actor. */
async function instructorByPhone(tx: Tx, phone: string): Promise<Result<{ id: number; displayName: string }>> {
  const [person] = await tx.select({ id: users.id, displayName: users.displayName, disabledAt: users.disabledAt }).from(users).where(eq(users.phone, phone));
  if (!person || person.disabledAt !== null) return fail('没有找到用这个手机号注册的账号，请核对号码。', 'phone');
  const roles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, person.id))).map((row) => row.role);
  if (!can({ id: person.id, roles, branchId: null }, 'studio.write')) return fail(`${person.displayName}的账号不是讲师账号，不能编写课程。请先请管理员给他开通讲师身份。`, 'phone');
  return ok({ id: person.id, displayName: person.displayName });
}

/** Only the owner (and admins) choose the co-authors. */
async function managedCourse(tx: Tx, actor: StudioActor, courseId: number): Promise<CourseRow> {
  const course = await writableCourse(tx, actor, courseId, { whileSubmitted: true });
  if (course.ownerId !== actor.id && !can(actor, 'studio.manage')) throw new UserFacingError('只有这门课的负责讲师可以添加或移除合作讲师。', { code: 'FORBIDDEN' });
  return course;
}

/** 添加合作讲师, by phone number: they may then edit the course as the owner does. */
export async function addAuthor(db: Db, actor: StudioActor, courseId: number, phone: string, now = Date.now()): Promise<Result<{ name: string }>> {
  return db.transaction(async (tx) => {
    const course = await managedCourse(tx, actor, courseId);
    const person = await instructorByPhone(tx, phone);
    if (!person.ok) return person;
    if (person.value.id === course.ownerId) return fail(`${person.value.displayName}是这门课的负责讲师，不用再添加。`, 'phone');
    const inserted = await tx.insert(studioCourseAuthors).values({ courseId, userId: person.value.id, addedAt: now }).onConflictDoNothing().returning({ userId: studioCourseAuthors.userId });
    if (inserted.length === 0) return fail(`${person.value.displayName}已经是这门课的合作讲师了。`, 'phone');
    await changed(tx, course, actor, 'author.added', { userId: person.value.id, name: person.value.displayName }, now);
    return ok({ name: person.value.displayName });
  });
}

/** 移除合作讲师. */
export async function removeAuthor(db: Db, actor: StudioActor, courseId: number, userId: number, now = Date.now()): Promise<Result<{ name: string }>> {
  return db.transaction(async (tx) => {
    const course = await managedCourse(tx, actor, courseId);
    const removed = await tx
      .delete(studioCourseAuthors)
      .where(and(eq(studioCourseAuthors.courseId, courseId), eq(studioCourseAuthors.userId, userId)))
      .returning({ userId: studioCourseAuthors.userId });
    if (removed.length === 0) return fail('这位讲师已经不是这门课的合作讲师了。');
    const [person] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
    await changed(tx, course, actor, 'author.removed', { userId, name: person?.name ?? '' }, now);
    return ok({ name: person?.name ?? '' });
  });
}

/** 转交课程 (admins): another instructor becomes the owner; the old owner stays on as a co-author. */
export async function transferCourse(db: Db, actor: StudioActor, courseId: number, phone: string, now = Date.now()): Promise<Result<{ name: string }>> {
  if (!can(actor, 'studio.manage')) throw new UserFacingError('只有管理员可以转交课程。', { code: 'FORBIDDEN' });
  return db.transaction(async (tx) => {
    const course = await writableCourse(tx, actor, courseId, { whileSubmitted: true });
    const person = await instructorByPhone(tx, phone);
    if (!person.ok) return person;
    if (person.value.id === course.ownerId) return fail(`${person.value.displayName}已经是这门课的负责讲师了。`, 'phone');
    await tx.update(studioCourses).set({ ownerId: person.value.id }).where(eq(studioCourses.id, courseId));
    await tx.delete(studioCourseAuthors).where(and(eq(studioCourseAuthors.courseId, courseId), eq(studioCourseAuthors.userId, person.value.id)));
    if (course.ownerId !== null) await tx.insert(studioCourseAuthors).values({ courseId, userId: course.ownerId, addedAt: now }).onConflictDoNothing();
    await changed(tx, course, actor, 'transferred', { from: course.ownerId, to: person.value.id, name: person.value.displayName }, now);
    return ok({ name: person.value.displayName });
  });
}

// ——— Reading ———

/** 我的课程: courses the actor owns or co-authors; admins see every course. Newest change first. */
export async function listStudioCourses(db: Db, actor: StudioActor): Promise<StudioCourseSummary[]> {
  const everything = can(actor, 'studio.manage');
  const authored = db.select({ courseId: studioCourseAuthors.courseId }).from(studioCourseAuthors).where(eq(studioCourseAuthors.userId, actor.id));
  const rows = await db
    .select({
      id: studioCourses.id,
      slug: studioCourses.slug,
      title: studioCourses.title,
      theme: studioCourses.theme,
      state: studioCourses.state,
      publishedVersionId: studioCourses.publishedVersionId,
      ownerId: studioCourses.ownerId,
      updatedAt: studioCourses.updatedAt,
      lessons: sql<number>`(select count(*) from ${studioLessons} where ${studioLessons.courseId} = ${studioCourses.id} and ${studioLessons.removedAt} is null)`,
    })
    .from(studioCourses)
    .where(everything ? undefined : or(eq(studioCourses.ownerId, actor.id), inArray(studioCourses.id, authored)))
    .orderBy(desc(studioCourses.updatedAt), desc(studioCourses.id));
  const mine = new Set((await authored).map((row) => row.courseId));
  return rows.map(({ publishedVersionId, ownerId, ...row }) => ({
    ...row,
    published: publishedVersionId !== null,
    role: ownerId === actor.id ? 'owner' : mine.has(row.id) ? 'author' : 'admin',
  }));
}

export interface StudioLessonDraft {
  id: number;
  slug: string;
  position: number;
  title: string;
  summary: string;
  body: string;
  sources: Source[];
  minutes: number | null;
  revision: number;
  updatedAt: number;
}

export interface StudioCourseDraft {
  id: number;
  slug: string;
  title: string;
  theme: string;
  summary: string;
  hours: string;
  coverImage: string | null;
  coverAlt: string;
  sources: Source[];
  state: StudioState;
  revision: number;
  published: boolean;
  updatedAt: number;
  owner: { id: number; name: string } | null;
  authors: Array<{ id: number; name: string; phone: string }>;
  lessons: StudioLessonDraft[];
  /** May add and remove co-authors (the owner, admins). */
  managesAuthors: boolean;
  /** May hand the course to another instructor (admins). */
  transfers: boolean;
}

/**
 * The draft of a course for someone who may write it; 'forbidden' for anyone else, undefined when
 * there is no such course.
 */
export async function courseForEditing(db: Db, actor: StudioActor, courseId: number): Promise<StudioCourseDraft | 'forbidden' | undefined> {
  const [course] = await db.select().from(studioCourses).where(eq(studioCourses.id, courseId));
  if (!course) return undefined;
  const authors = await db
    .select({ id: users.id, name: users.displayName, phone: users.phone })
    .from(studioCourseAuthors)
    .innerJoin(users, eq(users.id, studioCourseAuthors.userId))
    .where(eq(studioCourseAuthors.courseId, courseId))
    .orderBy(asc(studioCourseAuthors.addedAt));
  if (!can(actor, 'studio.write', { ownerId: course.ownerId, authorIds: authors.map((author) => author.id) })) return 'forbidden';
  const [owner] = course.ownerId === null ? [] : await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, course.ownerId));
  const lessons = await draftLessons(db, courseId);
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    theme: course.theme,
    summary: course.summary,
    hours: course.hours,
    coverImage: course.coverImage,
    coverAlt: course.coverAlt,
    sources: parseSources(course.sources),
    state: course.state,
    revision: course.revision,
    published: course.publishedVersionId !== null,
    updatedAt: course.updatedAt,
    owner: owner ?? null,
    authors: authors.map((author) => ({ ...author, phone: maskPhone(author.phone) })),
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      slug: lesson.slug,
      position: lesson.position,
      title: lesson.title,
      summary: lesson.summary,
      body: lesson.body,
      sources: parseSources(lesson.sources),
      minutes: lesson.minutes,
      revision: lesson.revision,
      updatedAt: lesson.updatedAt,
    })),
    managesAuthors: course.ownerId === actor.id || can(actor, 'studio.manage'),
    transfers: can(actor, 'studio.manage'),
  };
}

/** One place that is missing something before the course can be submitted, in plain Chinese. */
export interface SubmissionProblem {
  /** The lesson it is about, or null for the course's own details. */
  lessonId: number | null;
  message: string;
}

/**
 * What must be put right before the course can be submitted for review: the course's and every
 * lesson's sources (出处, CONTENT.md), the cover's description, at least one lesson, and whatever
 * the lesson checker finds in each lesson (with its line). Empty: ready to submit.
 */
export async function submissionProblems(db: Db, courseId: number): Promise<SubmissionProblem[]> {
  const [course] = await db.select().from(studioCourses).where(eq(studioCourses.id, courseId));
  if (!course) return [{ lessonId: null, message: COURSE_NOT_FOUND }];
  const problems: SubmissionProblem[] = [];
  const about = (lessonId: number | null, message: string) => problems.push({ lessonId, message });
  if (course.summary.trim().length < 10) about(null, '课程简介还没有写：请在“课程信息”里用一两句话介绍这门课。');
  if (parseSources(course.sources).length === 0) about(null, '课程还没有写出处：请在“课程信息”里至少写一条出处（书名或文件名、出版或发布单位、年份）。');
  if (course.coverImage !== null && course.coverAlt.trim().length < 4) about(null, '封面图片还没有文字说明：请在“课程信息”里写一句话说明图片上是什么（看不见图片的人会听到它）。');
  const lessons = await draftLessons(db, courseId);
  if (lessons.length === 0) about(null, '这门课还没有课文：请至少添加一课。');
  for (const lesson of lessons) {
    const name = `第${lesson.position}课“${lesson.title}”`;
    if (lesson.body.trim() === '') about(lesson.id, `${name}还没有正文。`);
    if (parseSources(lesson.sources).length === 0) about(lesson.id, `${name}还没有写出处：请在这一课的“出处”里至少写一条。`);
    const compiled = compileStudioLesson(lesson.body);
    if (!compiled.ok) for (const problem of compiled.problems) about(lesson.id, `${name}第${problem.line}行第${problem.column}个字：${problem.message}`);
  }
  return problems;
}
