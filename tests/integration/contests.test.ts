import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Client } from '@libsql/client';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { createBank, toContent } from '../../src/lib/server/question-bank';
import { contestsFor, createContest, drawCandidates, drawProblemsAfter, getContest, listContests, listExtraTime, setExtraTime, showsAnswers, updateContest, type NewContest } from '../../src/lib/server/contests';
import { setPracticeBank } from '../../src/lib/server/practice';
import { attemptReview, contestantView, handInOverdue, saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/contest-attempts';
import { importedBank, templateRow } from './bank-fixture';
import { GRACE_MS } from '../../src/lib/contest-time';
import { attemptEvents, attemptQuestions, contestAttempts, questionVersions } from '../../db/schema';
import { scoreAttempt } from '../../src/lib/contest-results';
import { EMPTY_FILL, type QuestionResponse } from '../../src/lib/question-rules';
import { ok, unwrap } from '../../src/lib/result';

let db: Db;
let client: Client;
let fixture: TestDb;
let organiser: number;
let bankId: number;
let phone = 13400000000;

const row = templateRow;
const MINUTE = 60_000;
const T0 = Date.now();

beforeAll(async () => {
  ({ db, client } = fixture = await freshDb('contest'));
  organiser = await insertUser(db, { phone: '13400000000', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => row({ 题型: '单选', 题干: `单选题${i}`, 选项A: '甲', 选项B: '乙', 选项C: '丙', 答案: 'B' })),
    ...Array.from({ length: 4 }, (_, i) => row({ 题型: '多选', 题干: `多选题${i}`, 选项A: '一', 选项B: '二', 选项C: '三', 选项D: '四', 答案: 'AC' })),
    ...Array.from({ length: 4 }, (_, i) => row({ 题型: '判断', 题干: `判断题${i}`, 答案: '对' })),
  ];
  bankId = await importedBank(db, organiser, '竞赛题库', rows);
});
afterAll(() => {
  fixture.close();
});

async function contest(overrides: Partial<NewContest> = {}): Promise<number> {
  const created = await createContest(
    db,
    {
      title: '党史知识竞赛',
      description: '',
      bankId,
      opensAt: T0 - MINUTE,
      closesAt: T0 + 60 * MINUTE,
      timeLimitMinutes: 20,
      attemptsAllowed: 2,
      drawRules: [
        { type: 'single', count: 3 },
        { type: 'multiple', count: 2 },
        { type: 'truefalse', count: 2 },
      ],
      shuffleOptions: true,
      points: { single: 2, multiple: 4, truefalse: 1, fill: 2, partial: 'half' },
      branchIds: [],
      answersVisible: 'after_close',
      awards: [],
      ...overrides,
    },
    organiser,
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}
const person = async (): Promise<number> => insertUser(db, { phone: String((phone += 1)), displayName: '选手', branchId: null, passwordHash: null, roles: ['learner'] });

describe('contest attempts', () => {
  it('refuse a contest whose draw rules the bank cannot meet', async () => {
    await expect(contest({ drawRules: [{ type: 'fill', count: 1 }] })).rejects.toThrow(/填空/);
    await expect(contest({ closesAt: T0 - 2 * MINUTE })).rejects.toThrow(/结束时间/);
  });

  it('start exactly one attempt when a person starts twice at once, and resume it afterwards', async () => {
    const contestId = await contest();
    const userId = await person();
    const both = await Promise.all([startAttempt(db, { contestId, userId, branchId: null }, T0), startAttempt(db, { contestId, userId, branchId: null }, T0)]);
    const ids = both.map((result) => (result.ok ? result.value.attemptId : 0));
    expect(ids[0]).toBeGreaterThan(0);
    expect(ids[1]).toBe(ids[0]);
    expect(await db.select().from(contestAttempts).where(eq(contestAttempts.userId, userId))).toHaveLength(1);
    const again = await startAttempt(db, { contestId, userId, branchId: null }, T0 + MINUTE);
    expect(again).toMatchObject(ok({ attemptId: ids[0], resumed: true }));
  });

  it('show no answers, save each answer with the shown positions, and score on the server once', async () => {
    const contestId = await contest();
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    const view = unwrap(await contestantView(db, started.attemptId, userId, T0));
    expect(view.questions).toHaveLength(7);
    expect(JSON.stringify(view)).not.toMatch(/"answer"|"explanation"/);
    // Answer every question by choosing the shown position of the right stored option.
    const stored = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, started.attemptId));
    for (const question of stored) {
      const order = JSON.parse(question.optionOrder) as number[];
      const raw =
        view.questions[question.position - 1]?.type === 'single'
          ? { type: 'single', option: order.indexOf(1) }
          : view.questions[question.position - 1]?.type === 'multiple'
            ? { type: 'multiple', options: [order.indexOf(0)] }
            : { type: 'truefalse', value: true };
      expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: question.position, raw }, T0 + MINUTE)).toEqual(ok());
    }
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'single', option: 7 } }, T0 + MINUTE)).toMatchObject({ ok: false });
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId: userId + 999, position: 1, raw: { type: 'single', option: 0 } }, T0)).toMatchObject({ ok: false });

    const [first, second] = await Promise.all([
      submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + 2 * MINUTE),
      submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + 2 * MINUTE),
    ]);
    // 3 单选 × 2 + 2 多选 half of 4 + 2 判断 × 1 = 6 + 4 + 2
    expect(first).toMatchObject(ok({ score: 12 }));
    expect(second).toMatchObject(ok({ score: 12 }));
    const submits = await db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, started.attemptId));
    expect(submits.filter((e) => e.kind === 'submit')).toHaveLength(1);
    expect(submits.filter((e) => e.kind === 'answer')).toHaveLength(7);
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'single', option: 0 } }, T0 + 3 * MINUTE)).toMatchObject({ ok: false });

    // The stored score equals a recomputation from the stored answers and versions.
    const items = await db.select().from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.versionId)).where(eq(attemptQuestions.attemptId, started.attemptId));
    const recomputed = scoreAttempt(
      items.map((item) => ({ content: toContent(item.question_versions), response: item.attempt_questions.response ? (JSON.parse(item.attempt_questions.response) as QuestionResponse) : null })),
      { single: 2, multiple: 4, truefalse: 1, fill: 2, partial: 'half' },
    );
    expect(recomputed.score).toBe(12);
  });

  it('refuse answers after the deadline and its grace, submitting the attempt instead', async () => {
    const contestId = await contest({ timeLimitMinutes: 1 });
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'single', option: 0 } }, T0 + MINUTE + GRACE_MS - 1)).toEqual(ok());
    const late = await saveAnswer(db, { attemptId: started.attemptId, userId, position: 2, raw: { type: 'single', option: 0 } }, T0 + MINUTE + GRACE_MS + 1);
    expect(late).toMatchObject({ ok: false });
    const [attempt] = await db.select().from(contestAttempts).where(eq(contestAttempts.id, started.attemptId));
    expect(attempt?.submittedBy).toBe('deadline');
  });

  it('hold the attempt limit, and draw unseen questions for the second attempt', async () => {
    const contestId = await contest({ attemptsAllowed: 2, drawRules: [{ type: 'single', count: 3 }] });
    const userId = await person();
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0 + i * MINUTE));
      ids.push(started.attemptId);
      await submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + i * MINUTE + 1000);
    }
    const questionsOf = async (attemptId: number): Promise<number[]> =>
      (await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, attemptId))).map((q) => q.questionId);
    const [a, b] = [await questionsOf(ids[0] ?? 0), await questionsOf(ids[1] ?? 0)];
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    const third = await startAttempt(db, { contestId, userId, branchId: null }, T0 + 5 * MINUTE);
    expect(third).toMatchObject({ ok: false });
    expect(third.ok ? '' : third.error.message).toContain('最多');
  });

  it('keep contest banks and practice banks apart, so practice never shows contest answers', async () => {
    const contestId = await contest();
    expect(contestId).toBeGreaterThan(0);
    expect(await setPracticeBank(db, bankId, true)).toMatchObject({ ok: false });
    const practiceBank = await createBank(db, { name: '练习专用', description: '' }, organiser);
    const practiceId = practiceBank.ok ? practiceBank.value.id : 0;
    expect(await setPracticeBank(db, practiceId, true)).toEqual(ok());
    await expect(contest({ bankId: practiceId, drawRules: [] })).rejects.toThrow(/日常练习/);
  });

  it('refuse people outside the chosen branches, and contests not yet open', async () => {
    const branch = await client.execute("insert into branches (name, created_at) values ('第九支部', 0) returning id");
    const contestId = await contest({ branchIds: [Number(branch.rows[0]?.id)] });
    expect(await startAttempt(db, { contestId, userId: await person(), branchId: null }, T0)).toMatchObject({ ok: false });
    const later = await contest({ opensAt: T0 + 30 * MINUTE });
    const early = await startAttempt(db, { contestId: later, userId: await person(), branchId: null }, T0);
    expect(early.ok ? '' : early.error.message).toContain('还没有开始');
  });

  it('take an answer back when every box of a 多选 is unticked or a 填空 is emptied', async () => {
    const contestId = await contest({ drawRules: [{ type: 'multiple', count: 1 }] });
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'multiple', options: [0, 2] } }, T0 + 1000)).toEqual(ok());
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'multiple', options: [] } }, T0 + 2000)).toEqual(ok());
    const view = await contestantView(db, started.attemptId, userId, T0 + 3000);
    expect(view.ok && view.value.questions[0]?.response).toBeNull();
    const events = await db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, started.attemptId));
    expect(events.map((e) => JSON.parse(e.detail) as object)).toContainEqual({ position: 1, cleared: true });
  });

  it('judge a 填空 answer as practice does (numerals folded), refusing one of only punctuation', async () => {
    const fillBank = await importedBank(db, organiser, '填空竞赛题库', [row({ 题型: '填空', 题干: '红军长征于____到达陕北。', 答案: '1935年' })]);
    const contestId = await contest({ bankId: fillBank, drawRules: [{ type: 'fill', count: 1 }] });
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    const save = (text: string) => saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'fill', text } }, T0 + 1000);
    expect(await save(' 。，“” ')).toMatchObject({ ok: false, error: { message: EMPTY_FILL } });
    const view = await contestantView(db, started.attemptId, userId, T0 + 1500);
    expect(view.ok && view.value.questions[0]?.response).toBeNull();
    expect(await save('一九三五 年。')).toEqual(ok());
    expect(await submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + 2000)).toMatchObject(ok({ score: 2 }));
  });

  it('list contests with their real attempt counts, and each person only the contests open to them', async () => {
    const branch = await client.execute("insert into branches (name, created_at) values ('第十支部', 0) returning id");
    const branchId = Number(branch.rows[0]?.id);
    const everyone = await contest({ title: '人人可参加' });
    const branchOnly = await contest({ title: '支部专场', branchIds: [branchId] });
    const [a, b] = [await person(), await person()];
    for (const userId of [a, b]) {
      const started = await startAttempt(db, { contestId: everyone, userId, branchId: null }, T0);
      if (started.ok && userId === a) await submitAttempt(db, { attemptId: started.value.attemptId, userId, by: 'person' }, T0 + 1000);
    }
    const listed = (await listContests(db, T0)).find((c) => c.id === everyone);
    expect(listed).toMatchObject({ attempts: 2, people: 2, phase: 'open' });
    expect((await listContests(db, T0)).find((c) => c.id === branchOnly)).toMatchObject({ attempts: 0, people: 0 });

    const forA = await contestsFor(db, { id: a, branchId: null }, T0);
    expect(forA.map((c) => c.id)).toContain(everyone);
    expect(forA.map((c) => c.id)).not.toContain(branchOnly);
    expect(forA.find((c) => c.id === everyone)?.mine).toEqual({ used: 1, open: false, openDeadline: null, bestScore: 0 });
    // The attempt under way carries its deadline, for 还剩 N 分钟 beside 接着答题.
    expect((await contestsFor(db, { id: b, branchId: null }, T0)).find((c) => c.id === everyone)?.mine).toEqual({ used: 1, open: true, openDeadline: T0 + 20 * MINUTE, bestScore: null });
    expect((await contestsFor(db, { id: b, branchId }, T0)).map((c) => c.id)).toContain(branchOnly);
    // Its time runs out while the person is away: handed in, it lists as done with its score.
    const later = T0 + 20 * MINUTE + GRACE_MS + 1;
    await handInOverdue(db, b, T0 + 10 * MINUTE);
    expect((await contestsFor(db, { id: b, branchId: null }, later)).find((c) => c.id === everyone)?.mine.open).toBe(true);
    await handInOverdue(db, b, later);
    expect((await contestsFor(db, { id: b, branchId: null }, later)).find((c) => c.id === everyone)?.mine).toEqual({ used: 1, open: false, openDeadline: null, bestScore: 0 });
  });

  it('change a contest freely before anyone starts, and only fairly afterwards', async () => {
    const contestId = await contest({ timeLimitMinutes: null });
    const before = await getContest(db, contestId);
    if (!before) throw new Error('missing');
    const { id: _id, eligibility: _e, createdAt: _c, ...settings } = before;
    expect(await updateContest(db, contestId, { ...settings, title: '改过的名字', drawRules: [{ type: 'single', count: 2 }] }, T0)).toEqual(ok({ id: contestId }));
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    const changedPaper = await updateContest(db, contestId, { ...settings, drawRules: [{ type: 'single', count: 3 }] }, T0 + MINUTE);
    expect(changedPaper.ok ? '' : changedPaper.error.message).toContain('不能再改');
    // A later close moves the deadline of the attempt under way (it has no time limit).
    const later = T0 + 120 * MINUTE;
    expect(await updateContest(db, contestId, { ...settings, drawRules: [{ type: 'single', count: 2 }], closesAt: later }, T0 + MINUTE)).toMatchObject({ ok: true });
    const [attempt] = await db.select().from(contestAttempts).where(eq(contestAttempts.id, started.attemptId));
    expect(attempt?.deadline).toBe(later);
    expect(await updateContest(db, contestId, { ...settings, drawRules: [{ type: 'single', count: 2 }], closesAt: later }, later + GRACE_MS + 1)).toMatchObject({ ok: false });
  });

  it('give one person extra or unlimited time, moving the deadline of an attempt already under way', async () => {
    const contestId = await contest({ timeLimitMinutes: 20 });
    const phoneNumber = String(phone + 1);
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    const deadline = async (): Promise<number | undefined> => (await db.select().from(contestAttempts).where(eq(contestAttempts.id, started.attemptId)))[0]?.deadline;
    expect(await deadline()).toBe(T0 + 20 * MINUTE);
    expect(await setExtraTime(db, { contestId, person: { phone: phoneNumber }, extraMinutes: 10, remove: false }, T0 + MINUTE)).toMatchObject({ ok: true });
    expect(await deadline()).toBe(T0 + 30 * MINUTE);
    expect(await setExtraTime(db, { contestId, person: { phone: phoneNumber }, extraMinutes: null, remove: false }, T0 + MINUTE)).toMatchObject({ ok: true });
    expect(await deadline()).toBe(T0 + 60 * MINUTE);
    expect(await listExtraTime(db, contestId)).toEqual([{ userId, name: '选手', phone: phoneNumber, extraMinutes: null }]);
    expect(await setExtraTime(db, { contestId, person: { userId }, extraMinutes: null, remove: true }, T0 + MINUTE)).toMatchObject({ ok: true });
    expect(await deadline()).toBe(T0 + 20 * MINUTE);
    expect(await setExtraTime(db, { contestId, person: { phone: '13999999999' }, extraMinutes: 5, remove: false }, T0)).toMatchObject({ ok: false });
  });

  it('show a submitted attempt with the answers only when the rules allow', async () => {
    const contestId = await contest({ drawRules: [{ type: 'truefalse', count: 2 }], answersVisible: 'after_close' });
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    expect(await attemptReview(db, started.attemptId, userId, true)).toBeUndefined();
    await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'truefalse', value: true } }, T0 + 1000);
    await submitAttempt(db, { attemptId: started.attemptId, userId, by: 'person' }, T0 + 2000);
    const hidden = await attemptReview(db, started.attemptId, userId, false);
    expect(hidden?.map((q) => q.key)).toEqual([null, null]);
    expect(JSON.stringify(hidden)).not.toMatch(/explanation|answer"/);
    const shown = await attemptReview(db, started.attemptId, userId, true);
    expect(shown?.[0]).toMatchObject({ points: 1, key: { correct: true, answer: '对' } });
    expect(shown?.[1]).toMatchObject({ points: 0, response: null, key: { correct: false } });
    const contestRow = await getContest(db, contestId);
    if (!contestRow) throw new Error('missing');
    expect(showsAnswers(contestRow, true, T0)).toBe(false);
    expect(showsAnswers(contestRow, true, contestRow.closesAt + GRACE_MS)).toBe(true);
    expect(showsAnswers({ ...contestRow, answersVisible: 'after_submit' }, true, T0)).toBe(true);
    expect(showsAnswers({ ...contestRow, answersVisible: 'after_submit' }, false, T0)).toBe(false);
    expect(showsAnswers({ ...contestRow, answersVisible: 'never' }, true, contestRow.closesAt + GRACE_MS)).toBe(false);
    // 交卷后 waits for the last attempt: a later one may draw the same questions.
    expect(showsAnswers({ ...contestRow, answersVisible: 'after_submit' }, true, T0, 1)).toBe(false);
    expect(showsAnswers({ ...contestRow, answersVisible: 'after_submit' }, true, contestRow.closesAt + GRACE_MS, 1)).toBe(true);
    // Points per question would give the answers away too.
    expect(hidden?.map((q) => q.points)).toEqual([null, null]);
  });

  it('refuse to retire or retype questions that a running or upcoming contest still needs', async () => {
    const contestId = await contest({ drawRules: [{ type: 'truefalse', count: 4 }] });
    const candidates = await drawCandidates(db, bankId);
    const trueFalse = candidates.filter((c) => c.type === 'truefalse').map((c) => c.questionId);
    const [problem] = await drawProblemsAfter(db, bankId, { retire: [trueFalse[0] ?? 0] }, T0);
    expect(problem).toContain('党史知识竞赛');
    expect(problem).toContain('判断');
    const retyped = await drawProblemsAfter(db, bankId, { replace: { questionId: trueFalse[1] ?? 0, type: 'fill', category: '', optionCount: 0 } }, T0);
    expect(retyped).toHaveLength(1);
    expect(await drawProblemsAfter(db, bankId, { retire: [candidates.find((c) => c.type === 'single')?.questionId ?? 0] }, T0)).toEqual([]);
    // Once the contest is over, its papers are drawn and the bank is free to change.
    const closed = await getContest(db, contestId);
    expect(await drawProblemsAfter(db, bankId, { retire: trueFalse }, (closed?.closesAt ?? 0) + GRACE_MS + 1)).toEqual([]);
  });

  it('save answers arriving together in one batch: the latest per question wins, none lands in a submitted attempt', async () => {
    const contestId = await contest({ drawRules: [{ type: 'truefalse', count: 3 }] });
    const [a, b] = [await person(), await person()];
    const started = await Promise.all([a, b].map((userId) => startAttempt(db, { contestId, userId, branchId: null }, T0)));
    const [first, second] = started.map((s) => (s.ok ? s.value.attemptId : 0));
    await submitAttempt(db, { attemptId: second ?? 0, userId: b, by: 'person' }, T0 + 1000);
    const answer = (attemptId: number, userId: number, position: number, value: boolean) =>
      saveAnswer(db, { attemptId, userId, position, raw: { type: 'truefalse', value } }, T0 + 2000);
    const results = await Promise.all([
      answer(first ?? 0, a, 1, true),
      answer(first ?? 0, a, 2, true),
      answer(first ?? 0, a, 2, false),
      answer(second ?? 0, b, 1, true),
      answer(first ?? 0, a, 3, true),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, true]);
    const rows = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, first ?? 0));
    expect(rows.sort((x, y) => x.position - y.position).map((r) => r.response)).toEqual([
      JSON.stringify({ type: 'truefalse', value: true }),
      JSON.stringify({ type: 'truefalse', value: false }),
      JSON.stringify({ type: 'truefalse', value: true }),
    ]);
    const secondRows = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, second ?? 0));
    expect(secondRows.every((r) => r.response === null)).toBe(true);
    const events = await db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, first ?? 0));
    expect(events.filter((e) => e.kind === 'answer')).toHaveLength(4);
  });

  it('refuse a contest that has already ended or is worth nothing, and write nothing when an empty answer takes back nothing', async () => {
    await expect(contest({ opensAt: T0 - 120 * MINUTE, closesAt: T0 - MINUTE })).rejects.toThrow(/已经过去/);
    await expect(contest({ points: { single: 0, multiple: 0, truefalse: 0, fill: 5, partial: 'none' } })).rejects.toThrow(/满分不能是0分/);
    const contestId = await contest({ drawRules: [{ type: 'multiple', count: 1 }] });
    const userId = await person();
    const started = unwrap(await startAttempt(db, { contestId, userId, branchId: null }, T0));
    expect(await saveAnswer(db, { attemptId: started.attemptId, userId, position: 1, raw: { type: 'multiple', options: [] } }, T0 + 1000)).toEqual(ok());
    const events = await db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, started.attemptId));
    expect(events.map((e) => e.kind)).toEqual(['start']);
  });
});
