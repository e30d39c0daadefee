import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import {
  confirmQuestionImport,
  createBank,
  exportQuestions,
  previewQuestionImport,
  saveQuestionVersion,
  searchQuestions,
  setRetired,
} from '../../src/lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER, questionsToTemplate, validateQuestionRows } from '../../src/lib/question-import';
import { questionVersions } from '../../db/schema';
import { unwrap } from '../../src/lib/result';

let db: Db;
let fixture: TestDb;
let actorId: number;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('bank'));
  actorId = await insertUser(db, { phone: '13600000001', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
});
afterAll(() => {
  fixture.close();
});

const header = [...QUESTION_TEMPLATE_HEADER];
const cell = (values: Record<string, string>): string[] => header.map((name) => values[name] ?? '');
const single = (stem: string): string[] => cell({ 题型: '单选', 题干: stem, 选项A: '甲', 选项B: '乙', 答案: 'B' });

async function newBank(name: string): Promise<number> {
  const created = unwrap(await createBank(db, { name, description: '' }, actorId));
  return created.id;
}

async function importRows(bankId: number, rows: string[][]): Promise<void> {
  const { batchId } = await previewQuestionImport(db, { bankId, actorId, fileName: 't.csv', rows: [header, ...rows] });
  if (batchId === null) throw new Error('nothing to import');
  unwrap(await confirmQuestionImport(db, { bankId, actorId, batchId }));
}

describe('question banks', () => {
  it('refuse a second bank with the same name', async () => {
    await newBank('党史知识');
    expect(await createBank(db, { name: '党史知识', description: '' }, actorId)).toMatchObject({ ok: false });
  });

  it('import nothing at preview, everything valid at confirm, and only once even when confirmed twice at once', async () => {
    const bankId = await newBank('导入测试');
    const { batchId, preview } = await previewQuestionImport(db, {
      bankId,
      actorId,
      fileName: 't.csv',
      rows: [header, single('第一题'), single('第二题'), cell({ 题型: '问答', 题干: '坏题' })],
    });
    expect(preview.valid).toHaveLength(2);
    expect(preview.invalid).toHaveLength(1);
    expect((await searchQuestions(db, bankId, {})).total).toBe(0);
    const both = await Promise.all([1, 2].map(() => confirmQuestionImport(db, { bankId, actorId, batchId: batchId ?? 0 })));
    expect(both.filter((result) => result.ok)).toHaveLength(1);
    expect((await searchQuestions(db, bankId, {})).total).toBe(2);
  });

  it('find stems already in the bank, and the database refuses them even past a stale preview', async () => {
    const bankId = await newBank('重复测试');
    await importRows(bankId, [single('“两个务必”是在哪次会议上提出的？')]);
    const again = await previewQuestionImport(db, { bankId, actorId, fileName: 't.csv', rows: [header, single('“两个务必” 是在哪次会议上提出的?')] });
    expect(again.preview.invalid[0]?.problems.join('')).toContain('已有相同题干');

    const first = await previewQuestionImport(db, { bankId, actorId, fileName: 'a.csv', rows: [header, single('新题目')] });
    const second = await previewQuestionImport(db, { bankId, actorId, fileName: 'b.csv', rows: [header, single('新题目')] });
    expect((await confirmQuestionImport(db, { bankId, actorId, batchId: first.batchId ?? 0 })).ok).toBe(true);
    expect(await confirmQuestionImport(db, { bankId, actorId, batchId: second.batchId ?? 0 })).toMatchObject({ ok: false });
    expect((await searchQuestions(db, bankId, { q: '新题目' })).total).toBe(1);
  });

  it('keep every version when a question is edited', async () => {
    const bankId = await newBank('版本测试');
    await importRows(bankId, [single('原来的题干')]);
    const [row] = (await searchQuestions(db, bankId, {})).rows;
    if (!row) throw new Error('no question');
    const saved = await saveQuestionVersion(db, { questionId: row.id, bankId, content: { ...row.content, stem: '改过的题干' }, actorId });
    expect(saved.ok).toBe(true);
    const versions = await db.select().from(questionVersions).where(eq(questionVersions.questionId, row.id));
    expect(versions.map((v) => [v.version, v.stem])).toEqual([
      [1, '原来的题干'],
      [2, '改过的题干'],
    ]);
    expect((await searchQuestions(db, bankId, {})).rows[0]?.version).toBe(2);
    // Another bank's id cannot be used to edit it.
    expect((await saveQuestionVersion(db, { questionId: row.id, bankId: bankId + 999, content: row.content, actorId })).ok).toBe(false);
  });

  it('retire questions (kept, not listed), and refuse to restore one whose stem is back in use', async () => {
    const bankId = await newBank('停用测试');
    await importRows(bankId, [single('会停用的题')]);
    const id = (await searchQuestions(db, bankId, {})).rows[0]?.id ?? 0;
    expect((await setRetired(db, { bankId, questionIds: [id], retired: true })).ok).toBe(true);
    expect((await searchQuestions(db, bankId, {})).total).toBe(0);
    expect((await searchQuestions(db, bankId, { retired: true })).total).toBe(1);
    await importRows(bankId, [single('会停用的题')]);
    expect(await setRetired(db, { bankId, questionIds: [id], retired: false })).toMatchObject({ ok: false });
  });

  it('export what import reads back unchanged', async () => {
    const bankId = await newBank('往返测试');
    await importRows(bankId, [
      single('单选题'),
      cell({ 题型: '多选', 题干: '多选题', 选项A: '一', 选项B: '二', 选项C: '三', 答案: 'CA', 解析: '说明', 分类: '党章', 标签: '入党，誓词', 难度: '难', 来源: '党章' }),
      cell({ 题型: '判断', 题干: '判断题', 答案: '错' }),
      cell({ 题型: '填空', 题干: '填空题____', 答案: '人民|人民群众' }),
    ]);
    const exported = await exportQuestions(db, bankId);
    const reread = validateQuestionRows(questionsToTemplate(exported), new Set());
    expect(reread.invalid).toEqual([]);
    expect(reread.valid.map((row) => row.question)).toEqual(exported);
  });
});
