import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { createContest } from '../../src/lib/server/contests';
import { setPracticeBank } from '../../src/lib/server/practice';
import { setRetired } from '../../src/lib/server/question-bank';
import { questionsAlsoInPractice, questionsInRunningContests } from '../../src/lib/server/bank-overlap';
import { importedBank, templateRow } from './bank-fixture';
import { contests, questions } from '../../db/schema';
import { unwrap } from '../../src/lib/result';

let db: Db;
let fixture: TestDb;
let contestBank: number;
let practiceBank: number;
let contestId: number;
const T0 = Date.now();

beforeAll(async () => {
  ({ db } = fixture = await freshDb('overlap'));
  const organiser = await insertUser(db, { phone: '13400000090', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  const judge = (stem: string): string[] => templateRow({ 题型: '判断', 题干: stem, 答案: '对' });
  contestBank = await importedBank(db, organiser, '竞赛题库', [judge('遵义会议是生死攸关的转折点。'), judge('1937年1月，中共中央进驻延安。'), judge('长征是播种机。'), judge('三湾改编把支部建在连上。')]);
  // The same two stems, typed with other punctuation and spaces: still the same question.
  practiceBank = await importedBank(db, organiser, '练习题库', [judge('遵义会议是生死攸关的转折点'), judge('1937年1月 中共中央进驻延安！'), judge('练习独有的题。')]);
  unwrap(await setPracticeBank(db, practiceBank, true));
  const created = await createContest(
    db,
    {
      title: '长征知识竞赛',
      description: '',
      bankId: contestBank,
      opensAt: T0 - 60_000,
      closesAt: T0 + 3_600_000,
      timeLimitMinutes: 20,
      attemptsAllowed: 1,
      drawRules: [{ type: 'truefalse', count: 2 }],
      shuffleOptions: false,
      points: { single: 2, multiple: 4, truefalse: 1, fill: 2, partial: 'half' },
      branchIds: [],
      answersVisible: 'after_close',
      awards: [],
    },
    organiser,
    T0,
  );
  contestId = unwrap(created).id;
});
afterAll(() => fixture.close());

describe('questions both practised and drawn by a contest', () => {
  it("names, for the contest's set-up, each question of its bank that a practice bank also holds", async () => {
    expect(await questionsAlsoInPractice(db, contestBank)).toEqual([
      { stem: '遵义会议是生死攸关的转折点。', elsewhere: ['练习题库“练习题库”'] },
      { stem: '1937年1月，中共中央进驻延安。', elsewhere: ['练习题库“练习题库”'] },
    ]);
  });

  it('names, for opening a bank for practice, the questions a contest that has not ended draws', async () => {
    expect(await questionsInRunningContests(db, practiceBank, T0)).toEqual([
      { stem: '遵义会议是生死攸关的转折点', elsewhere: ['竞赛“长征知识竞赛”'] },
      { stem: '1937年1月 中共中央进驻延安！', elsewhere: ['竞赛“长征知识竞赛”'] },
    ]);
    // Once the contest is over, its answers are out anyway: nothing to warn about.
    const closes = (await db.select({ closesAt: contests.closesAt }).from(contests).where(eq(contests.id, contestId)))[0]?.closesAt ?? 0;
    expect(await questionsInRunningContests(db, practiceBank, closes + 60_000)).toEqual([]);
  });

  it('leaves out a retired question, and says nothing when no practice bank shares a stem', async () => {
    const zunyi = (await db.select({ id: questions.id }).from(questions).where(eq(questions.bankId, practiceBank)))[0]?.id ?? 0;
    unwrap(await setRetired(db, { bankId: practiceBank, questionIds: [zunyi], retired: true }));
    expect((await questionsAlsoInPractice(db, contestBank)).map((question) => question.stem)).toEqual(['1937年1月，中共中央进驻延安。']);
    unwrap(await setPracticeBank(db, practiceBank, false));
    expect(await questionsAlsoInPractice(db, contestBank)).toEqual([]);
  });
});
