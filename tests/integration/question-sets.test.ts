import { afterEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { createBank, exportQuestions, insertQuestions } from '../../src/lib/server/question-bank';
import { addQuestionSet } from '../../src/lib/server/question-sets';
import { answerPractice, dailySet, quizQuestions, setPracticeBank } from '../../src/lib/server/practice';
import { ANTI_FRAUD_QUESTIONS } from '../../src/lib/anti-fraud-questions';
import { FRAUD_QUIZ_TAG } from '../../src/lib/anti-fraud';
import { DAILY_COUNT, stemKey } from '../../src/lib/question-rules';

let fixture: TestDb | undefined;
afterEach(() => fixture?.close());

async function setUp(practice: boolean): Promise<{ fixture: TestDb; organiser: number; bankId: number }> {
  fixture = await freshDb('question-sets');
  const organiser = await insertUser(fixture.db, { phone: '13500000401', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  const created = await createBank(fixture.db, { name: '防诈骗', description: '' }, organiser);
  const bankId = created.ok ? created.value.id : 0;
  await setPracticeBank(fixture.db, bankId, practice);
  return { fixture, organiser, bankId };
}

const SET_SIZE = ANTI_FRAUD_QUESTIONS.length;

describe('adding the anti-fraud set to a bank in one step', () => {
  it('adds every question once; adding it again adds nothing and says so', async () => {
    const { fixture, organiser, bankId } = await setUp(true);
    const first = await addQuestionSet(fixture.db, { bankId, setId: 'anti-fraud', actorId: organiser });
    expect(first).toEqual({ ok: true, value: `已加入“防诈骗练习题” ${SET_SIZE} 道题。` });
    const again = await addQuestionSet(fixture.db, { bankId, setId: 'anti-fraud', actorId: organiser });
    expect(again).toEqual({ ok: true, value: `“防诈骗练习题”的 ${SET_SIZE} 道题都已经在这个题库里了，没有重复加入。` });
    const held = await exportQuestions(fixture.db, bankId);
    expect(held.map((question) => stemKey(question.stem)).sort()).toEqual(ANTI_FRAUD_QUESTIONS.map((question) => stemKey(question.stem)).sort());
  });

  it('adds only what is missing when the bank already holds some of the questions', async () => {
    const { fixture, organiser, bankId } = await setUp(true);
    const [one] = ANTI_FRAUD_QUESTIONS;
    await fixture.db.transaction(async (tx) => insertQuestions(tx, bankId, one ? [one] : [], organiser, Date.now()));
    const added = await addQuestionSet(fixture.db, { bankId, setId: 'anti-fraud', actorId: organiser });
    expect(added).toEqual({ ok: true, value: `已加入“防诈骗练习题” ${SET_SIZE - 1} 道题，另外 1 道题库里已经有了，没有重复加入。` });
    expect(await exportQuestions(fixture.db, bankId)).toHaveLength(SET_SIZE);
  });

  it('reaches 每日一练 and the corner quiz of a learner once the bank is used for practice', async () => {
    const { fixture, organiser, bankId } = await setUp(true);
    await addQuestionSet(fixture.db, { bankId, setId: 'anti-fraud', actorId: organiser });
    const learner = await insertUser(fixture.db, { phone: '13500000402', displayName: '学员', branchId: null, passwordHash: null, roles: ['learner'] });
    const today = await dailySet(fixture.db, learner);
    expect(today).toHaveLength(DAILY_COUNT);
    expect(today.every((question) => question.content.tags.includes(FRAUD_QUIZ_TAG))).toBe(true);
    const [question] = today;
    if (!question) throw new Error('no question drawn');
    const key = question.content.answer;
    const answered = await answerPractice(fixture.db, { userId: learner, versionId: question.versionId, raw: key.type === 'fill' ? { type: 'fill', text: key.accepted[0] } : key });
    expect(answered).toMatchObject({ ok: true, value: { correct: true } });
    expect((await quizQuestions(fixture.db, { tag: FRAUD_QUIZ_TAG })).length).toBeGreaterThan(0);
  });

  it('tells the organiser when the bank is not used for practice yet, and 每日一练 does not draw from it', async () => {
    const { fixture, organiser, bankId } = await setUp(false);
    const added = await addQuestionSet(fixture.db, { bankId, setId: 'anti-fraud', actorId: organiser });
    expect(added.ok && added.value).toMatch(/还没有用于日常练习/);
    const learner = await insertUser(fixture.db, { phone: '13500000403', displayName: '学员', branchId: null, passwordHash: null, roles: ['learner'] });
    expect(await dailySet(fixture.db, learner)).toEqual([]);
  });

  it('refuses an unknown bank or set and changes nothing', async () => {
    const { fixture, organiser, bankId } = await setUp(true);
    expect(await addQuestionSet(fixture.db, { bankId: bankId + 99, setId: 'anti-fraud', actorId: organiser })).toMatchObject({ ok: false, error: { message: '没有找到这个题库。' } });
    expect(await addQuestionSet(fixture.db, { bankId, setId: 'no-such-set', actorId: organiser })).toMatchObject({ ok: false });
    expect(await exportQuestions(fixture.db, bankId)).toEqual([]);
  });
});
