import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { studioLessons } from '../../db/schema';
import { getUser, insertUser } from '../../src/lib/server/users';
import { addLesson, createCourse, saveLesson, submissionProblems } from '../../src/lib/server/studio-courses';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';

// The checker's verdict, whatever the real compiler (written separately) finds: a lesson with
// <script> is refused at line 3. What is tested here is what the studio does with a refusal.
vi.mock('../../src/lib/studio-mdx', () => ({
  compileStudioLesson: (source: string) =>
    source.includes('<script>')
      ? { ok: false, problems: [{ line: 3, column: 1, message: '不能写 <script>，请删掉这一行。' }] }
      : { ok: true, value: { nodes: [], headings: [], plainText: source } },
}));

let fixture: TestDb;

beforeAll(async () => {
  fixture = await freshDb('studio-save-problems');
});
afterAll(() => fixture.close());

describe('a lesson the checker refuses', () => {
  it('is not saved: the problems come back with their line, the stored text and revision stay', async () => {
    const { db } = fixture;
    const author = (await getUser(db, await insertUser(db, { phone: '13900000545', displayName: '讲师周', branchId: null, passwordHash: null, roles: ['instructor'] })))!;
    const courseId = unwrap(await createCourse(db, author, { title: '安全检查课', theme: '廉洁文化', summary: '检查课文里不能有会运行的代码。', hours: '1' })).id;
    const lessonId = unwrap(await addLesson(db, author, courseId, '第一课')).id;
    const sources = [{ title: '《廉洁自律准则》', issuer: '中共中央', year: 2015 }];
    unwrap(await saveLesson(db, author, { courseId, lessonId, revision: 1, title: '第一课', summary: '', body: '好好的正文。', sources, minutes: null }));
    const refused = unwrap(await saveLesson(db, author, { courseId, lessonId, revision: 2, title: '改了标题', summary: '', body: '第一行\n\n<script>alert(1)</script>', sources, minutes: null }));
    expect(refused).toEqual({ saved: false, problems: [{ line: 3, column: 1, message: '不能写 <script>，请删掉这一行。' }] });
    const row = (await db.select().from(studioLessons).where(eq(studioLessons.id, lessonId)))[0]!;
    expect(row).toMatchObject({ title: '第一课', body: '好好的正文。', revision: 2 });
    // Submitting lists it too, pointing at the lesson and the line (here the stored text is fine).
    expect(await submissionProblems(db, courseId)).toEqual([{ lessonId: null, message: expect.stringContaining('课程还没有写出处') }]);
    await db.update(studioLessons).set({ body: '<script>' }).where(eq(studioLessons.id, lessonId));
    expect((await submissionProblems(db, courseId)).map((problem) => problem.message)).toContain('第1课“第一课”第3行第1个字：不能写 <script>，请删掉这一行。');
  });
});
