import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@libsql/client';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { confirmQuestionImport, createBank, previewQuestionImport } from '../../src/lib/server/question-bank';
import { answerPractice, answeredSince, dailySet, setPracticeBank, wrongBook } from '../../src/lib/server/practice';
import { QUESTION_TEMPLATE_HEADER } from '../../src/lib/question-import';
import { beijingDayStart } from '../../src/lib/beijing-time';
import { ok } from '../../src/lib/result';
import { EMPTY_FILL } from '../../src/lib/question-rules';

let db: Db;
let client: Client;
let fixture: TestDb;
let organiser: number;

beforeAll(async () => {
  ({ db, client } = fixture = await freshDb('practice'));
  organiser = await insertUser(db, { phone: '13500000001', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
});
afterAll(() => {
  fixture.close();
});

const header = [...QUESTION_TEMPLATE_HEADER];
const truefalse = (stem: string, answer: '对' | '错'): string[] => header.map((name) => ({ 题型: '判断', 题干: stem, 答案: answer })[name] ?? '');

async function bankWith(name: string, stems: string[], practice: boolean): Promise<number> {
  const created = await createBank(db, { name, description: '' }, organiser);
  const bankId = created.ok ? created.value.id : 0;
  const { batchId } = await previewQuestionImport(db, { bankId, actorId: organiser, fileName: 'x.csv', rows: [header, ...stems.map((stem) => truefalse(stem, '对'))] });
  await confirmQuestionImport(db, { bankId, actorId: organiser, batchId: batchId ?? 0 });
  await setPracticeBank(db, bankId, practice);
  return bankId;
}

describe('practice', () => {
  it('draws the daily set from practice banks only, once a day, the same in two tabs', async () => {
    await bankWith('练习库', ['练习一', '练习二', '练习三', '练习四', '练习五', '练习六', '练习七'], true);
    await bankWith('竞赛库', ['竞赛一', '竞赛二'], false);
    const learner = await insertUser(db, { phone: '13500000002', displayName: '学员', branchId: null, passwordHash: null, roles: ['learner'] });
    const [a, b] = await Promise.all([dailySet(db, learner), dailySet(db, learner)]);
    expect(a).toHaveLength(5);
    expect(b.map((q) => q.versionId)).toEqual(a.map((q) => q.versionId));
    expect(a.every((q) => q.content.stem.startsWith('练习'))).toBe(true);
    const tomorrow = await dailySet(db, learner, Date.now() + 24 * 60 * 60 * 1000);
    expect(tomorrow).toHaveLength(5);
  });

  it('judges answers to practice questions only, and keeps the wrong ones in the book until answered right', async () => {
    const learner = await insertUser(db, { phone: '13500000003', displayName: '学员乙', branchId: null, passwordHash: null, roles: ['learner'] });
    const [question] = await dailySet(db, learner);
    if (!question) throw new Error('no question');
    expect(await answerPractice(db, { userId: learner, versionId: question.versionId, raw: { type: 'single', option: 0 } })).toMatchObject({ ok: false });
    const wrong = await answerPractice(db, { userId: learner, versionId: question.versionId, raw: { type: 'truefalse', value: false } });
    expect(wrong).toMatchObject(ok({ correct: false }));
    expect((await wrongBook(db, learner)).map((q) => q.questionId)).toEqual([question.questionId]);
    expect((await answeredSince(db, learner, [question.versionId], beijingDayStart(Date.now()))).get(question.versionId)).toBe(false);
    const right = await answerPractice(db, { userId: learner, versionId: question.versionId, raw: { type: 'truefalse', value: true } });
    expect(right).toMatchObject(ok({ correct: true }));
    expect(await wrongBook(db, learner)).toEqual([]);

    const contest = await bankWith('另一竞赛库', ['保密题'], false);
    const hidden = await client.execute({ sql: 'select v.id from question_versions v join questions q on q.id = v.question_id where q.bank_id = ?', args: [contest] });
    const versionId = Number(hidden.rows[0]?.id);
    expect(await answerPractice(db, { userId: learner, versionId, raw: { type: 'truefalse', value: true } })).toMatchObject({ ok: false });
  });

  it('judges a 填空 answer like a person would, shows what was typed, and refuses an answer of only punctuation', async () => {
    const created = await createBank(db, { name: '填空练习库', description: '' }, organiser);
    const bankId = created.ok ? created.value.id : 0;
    const row = header.map((name) => ({ 题型: '填空', 题干: '2012年12月，中央政治局审议通过了____。', 答案: '八项规定|中央八项规定' })[name] ?? '');
    const { batchId } = await previewQuestionImport(db, { bankId, actorId: organiser, fileName: 'x.csv', rows: [header, row] });
    await confirmQuestionImport(db, { bankId, actorId: organiser, batchId: batchId ?? 0 });
    await setPracticeBank(db, bankId, true);
    const found = await client.execute({ sql: 'select v.id from question_versions v join questions q on q.id = v.question_id where q.bank_id = ?', args: [bankId] });
    const versionId = Number(found.rows[0]?.id);
    const learner = await insertUser(db, { phone: '13500000004', displayName: '学员丙', branchId: null, passwordHash: null, roles: ['learner'] });

    expect(await answerPractice(db, { userId: learner, versionId, raw: { type: 'fill', text: ' 8项 规定。' } })).toEqual(
      ok({ correct: true, questionId: expect.any(Number), versionId, given: '8项 规定。' }),
    );
    expect(await answerPractice(db, { userId: learner, versionId, raw: { type: 'fill', text: '中央８项规定' } })).toMatchObject(ok({ correct: true }));
    const before = await client.execute({ sql: 'select count(*) as n from practice_answers where user_id = ?', args: [learner] });
    const empty = await answerPractice(db, { userId: learner, versionId, raw: { type: 'fill', text: ' 。，“” ' } });
    expect(empty).toMatchObject({ ok: false, error: { message: EMPTY_FILL } });
    const after = await client.execute({ sql: 'select count(*) as n from practice_answers where user_id = ?', args: [learner] });
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    expect(await answerPractice(db, { userId: learner, versionId, raw: { type: 'fill', text: '六项规定' } })).toMatchObject(ok({ correct: false, given: '六项规定' }));
  });
});
