import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { studioCourseAuthors, studioCourses, studioEvents, studioLessons } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { getUser, insertUser, type User } from '../../src/lib/server/users';
import {
  addAuthor,
  addLesson,
  courseForEditing,
  createCourse,
  listStudioCourses,
  moveLesson,
  removeAuthor,
  removeLesson,
  saveLesson,
  submissionProblems,
  transferCourse,
  updateCourseDetails,
} from '../../src/lib/server/studio-courses';
import { unwrap, UserFacingError } from '../../src/lib/result';
import { courseDetailsSchema, createCourseSchema, saveLessonFormSchema, saveLessonSchema } from '../../src/schemas/studio';
import { freshDb, type TestDb } from './fixture';

let fixture: TestDb;
let db: Db;
let owner: User;
let coAuthor: User;
let stranger: User;
let admin: User;
let learner: User;

const NEW_COURSE = { title: '党章学习十讲', theme: '党性教育' as const, summary: '逐章学习党章，讲清楚每一条的来历和要求。', hours: '2' };
const SOURCE = { title: '《中国共产党章程》', issuer: '人民出版社', year: 2022 };

async function person(phone: string, name: string, roles: Array<'instructor' | 'admin'>): Promise<User> {
  const id = await insertUser(db, { phone, displayName: name, branchId: null, passwordHash: null, roles });
  return (await getUser(db, id))!;
}

/** The refusal a call throws: its code and message, or undefined when it did not throw. */
async function refusal(call: Promise<unknown>): Promise<{ code: string | undefined; message: string } | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return { code: error.code, message: error.message };
  }
}

async function events(courseId: number) {
  return db.select().from(studioEvents).where(eq(studioEvents.courseId, courseId));
}

async function courseRow(courseId: number) {
  return (await db.select().from(studioCourses).where(eq(studioCourses.id, courseId)))[0]!;
}

beforeAll(async () => {
  fixture = await freshDb('studio-courses');
  db = fixture.db;
  owner = await person('13900000540', '讲师王老师', ['instructor']);
  coAuthor = await person('13900000541', '讲师李老师', ['instructor']);
  stranger = await person('13900000542', '讲师赵老师', ['instructor']);
  admin = await person('13900000543', '管理员陈', ['admin']);
  learner = await person('13900000544', '学员孙', []);
});

afterAll(() => fixture.close());

describe('creating a course', () => {
  it('gives it the slug course-<id>, owned by its creator, with a created event', async () => {
    const { id, slug } = unwrap(await createCourse(db, owner, NEW_COURSE));
    expect(slug).toBe(`course-${id}`);
    const row = await courseRow(id);
    expect(row).toMatchObject({ slug, ownerId: owner.id, title: NEW_COURSE.title, state: 'draft', hours: '2' });
    expect((await events(id)).map((event) => event.kind)).toEqual(['created']);
    expect((await listStudioCourses(db, owner)).map((course) => course.id)).toContain(id);
    expect((await listStudioCourses(db, stranger)).map((course) => course.id)).not.toContain(id);
  });

  it('is refused to a learner, and nothing is written', async () => {
    const before = (await db.select().from(studioCourses)).length;
    expect((await refusal(createCourse(db, learner, NEW_COURSE)))?.code).toBe('FORBIDDEN');
    expect((await db.select().from(studioCourses)).length).toBe(before);
  });

  it('refuses bad input with a Chinese message on the field', () => {
    const parsed = createCourseSchema.safeParse({ title: '党', theme: '不存在的主题', summary: '太短', hours: '-1' });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries((parsed.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    expect(Object.keys(fields).sort()).toEqual(['hours', 'summary', 'theme', 'title']);
    for (const message of Object.values(fields)) expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(createCourseSchema.parse({ ...NEW_COURSE, hours: '１．５' }).hours).toBe('1.5');
  });
});

describe('ownership', () => {
  let courseId: number;
  let lessonId: number;

  beforeAll(async () => {
    courseId = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '廉洁文化六讲' })).id;
    lessonId = unwrap(await addLesson(db, owner, courseId, '第一讲')).id;
  });

  it('refuses a stranger instructor every change, and changes nothing', async () => {
    const before = await courseRow(courseId);
    const input = { courseId, lessonId, revision: 1, title: '被改掉了', summary: '', body: '别人的字', sources: [], minutes: null };
    for (const call of [
      updateCourseDetails(db, stranger, courseId, before.revision, { ...NEW_COURSE, title: '被改掉了', coverAlt: '', sources: [] }),
      addLesson(db, stranger, courseId, '多出来的一课'),
      moveLesson(db, stranger, courseId, lessonId, 'down'),
      removeLesson(db, stranger, courseId, lessonId),
      saveLesson(db, stranger, input),
      addAuthor(db, stranger, courseId, stranger.phone),
    ]) {
      const refused = await refusal(call);
      expect(refused?.code).toBe('FORBIDDEN');
      expect(refused?.message).toContain('不能修改');
    }
    expect(await courseRow(courseId)).toEqual(before);
    expect(await courseForEditing(db, stranger, courseId)).toBe('forbidden');
  });

  it('lets a co-author the owner adds by phone edit the course, but not choose co-authors', async () => {
    expect(unwrap(await addAuthor(db, owner, courseId, coAuthor.phone)).name).toBe(coAuthor.displayName);
    const revision = (await courseRow(courseId)).revision;
    unwrap(await updateCourseDetails(db, coAuthor, courseId, revision, { ...NEW_COURSE, title: '廉洁文化七讲', coverAlt: '', sources: [SOURCE] }));
    expect((await courseRow(courseId)).title).toBe('廉洁文化七讲');
    expect((await listStudioCourses(db, coAuthor)).find((course) => course.id === courseId)?.role).toBe('author');
    expect((await refusal(addAuthor(db, coAuthor, courseId, stranger.phone)))?.code).toBe('FORBIDDEN');
    expect((await refusal(removeAuthor(db, coAuthor, courseId, coAuthor.id)))?.code).toBe('FORBIDDEN');
  });

  it('refuses adding a learner, an unknown phone, the owner or someone already added, with the reason', async () => {
    const authorsBefore = await db.select().from(studioCourseAuthors).where(eq(studioCourseAuthors.courseId, courseId));
    const asLearner = await addAuthor(db, owner, courseId, learner.phone);
    expect(!asLearner.ok && asLearner.error).toMatchObject({ field: 'phone', message: expect.stringContaining('不是讲师') });
    const unknown = await addAuthor(db, owner, courseId, '13900000559');
    expect(!unknown.ok && unknown.error.message).toContain('没有找到');
    const self = await addAuthor(db, owner, courseId, owner.phone);
    expect(!self.ok && self.error.message).toContain('负责讲师');
    const again = await addAuthor(db, owner, courseId, coAuthor.phone);
    expect(!again.ok && again.error.message).toContain('已经是');
    expect(await db.select().from(studioCourseAuthors).where(eq(studioCourseAuthors.courseId, courseId))).toEqual(authorsBefore);
  });

  it('lets only an admin transfer ownership; the old owner stays on as a co-author', async () => {
    expect((await refusal(transferCourse(db, owner, courseId, stranger.phone)))?.code).toBe('FORBIDDEN');
    expect((await courseRow(courseId)).ownerId).toBe(owner.id);
    unwrap(await transferCourse(db, admin, courseId, stranger.phone));
    expect((await courseRow(courseId)).ownerId).toBe(stranger.id);
    const draft = await courseForEditing(db, owner, courseId);
    expect(draft !== 'forbidden' && draft?.authors.map((author) => author.id)).toEqual([coAuthor.id, owner.id]);
    expect(draft !== 'forbidden' && draft?.managesAuthors).toBe(false);
    const transferred = (await events(courseId)).find((event) => event.kind === 'transferred');
    expect(transferred).toMatchObject({ actorId: admin.id, actorName: admin.displayName });
    expect(JSON.parse(transferred!.detail)).toMatchObject({ from: owner.id, to: stranger.id });
    // The new owner now chooses the co-authors.
    unwrap(await removeAuthor(db, stranger, courseId, coAuthor.id));
    expect((await refusal(addLesson(db, coAuthor, courseId, '不能再加')))?.code).toBe('FORBIDDEN');
  });

  it('lets an admin edit any course and see every course', async () => {
    unwrap(await addLesson(db, admin, courseId, '管理员加的一课'));
    expect((await listStudioCourses(db, admin)).find((course) => course.id === courseId)?.role).toBe('admin');
  });
});

describe('lessons', () => {
  let courseId: number;
  const ids: number[] = [];

  beforeAll(async () => {
    courseId = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '红色家书选读' })).id;
    for (const title of ['第一封家书', '第二封家书', '第三封家书']) ids.push(unwrap(await addLesson(db, owner, courseId, title)).id);
  });

  async function order(): Promise<string[]> {
    const draft = await courseForEditing(db, owner, courseId);
    return draft === 'forbidden' || !draft ? [] : draft.lessons.map((lesson) => `${lesson.position}:${lesson.title}`);
  }

  it('gives each lesson the slug lesson-<id> and the next position', async () => {
    const rows = await db.select().from(studioLessons).where(eq(studioLessons.courseId, courseId));
    expect(rows.map((row) => row.slug)).toEqual(ids.map((id) => `lesson-${id}`));
    expect(await order()).toEqual(['1:第一封家书', '2:第二封家书', '3:第三封家书']);
  });

  it('moves a lesson up and down, refusing to move past either end, keeping its slug', async () => {
    unwrap(await moveLesson(db, owner, courseId, ids[2]!, 'up'));
    expect(await order()).toEqual(['1:第一封家书', '2:第三封家书', '3:第二封家书']);
    const first = await moveLesson(db, owner, courseId, ids[0]!, 'up');
    expect(!first.ok && first.error.message).toContain('第一课');
    const last = await moveLesson(db, owner, courseId, ids[1]!, 'down');
    expect(!last.ok && last.error.message).toContain('最后一课');
    expect(await order()).toEqual(['1:第一封家书', '2:第三封家书', '3:第二封家书']);
    const moved = (await db.select().from(studioLessons).where(eq(studioLessons.id, ids[2]!)))[0];
    expect(moved?.slug).toBe(`lesson-${ids[2]}`);
  });

  it('removes a lesson from the draft, closing the gap; removing it again is refused', async () => {
    unwrap(await removeLesson(db, owner, courseId, ids[0]!));
    expect(await order()).toEqual(['1:第三封家书', '2:第二封家书']);
    const again = await removeLesson(db, owner, courseId, ids[0]!);
    expect(again.ok).toBe(false);
    expect((await events(courseId)).map((event) => event.kind)).toEqual(['created', 'lesson.added', 'lesson.added', 'lesson.added', 'lesson.moved', 'lesson.removed']);
  });
});

describe('saving a lesson (studio.saveLesson)', () => {
  let courseId: number;
  let lessonId: number;
  const base = { summary: '一封写给家人的信。', sources: [SOURCE], minutes: 10 };
  /** Saves happen after the course was set up (the log is read newest first). */
  const T = Date.now() + 60_000;

  beforeAll(async () => {
    courseId = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '家风课' })).id;
    lessonId = unwrap(await addLesson(db, owner, courseId, '家书')).id;
    unwrap(await addAuthor(db, owner, courseId, coAuthor.phone));
  });

  it('saves and raises the revision of the lesson and of the course', async () => {
    const courseRevision = (await courseRow(courseId)).revision;
    const saved = unwrap(await saveLesson(db, owner, { courseId, lessonId, revision: 1, title: '家书一封', body: '亲爱的家人：\n\n见字如面。', ...base }, T + 1_000));
    expect(saved).toEqual({ saved: true, revision: 2, savedAt: T + 1_000 });
    const row = (await db.select().from(studioLessons).where(eq(studioLessons.id, lessonId)))[0]!;
    expect(row).toMatchObject({ title: '家书一封', body: '亲爱的家人：\n\n见字如面。', revision: 2, minutes: 10, updatedBy: owner.id });
    expect(JSON.parse(row.sources)).toEqual([SOURCE]);
    expect((await courseRow(courseId)).revision).toBe(courseRevision + 1);
  });

  it('refuses a stale save from another tab or person as a conflict naming who saved, and writes nothing', async () => {
    unwrap(await saveLesson(db, coAuthor, { courseId, lessonId, revision: 2, title: '家书一封', body: '李老师改过的字。', ...base }, T + 2_000));
    const stale = unwrap(await saveLesson(db, owner, { courseId, lessonId, revision: 2, title: '家书一封', body: '王老师旧窗口里的字。', ...base }, T + 3_000));
    expect(stale).toEqual({ saved: false, conflict: { revision: 3, byName: coAuthor.displayName, at: T + 2_000 } });
    const row = (await db.select().from(studioLessons).where(eq(studioLessons.id, lessonId)))[0]!;
    expect(row.body).toBe('李老师改过的字。');
    expect(row.revision).toBe(3);
  });

  it('keeps one edited event per person and lesson for a sitting of autosaves', async () => {
    const before = (await events(courseId)).filter((event) => event.kind === 'edited').length;
    unwrap(await saveLesson(db, coAuthor, { courseId, lessonId, revision: 3, title: '家书一封', body: '再改一次。', ...base }, T + 4_000));
    unwrap(await saveLesson(db, coAuthor, { courseId, lessonId, revision: 4, title: '家书一封', body: '又改一次。', ...base }, T + 5_000));
    const edited = (await events(courseId)).filter((event) => event.kind === 'edited');
    expect(edited.length).toBe(before);
    expect(edited.at(-1)).toMatchObject({ actorId: coAuthor.id, at: T + 5_000 });
  });

  it('takes the no-JS form the same way: sources as rows, empty rows ignored, a half row refused on sources', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ courseId: String(courseId), lessonId: String(lessonId), revision: '5', title: '家书', summary: '', body: '正文', minutes: '' })) form.set(key, value);
    const fields = { sourceTitle: ['《红色家书》', ''], sourceIssuer: ['人民出版社', ''], sourceYear: ['2021', ''] };
    const parsed = saveLessonFormSchema.parse({ ...Object.fromEntries(form), ...fields });
    expect(parsed).toEqual({ courseId, lessonId, revision: 5, title: '家书', summary: '', body: '正文', minutes: null, sources: [{ title: '《红色家书》', issuer: '人民出版社', year: 2021 }] });
    const half = saveLessonFormSchema.safeParse({ ...Object.fromEntries(form), sourceTitle: ['《红色家书》'], sourceIssuer: [''], sourceYear: ['去年'] });
    expect(half.success).toBe(false);
    expect(half.error?.issues[0]).toMatchObject({ path: ['sources'], message: expect.stringContaining('第1条出处') });
    // The editor's save on leaving the page posts a form too, with the sources as one JSON field.
    const fromEditor = saveLessonFormSchema.parse({ ...Object.fromEntries(form), minutes: '12', sources: JSON.stringify([SOURCE]) });
    expect(fromEditor).toMatchObject({ minutes: 12, sources: [SOURCE] });
    const brokenJson = saveLessonFormSchema.safeParse({ ...Object.fromEntries(form), sources: '[{"title":1}' });
    expect(brokenJson.error?.issues[0]).toMatchObject({ path: ['sources'], message: expect.stringContaining('出处的格式不对') });
    expect(saveLessonFormSchema.parse({ ...Object.fromEntries(form), body: null }).body).toBe('');
    const minutes = saveLessonFormSchema.safeParse({ ...Object.fromEntries(form), minutes: '九十' });
    expect(minutes.error?.issues[0]?.path).toEqual(['minutes']);
    expect(saveLessonSchema.safeParse({ courseId, lessonId, revision: 5, title: '', summary: '', body: '', sources: [], minutes: null }).error?.issues[0]?.message).toContain('标题');
  });

  it('refuses a lesson of another course, a removed lesson, and a course under review', async () => {
    const other = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '别的课' })).id;
    const wrong = await refusal(saveLesson(db, owner, { courseId: other, lessonId, revision: 5, title: '家书', body: '串门', ...base }));
    expect(wrong?.code).toBe('NOT_FOUND');
    await db.update(studioCourses).set({ state: 'submitted' }).where(eq(studioCourses.id, courseId));
    const underReview = await refusal(saveLesson(db, owner, { courseId, lessonId, revision: 5, title: '家书', body: '审核时偷改', ...base }));
    expect(underReview?.code).toBe('CONFLICT');
    expect(underReview?.message).toContain('审核');
    await db.update(studioCourses).set({ state: 'returned' }).where(eq(studioCourses.id, courseId));
    unwrap(await removeLesson(db, owner, courseId, lessonId));
    expect((await refusal(saveLesson(db, owner, { courseId, lessonId, revision: 5, title: '家书', body: '已删', ...base })))?.code).toBe('NOT_FOUND');
  });
});

describe('course details', () => {
  it('saves with the revision the form was opened at; a stale form is refused and changes nothing', async () => {
    const { id } = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '党史小故事' }));
    const opened = (await courseRow(id)).revision;
    unwrap(await updateCourseDetails(db, owner, id, opened, { ...NEW_COURSE, title: '党史小故事（修订）', coverAlt: '', sources: [SOURCE] }));
    const after = await courseRow(id);
    const stale = await updateCourseDetails(db, owner, id, opened, { ...NEW_COURSE, title: '旧窗口的标题', coverAlt: '', sources: [] });
    expect(!stale.ok && stale.error.message).toContain('没有保存');
    expect(await courseRow(id)).toEqual(after);
    expect(JSON.parse(after.sources)).toEqual([SOURCE]);
  });

  it('reads source rows from the form, refusing a half-written row', () => {
    const parsed = courseDetailsSchema.safeParse({ courseId: '1', revision: '1', ...NEW_COURSE, coverAlt: '', sourceTitle: ['《党史》'], sourceIssuer: [''], sourceYear: ['2021'] });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['sources']);
  });
});

describe('submissionProblems', () => {
  it('lists missing sources, a missing cover description and empty lessons; nothing once they are there', async () => {
    const { id } = unwrap(await createCourse(db, owner, { ...NEW_COURSE, title: '准备提交的课' }));
    expect((await submissionProblems(db, id)).map((problem) => problem.message).join('\n')).toMatch(/课程还没有写出处[\s\S]*还没有课文/);
    const lesson = unwrap(await addLesson(db, owner, id, '第一课')).id;
    await db.update(studioCourses).set({ coverImage: 'abc123' }).where(eq(studioCourses.id, id));
    const problems = await submissionProblems(db, id);
    expect(problems.filter((problem) => problem.lessonId === lesson).map((problem) => problem.message)).toEqual([
      '第1课“第一课”还没有正文。',
      '第1课“第一课”还没有写出处：请在这一课的“出处”里至少写一条。',
    ]);
    expect(problems.some((problem) => problem.message.includes('封面图片还没有文字说明'))).toBe(true);
    const revision = (await courseRow(id)).revision;
    unwrap(await updateCourseDetails(db, owner, id, revision, { ...NEW_COURSE, coverAlt: '天安门城楼前的红旗', sources: [SOURCE] }));
    unwrap(await saveLesson(db, owner, { courseId: id, lessonId: lesson, revision: 1, title: '第一课', summary: '', body: '正文第一段。', sources: [SOURCE], minutes: null }));
    expect(await submissionProblems(db, id)).toEqual([]);
  });
});
