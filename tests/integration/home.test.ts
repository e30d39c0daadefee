import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { getUser, insertUser, type User } from '../../src/lib/server/users';
import { answerPractice, dailySet, setPracticeBank } from '../../src/lib/server/practice';
import { createContest } from '../../src/lib/server/contests';
import { myAttempts, startAttempt, submitAttempt } from '../../src/lib/server/contest-attempts';
import { recordComplete, recordOpen } from '../../src/lib/server/progress';
import { myDay } from '../../src/lib/server/home';
import { importedBank, templateRow } from './bank-fixture';
import { unwrap } from '../../src/lib/result';

let db: Db;
let fixture: TestDb;
let organiser: number;
let contestBank: number;
let phone = 13300000000;
const MINUTE = 60_000;
const T0 = Date.now();

const CATALOG = [
  { id: 'course-a', title: '甲课程', lessons: [{ id: 'course-a/one', title: '第一课' }, { id: 'course-a/two', title: '第二课' }, { id: 'course-a/three', title: '第三课' }] },
  { id: 'course-b', title: '乙课程', lessons: [{ id: 'course-b/one', title: '乙第一课' }] },
];
const lessonRef = (lessonId: string): { lessonId: string; courseId: string; minutes: number } => ({ lessonId, courseId: lessonId.split('/')[0] ?? '', minutes: 5 });

async function learner(): Promise<User> {
  const id = await insertUser(db, { phone: String((phone += 1)), displayName: '学员', branchId: null, passwordHash: null, roles: ['learner'] });
  const user = await getUser(db, id);
  if (!user) throw new Error('no user');
  return user;
}

async function contest(title: string, opensAt: number, attemptsAllowed = 1): Promise<number> {
  const created = await createContest(
    db,
    {
      title,
      description: '',
      bankId: contestBank,
      opensAt,
      closesAt: T0 + 60 * MINUTE,
      timeLimitMinutes: 20,
      attemptsAllowed,
      drawRules: [{ type: 'truefalse', count: 2 }],
      shuffleOptions: false,
      points: { single: 2, multiple: 4, truefalse: 1, fill: 2, partial: 'half' },
      branchIds: [],
      answersVisible: 'after_close',
      awards: [],
    },
    organiser,
  );
  return unwrap(created).id;
}

beforeAll(async () => {
  ({ db } = fixture = await freshDb('home'));
  organiser = await insertUser(db, { phone: '13300000000', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  const practiceBank = await importedBank(db, organiser, '练习题库', ['一', '二', '三'].map((n) => templateRow({ 题型: '判断', 题干: `练习题${n}`, 答案: '对' })));
  await setPracticeBank(db, practiceBank, true);
  contestBank = await importedBank(db, organiser, '竞赛题库', ['一', '二', '三'].map((n) => templateRow({ 题型: '判断', 题干: `竞赛题${n}`, 答案: '对' })));
});
afterAll(() => {
  fixture.close();
});

describe("the home page's own day", () => {
  it('tells a new learner there is nothing to resume and today’s practice is still to do', async () => {
    const day = await myDay(db, await learner(), CATALOG, T0);
    expect(day.resume).toBeUndefined();
    expect(day.coursesBegun).toBe(0);
    expect(day.daily).toEqual({ total: 3, done: 0 });
  });

  it('resumes the lesson progress.ts names, with how far the person got in its course', async () => {
    const user = await learner();
    await recordOpen(db, user.id, lessonRef('course-a/one'), T0 - 3 * MINUTE);
    await recordComplete(db, user.id, lessonRef('course-a/one'), T0 - 2 * MINUTE);
    await recordOpen(db, user.id, lessonRef('course-a/two'), T0 - MINUTE);
    const day = await myDay(db, user, CATALOG, T0);
    expect(day.resume).toEqual({ lessonId: 'course-a/two', title: '第二课', courseTitle: '甲课程', completed: 1, total: 3, percent: 33 });
  });

  it('knows a person who finished every course begun has begun one, so the tile does not say they never started', async () => {
    const user = await learner();
    await recordOpen(db, user.id, lessonRef('course-b/one'), T0 - MINUTE);
    await recordComplete(db, user.id, lessonRef('course-b/one'), T0);
    const day = await myDay(db, user, CATALOG, T0);
    expect(day.resume).toBeUndefined();
    expect(day.coursesBegun).toBe(1);
  });

  it('ignores a saved place in a lesson that is no longer in the catalogue', async () => {
    const user = await learner();
    await recordOpen(db, user.id, lessonRef('course-z/gone'), T0);
    expect((await myDay(db, user, CATALOG, T0)).resume).toBeUndefined();
  });

  it('counts today’s 每日一练 as done once every question of the set is answered', async () => {
    const user = await learner();
    const set = await dailySet(db, user.id, T0);
    for (const question of set) await answerPractice(db, { userId: user.id, versionId: question.versionId, raw: { type: 'truefalse', value: true } }, T0);
    expect((await myDay(db, user, CATALOG, T0)).daily).toEqual({ total: 3, done: 3 });
  });

  it('offers a running contest the person may still enter, and not one they have used up', async () => {
    const running = await contest('正在进行的竞赛', T0 - MINUTE);
    await contest('还没开始的竞赛', T0 + 30 * MINUTE);
    const fresh = await learner();
    expect((await myDay(db, fresh, CATALOG, T0)).contest).toEqual({ id: running, title: '正在进行的竞赛', inProgress: false, deadline: null });

    const started = unwrap(await startAttempt(db, { contestId: running, userId: fresh.id, branchId: null }, T0));
    // In the middle of it: 接着答题, with the attempt's deadline for 还剩 N 分钟 beside it.
    expect((await myDay(db, fresh, CATALOG, T0)).contest).toEqual({ id: running, title: '正在进行的竞赛', inProgress: true, deadline: T0 + 20 * MINUTE });
    await submitAttempt(db, { attemptId: started.attemptId, userId: fresh.id, by: 'person' }, T0 + MINUTE);
    // Its one attempt is used: nothing left to enter (the other one has not opened yet).
    expect((await myDay(db, fresh, CATALOG, T0 + MINUTE)).contest).toBeUndefined();
  });

  it('does not offer 接着答题 for an attempt whose time ran out: it is handed in and the contest shows as not under way', async () => {
    // Opened last, so the home page looks at these before the others; the one-attempt contest first.
    const twice = await contest('可以答两次的竞赛', T0, 2);
    const once = await contest('只能答一次的竞赛', T0, 1);
    const user = await learner();
    unwrap(await startAttempt(db, { contestId: once, userId: user.id, branchId: null }, T0));
    unwrap(await startAttempt(db, { contestId: twice, userId: user.id, branchId: null }, T0));
    // Both 20-minute limits ran out while the person was away: the one-attempt contest is used up,
    // the other may be entered again, not resumed.
    const day = await myDay(db, user, CATALOG, T0 + 25 * MINUTE);
    expect(day.contest).toEqual({ id: twice, title: '可以答两次的竞赛', inProgress: false, deadline: null });
    for (const id of [once, twice]) expect((await myAttempts(db, id, user.id)).every((attempt) => attempt.submittedAt !== null)).toBe(true);
  });
});
