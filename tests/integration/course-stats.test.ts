import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { branches, lessonProgress } from '../../db/schema';
import { courseStats, courseTotals, LEARNER_COLUMNS, learnerTableRows, NO_BRANCH } from '../../src/lib/server/course-stats';

let db: Db;
let fixture: TestDb;

const COURSE = { id: 'c1', lessonIds: ['c1/a', 'c1/b', 'c1/c'] };
const OTHER = { id: 'c2', lessonIds: ['c2/a'] };
const T = 1_790_000_000_000;
const DAY = 86_400_000;

/** Who opened what, and which of those they completed; `at` is when they last saw each lesson. */
const LEARNERS = [
  { key: 'A', phone: '13800000001', name: '王秀英', branch: '东风支部', opened: ['c1/a', 'c1/b', 'c1/c'], done: ['c1/a', 'c1/b', 'c1/c'], at: T + 1 * DAY },
  { key: 'B', phone: '13800000002', name: '李建国', branch: '东风支部', opened: ['c1/a', 'c1/b'], done: ['c1/a'], at: T + 5 * DAY },
  { key: 'C', phone: '13800000003', name: '张桂兰', branch: '西山支部', opened: ['c1/a'], done: [], at: T + 2 * DAY },
  // D also has a row on a withdrawn lesson, seen last of all: it must count for nothing.
  { key: 'D', phone: '13800000004', name: '刘志华', branch: '西山支部', opened: ['c1/a', 'c1/b', 'c1/c', 'c1/old'], done: ['c1/a', 'c1/b', 'c1/c', 'c1/old'], at: T + 3 * DAY },
  { key: 'E', phone: '13800000005', name: '陈淑珍', branch: null, opened: ['c1/b'], done: ['c1/b'], at: T + 4 * DAY },
  { key: 'F', phone: '13800000006', name: '没开始', branch: '东风支部', opened: [], done: [], at: T },
  { key: 'G', phone: '13800000007', name: '别的课', branch: '西山支部', opened: ['c2/a'], done: ['c2/a'], at: T + 6 * DAY },
] as const;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('stats'));
  const made = await db
    .insert(branches)
    .values([{ name: '东风支部', createdAt: T }, { name: '西山支部', createdAt: T }])
    .returning({ id: branches.id, name: branches.name });
  const branchId = new Map(made.map((b) => [b.name, b.id]));
  for (const learner of LEARNERS) {
    const userId = await insertUser(db, {
      phone: learner.phone,
      displayName: learner.name,
      branchId: learner.branch ? (branchId.get(learner.branch) ?? null) : null,
      passwordHash: null,
      roles: ['learner'],
    });
    for (const lessonId of learner.opened) {
      const done = (learner.done as readonly string[]).includes(lessonId);
      await db.insert(lessonProgress).values({
        userId,
        lessonId,
        courseId: lessonId.split('/')[0] ?? '',
        openedAt: T,
        lastSeenAt: lessonId === 'c1/old' ? T + 30 * DAY : learner.at,
        completedAt: done ? learner.at : null,
        seconds: 120,
      });
    }
  }
});
afterAll(() => {
  fixture.close();
});

describe('course statistics for instructors', () => {
  it('count learners who started and who finished every published lesson', async () => {
    const stats = await courseStats(db, COURSE);
    expect(stats).toMatchObject({ started: 5, completed: 2, totalLessons: 3 });
  });

  it('give a funnel in lesson order, ignoring withdrawn lessons', async () => {
    const stats = await courseStats(db, COURSE);
    expect(stats.funnel).toEqual([
      { lessonId: 'c1/a', opened: 4, completed: 3 },
      { lessonId: 'c1/b', opened: 4, completed: 3 },
      { lessonId: 'c1/c', opened: 2, completed: 2 },
    ]);
  });

  it('break the course down by branch, with learners without one under 未填写支部', async () => {
    const stats = await courseStats(db, COURSE);
    expect(stats.branches).toEqual([
      // A: 100 %, B: 33 % → 67 %.
      { name: '东风支部', started: 2, completed: 1, averagePercent: 67 },
      // C: 0 %, D: 100 % (the withdrawn lesson adds nothing).
      { name: '西山支部', started: 2, completed: 1, averagePercent: 50 },
      { name: NO_BRANCH, started: 1, completed: 0, averagePercent: 33 },
    ]);
  });

  it('list learners, most recently active first, with phones masked', async () => {
    const stats = await courseStats(db, COURSE);
    expect(stats.learners.map((l) => [l.name, l.maskedPhone, l.branch, l.lessonsCompleted, l.lastActivityAt])).toEqual([
      ['李建国', '138****0002', '东风支部', 1, T + 5 * DAY],
      ['陈淑珍', '138****0005', NO_BRANCH, 1, T + 4 * DAY],
      ['刘志华', '138****0004', '西山支部', 3, T + 3 * DAY],
      ['张桂兰', '138****0003', '西山支部', 0, T + 2 * DAY],
      ['王秀英', '138****0001', '东风支部', 3, T + 1 * DAY],
    ]);
    const shown = JSON.stringify(stats);
    for (const learner of LEARNERS) expect(shown).not.toContain(learner.phone);
  });

  it('shape the learner table for downloads without full phone numbers', async () => {
    const rows = learnerTableRows(await courseStats(db, COURSE));
    expect(LEARNER_COLUMNS).toEqual(['姓名', '手机号', '党支部', '已学完课数', '完成比例', '最近学习日期']);
    expect(rows[0]).toEqual(['李建国', '138****0002', '东风支部', 1, '33%', expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)]);
    expect(rows).toHaveLength(5);
  });

  it('total every course in one go for the studio list', async () => {
    const totals = await courseTotals(db, [COURSE, OTHER, { id: 'empty', lessonIds: [] }]);
    expect(Object.fromEntries(totals)).toEqual({
      c1: { started: 5, completed: 2 },
      c2: { started: 1, completed: 1 },
      empty: { started: 0, completed: 0 },
    });
  });

  it('report an untouched or empty course as zeros', async () => {
    expect(await courseStats(db, { id: 'nobody', lessonIds: ['nobody/a', 'nobody/b'] })).toEqual({
      started: 0,
      completed: 0,
      totalLessons: 2,
      funnel: [
        { lessonId: 'nobody/a', opened: 0, completed: 0 },
        { lessonId: 'nobody/b', opened: 0, completed: 0 },
      ],
      branches: [],
      learners: [],
    });
    expect(await courseStats(db, { id: 'c1', lessonIds: [] })).toMatchObject({ started: 0, completed: 0, funnel: [], learners: [] });
  });
});
