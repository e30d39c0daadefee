import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { createContest, type NewContest } from '../../src/lib/server/contests';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/contest-attempts';
import {
  contestStanding,
  finalizeOverdue,
  findAwardCertificate,
  issueAwards,
  listMyAwards,
  questionStats,
  resultsWorkbook,
} from '../../src/lib/server/contest-results';
import { importedBank, templateRow } from './bank-fixture';
import { GRACE_MS } from '../../src/lib/contest-time';
import { attemptQuestions, branches, contestAttempts, contestAwards, questionVersions, users } from '../../db/schema';
import type { QuestionResponse } from '../../src/lib/question-rules';
import { unwrap } from '../../src/lib/result';

let db: Db;
let fixture: TestDb;
let organiser: number;
let bankId: number;

const MINUTE = 60_000;
// A fixed clock: every start, answer and hand-in below passes its own time.
const T0 = Date.UTC(2031, 6, 1, 2, 0);
const CLOSES = T0 + 60 * MINUTE;
const AFTER_CLOSE = CLOSES + GRACE_MS + MINUTE;

const STEM = {
  venue: '中共一大在哪里召开？',
  sum: '一加一等于几？',
  pick: '下列哪些是奇数位置的选项？',
  judge: '为人民服务是党的根本宗旨。',
  fill: '中共一大召开的城市是____。',
} as const;
type Key = keyof typeof STEM;

/** Answers in the options' stored order (0 = the A entered by the organiser). */
const RIGHT: Record<Key, QuestionResponse> = {
  venue: { type: 'single', option: 2 },
  sum: { type: 'single', option: 1 },
  pick: { type: 'multiple', options: [0, 2] },
  judge: { type: 'truefalse', value: true },
  fill: { type: 'fill', text: '上海' },
};
const JINGGANGSHAN: QuestionResponse = { type: 'single', option: 1 };

const row = templateRow;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('results'));
  organiser = await insertUser(db, { phone: '13500000000', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  const rows = [
    row({ 题型: '单选', 题干: STEM.venue, 选项A: '北京', 选项B: '井冈山', 选项C: '上海', 选项D: '延安', 答案: 'C' }),
    row({ 题型: '单选', 题干: STEM.sum, 选项A: '1', 选项B: '2', 选项C: '3', 答案: 'B' }),
    row({ 题型: '多选', 题干: STEM.pick, 选项A: '一', 选项B: '二', 选项C: '三', 选项D: '四', 答案: 'AC' }),
    row({ 题型: '判断', 题干: STEM.judge, 答案: '对' }),
    row({ 题型: '填空', 题干: STEM.fill, 答案: '上海' }),
  ];
  bankId = await importedBank(db, organiser, '成绩题库', rows);
});
afterAll(() => {
  fixture.close();
});

async function contest(overrides: Partial<NewContest> = {}): Promise<number> {
  const created = await createContest(
    db,
    {
      title: '七一党史知识竞赛',
      description: '',
      bankId,
      opensAt: T0 - MINUTE,
      closesAt: CLOSES,
      timeLimitMinutes: 20,
      attemptsAllowed: 2,
      // Every question of the bank, so every paper has the same five (in a shuffled option order).
      drawRules: [
        { type: 'single', count: 2 },
        { type: 'multiple', count: 1 },
        { type: 'truefalse', count: 1 },
        { type: 'fill', count: 1 },
      ],
      shuffleOptions: true,
      points: { single: 2, multiple: 4, truefalse: 1, fill: 2, partial: 'half' },
      branchIds: [],
      answersVisible: 'after_close',
      awards: [
        { name: '二等奖', upToRank: 3 },
        { name: '一等奖', upToRank: 1 },
      ],
      ...overrides,
    },
    organiser,
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

let phone = 13500000000;
async function person(displayName: string, branchId: number | null): Promise<number> {
  return insertUser(db, { phone: String((phone += 1)), displayName, branchId, passwordHash: null, roles: ['learner'] });
}

async function branch(name: string): Promise<number> {
  const inserted = await db.insert(branches).values({ name, createdAt: T0 }).returning({ id: branches.id });
  return inserted[0]?.id ?? 0;
}

/** Shown positions of a stored-order response, as the contestant's browser would send them. */
function shownResponse(response: QuestionResponse, order: readonly number[]): QuestionResponse {
  if (response.type === 'single') return { type: 'single', option: order.indexOf(response.option) };
  if (response.type === 'multiple') return { type: 'multiple', options: response.options.map((option) => order.indexOf(option)) };
  return response;
}

/**
 * One attempt: starts at `startAt`, answers each question given (unanswered when missing), and hands
 * in at `submitAt` (left open when null). Returns the attempt's id.
 */
async function take(contestId: number, userId: number, answers: Partial<Record<Key, QuestionResponse>>, startAt: number, submitAt: number | null): Promise<number> {
  const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, startAt));
  const items = await db
    .select({ position: attemptQuestions.position, optionOrder: attemptQuestions.optionOrder, stem: questionVersions.stem })
    .from(attemptQuestions)
    .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.versionId))
    .where(eq(attemptQuestions.attemptId, started.attemptId));
  for (const item of items) {
    const key = (Object.keys(STEM) as Key[]).find((name) => STEM[name] === item.stem);
    const answer = key === undefined ? undefined : answers[key];
    if (answer === undefined) continue;
    const raw = shownResponse(answer, JSON.parse(item.optionOrder) as number[]);
    unwrap(await saveAnswer(db, { attemptId: started.attemptId, userId, position: item.position, raw }, startAt + 1000));
  }
  if (submitAt !== null) await submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, submitAt);
  return started.attemptId;
}

describe('contest results', () => {
  let contestId: number;
  const ids: Record<string, number> = {};
  let first = 0;
  let second = 0;

  beforeAll(async () => {
    contestId = await contest();
    first = await branch('第一支部');
    second = await branch('第二支部');
    await branch('第三支部'); // no members: no participation rate to show
    for (const [name, branchId] of [
      ['王芳', first],
      ['李强', first],
      ['赵敏', first],
      ['吴刚', first],
      ['孙丽', first],
      ['刘洋', second],
      ['陈静', second],
      ['郑红', second],
      ['周杰', null],
    ] as const) {
      ids[name] = await person(name, branchId);
    }
    // 孙丽 has left: a disabled account is no longer a member her branch is measured against.
    await db.update(users).set({ disabledAt: T0 }).where(eq(users.id, ids['孙丽'] ?? 0));

    // 王芳 and 李强: everything right in 5 minutes — 11 points, a shared first place.
    await take(contestId, ids['王芳'] ?? 0, RIGHT, T0, T0 + 5 * MINUTE);
    await take(contestId, ids['李强'] ?? 0, RIGHT, T0, T0 + 5 * MINUTE);
    // 赵敏: 9 points fast, then 11 points in 10 minutes; the better second attempt counts.
    await take(contestId, ids['赵敏'] ?? 0, { ...RIGHT, venue: JINGGANGSHAN }, T0, T0 + 2 * MINUTE);
    await take(contestId, ids['赵敏'] ?? 0, RIGHT, T0 + 3 * MINUTE, T0 + 13 * MINUTE);
    // 刘洋: 井冈山, half of the 多选, 错 for a true statement, and a 填空 right despite quotes: 6 points.
    await take(
      contestId,
      ids['刘洋'] ?? 0,
      { ...RIGHT, venue: JINGGANGSHAN, pick: { type: 'multiple', options: [0] }, judge: { type: 'truefalse', value: false }, fill: { type: 'fill', text: '“上海。”' } },
      T0,
      T0 + 3 * MINUTE,
    );
    // 陈静: 井冈山 and the sum, then closes the page; the attempt stays open past its deadline.
    await take(contestId, ids['陈静'] ?? 0, { venue: JINGGANGSHAN, sum: RIGHT.sum }, T0 + MINUTE, null);
    // 周杰 (no branch): 北京 and a wrong 填空: 7 points in 4 minutes.
    await take(contestId, ids['周杰'] ?? 0, { ...RIGHT, venue: { type: 'single', option: 0 }, fill: { type: 'fill', text: '“北京”。' } }, T0, T0 + 4 * MINUTE);
  });

  it('submit attempts left open only once their deadline and grace have passed', async () => {
    const deadline = T0 + 21 * MINUTE;
    expect(await finalizeOverdue(db, contestId, deadline + GRACE_MS)).toBe(0);
    expect(await finalizeOverdue(db, contestId, AFTER_CLOSE)).toBe(1);
    expect(await finalizeOverdue(db, contestId, AFTER_CLOSE)).toBe(0);
    const [attempt] = await db.select().from(contestAttempts).where(eq(contestAttempts.userId, ids['陈静'] ?? 0));
    expect(attempt).toMatchObject({ submittedBy: 'deadline', submittedAt: AFTER_CLOSE, score: 200 });
  });

  it('rank each person once by their best attempt, share ranks on ties, and give awards', async () => {
    const standing = await contestStanding(db, contestId, AFTER_CLOSE);
    expect(standing.maxScore).toBe(11);
    expect(standing.submitted).toBe(7);
    const summary = standing.people.map((p) => [p.name, p.rank, p.score, p.secondsUsed, p.submittedBy, p.award]);
    expect(summary).toEqual([
      ['王芳', 1, 11, 300, 'person', '一等奖'],
      ['李强', 1, 11, 300, 'person', '一等奖'],
      ['赵敏', 3, 11, 600, 'person', '二等奖'],
      ['周杰', 4, 7, 240, 'person', null],
      ['刘洋', 5, 6, 180, 'person', null],
      // Charged up to the deadline (20 minutes), not until the lazy hand-in after the close.
      ['陈静', 6, 2, 1200, 'deadline', null],
    ]);
    const zhao = standing.people.find((p) => p.name === '赵敏');
    expect(zhao).toMatchObject({ attemptNumber: 2, correct: 5, branchName: '第一支部', branchId: first });
    expect(standing.people.find((p) => p.name === '周杰')).toMatchObject({ branchId: null, branchName: null, correct: 3 });
  });

  it('measure each branch against its active members', async () => {
    const standing = await contestStanding(db, contestId, AFTER_CLOSE);
    expect(standing.branches).toEqual([
      { branchId: first, branchName: '第一支部', members: 4, participants: 3, participationRate: 0.75, averageScore: 11 },
      { branchId: second, branchName: '第二支部', members: 3, participants: 2, participationRate: 0.67, averageScore: 4 },
    ]);
    // A contest for one branch counts that branch alone, taken part in or not.
    const only = await contestStanding(db, await contest({ branchIds: [second] }), T0);
    expect(only).toEqual({
      people: [],
      branches: [{ branchId: second, branchName: '第二支部', members: 3, participants: 0, participationRate: 0, averageScore: 0 }],
      maxScore: 11,
      submitted: 0,
    });
    expect(await contestStanding(db, 999_999, T0)).toEqual({ people: [], branches: [], maxScore: 0, submitted: 0 });
  });

  it('show how each question fared, hardest first, with the wrong answer chosen most', async () => {
    const stats = await questionStats(db, contestId);
    expect(stats.map((s) => [s.stem, s.shown, s.answered, s.correct, s.correctRate, s.commonWrong])).toEqual([
      [STEM.venue, 7, 7, 3, 0.43, { label: 'B. 井冈山', count: 3 }],
      [STEM.pick, 7, 6, 5, 0.71, { label: 'A', count: 1 }],
      [STEM.judge, 7, 6, 5, 0.71, { label: '错', count: 1 }],
      [STEM.fill, 7, 6, 5, 0.71, { label: '北京', count: 1 }],
      [STEM.sum, 7, 7, 7, 1, null],
    ]);
    expect(stats[0]?.type).toBe('single');
  });

  it('refuse to issue awards before the close, then issue each exactly once', async () => {
    expect(await issueAwards(db, contestId, CLOSES + GRACE_MS - 1)).toBe(0);
    expect(await db.select().from(contestAwards)).toHaveLength(0);

    // Two server processes at once: a second connection to the same file.
    const other = await openDatabase(fixture.url);
    try {
      const counts = await Promise.all([issueAwards(db, contestId, AFTER_CLOSE), issueAwards(other.db, contestId, AFTER_CLOSE)]);
      expect(counts[0] + counts[1]).toBe(3);
    } finally {
      other.client.close();
    }
    expect(await issueAwards(db, contestId, AFTER_CLOSE + MINUTE)).toBe(0);
    const issued = await db.select().from(contestAwards).where(eq(contestAwards.contestId, contestId));
    expect(issued.map((a) => [a.userId, a.award, a.rank, a.scoreHundredths]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [ids['王芳'], '一等奖', 1, 1100],
      [ids['李强'], '一等奖', 1, 1100],
      [ids['赵敏'], '二等奖', 3, 1100],
    ]);
    for (const award of issued) expect(award.code).toMatch(/^XG-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}$/);

    const zhao = issued.find((a) => a.userId === ids['赵敏']);
    expect(await findAwardCertificate(db, zhao?.code ?? '')).toEqual({
      code: zhao?.code,
      name: '赵敏',
      contestId: zhao?.contestId,
      contestTitle: '七一党史知识竞赛',
      award: '二等奖',
      rank: 3,
      score: 11,
      issuedAt: AFTER_CLOSE,
    });
    expect(await findAwardCertificate(db, 'XG-AAAA-AAAA-AA')).toBeUndefined();
    expect((await listMyAwards(db, ids['赵敏'] ?? 0)).map((a) => a.code)).toEqual([zhao?.code]);
    expect(await listMyAwards(db, ids['刘洋'] ?? 0)).toEqual([]);
  });

  it('export people, branches and questions as three worksheets', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await resultsWorkbook(db, contestId, AFTER_CLOSE)).buffer);
    const sheet = (name: string): unknown[][] => {
      const found = workbook.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found.getSheetValues().slice(1).map((values) => (Array.isArray(values) ? values.slice(1) : []));
    };
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['个人成绩', '支部成绩', '逐题统计']);

    const people = sheet('个人成绩');
    expect(people[0]).toEqual(['名次', '姓名', '手机号', '党支部', '得分', '答对题数', '用时（秒）', '交卷方式', '奖项']);
    expect(people).toHaveLength(7);
    expect(people[3]).toEqual([3, '赵敏', '135****0003', '第一支部', 11, 5, 600, '本人交卷', '二等奖']);
    expect(people[6]).toEqual([6, '陈静', '135****0007', '第二支部', 2, 1, 1200, '到时自动交卷', '']);

    const branchRows = sheet('支部成绩');
    expect(branchRows[0]).toEqual(['名次', '党支部', '人数', '参赛人数', '参与率', '平均分']);
    expect(branchRows.slice(1)).toEqual([
      [1, '第一支部', 4, 3, '75%', 11],
      [2, '第二支部', 3, 2, '67%', 4],
    ]);

    const questionRows = sheet('逐题统计');
    expect(questionRows[0]).toEqual(['题目编号', '题型', '题干', '出现次数', '答对次数', '正确率', '最常见错误答案']);
    expect(questionRows[1]?.slice(1)).toEqual(['单选', STEM.venue, 7, 3, '43%', 'B. 井冈山（3人次）']);
    expect(questionRows).toHaveLength(6);
  });
});

describe('per-question statistics of 填空 answers', () => {
  it('count answers judged alike as one answer: 9项 and 九项 are the same wrong answer', async () => {
    const stem = '中央政治局关于改进工作作风、密切联系群众的规定共有几项？';
    const fillBank = await importedBank(db, organiser, '作风题库', [row({ 题型: '填空', 题干: stem, 答案: '八项' })]);
    const id = await contest({ bankId: fillBank, drawRules: [{ type: 'fill', count: 1 }], attemptsAllowed: 1 });
    for (const [name, text] of [
      ['甲一', '9项'],
      ['甲二', '九项'],
      ['甲三', '10项'],
      ['甲四', '8项'],
    ] as const) {
      const userId = await person(name, null);
      const started = unwrap(await startAttempt(db, { contestId: id, userId, branchId: null }, T0));
      unwrap(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'fill', text } }, T0 + 1000));
      await submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + MINUTE);
    }
    const [stat] = await questionStats(db, id);
    // Counted apart, each wrong answer would be given once and 10项 would sort first.
    expect(stat).toMatchObject({ stem, shown: 4, answered: 4, correct: 1, commonWrong: { label: '9项', count: 2 } });
  });
});
