import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { confirmQuestionImport, createBank, exportQuestions, previewQuestionImport, recheckQuestionImport } from '../../src/lib/server/question-bank';
import { confirmImport, previewImport, recheckImport } from '../../src/lib/server/learner-import-store';
import { branches, importBatches, questions, users } from '../../db/schema';
import { unwrap } from '../../src/lib/result';
import { parseXlsxSheets } from '../../src/lib/spreadsheet';
import { SKIP } from '../../src/lib/column-matching';
import { colleagueWorkbook, rosterWorkbook, sheetPerTypeWorkbook } from '../fixtures/import-layouts';

let db: Db;
let fixture: TestDb;
let organiser: number;
let otherOrganiser: number;
let admin: number;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('matching'));
  organiser = await insertUser(db, { phone: '13900000760', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  otherOrganiser = await insertUser(db, { phone: '13900000761', displayName: '另一位组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  admin = await insertUser(db, { phone: '13900000762', displayName: '管理员', branchId: null, passwordHash: null, roles: ['admin'] });
  await db.insert(branches).values({ name: '第一党支部', createdAt: Date.now() });
});
afterAll(() => {
  fixture.close();
});

const batchKinds = async (): Promise<string[]> => (await db.select({ kind: importBatches.kind }).from(importBatches)).map((row) => row.kind);
const countQuestions = async (bankId: number): Promise<number> => (await db.select().from(questions).where(eq(questions.bankId, bankId))).length;

describe('question import with column matching', () => {
  it('holds a file whose columns need matching, re-checks it with the organiser’s choice, saves that for next time, and writes nothing until confirmed', async () => {
    const bankId = unwrap(await createBank(db, { name: '同事的题库', description: '' }, organiser)).id;
    const sheets = await parseXlsxSheets(await colleagueWorkbook(3));
    const first = await previewQuestionImport(db, { bankId, actorId: organiser, fileName: '同事.xlsx', sheets });
    expect(first.matching?.groups[0]?.columns.map((column) => column.field)).toEqual(['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', SKIP]);
    expect(first.preview.valid).toHaveLength(3);
    const sourceId = first.matching?.sourceId ?? 0;

    // Someone else cannot re-check this organiser's file.
    expect(await recheckQuestionImport(db, { bankId, actorId: otherOrganiser, sourceId, fields: [], save: false })).toMatchObject({ ok: false });
    const fields = ['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', '来源'];
    const rechecked = unwrap(await recheckQuestionImport(db, { bankId, actorId: organiser, sourceId, fields, save: true }));
    expect(rechecked.fileName).toBe('同事.xlsx');
    expect(rechecked.preview.valid.map((row) => row.question.source)).toEqual(['王老师', '王老师', '王老师']);
    expect(await countQuestions(bankId)).toBe(0);

    unwrap(await confirmQuestionImport(db, { bankId, actorId: organiser, batchId: rechecked.batchId ?? 0, sourceId }));
    expect((await exportQuestions(db, bankId)).map((question) => question.source)).toEqual(['王老师', '王老师', '王老师']);
    // The held file is gone once imported: a re-check after that is refused.
    expect(await recheckQuestionImport(db, { bankId, actorId: organiser, sourceId, fields, save: false })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/请重新上传文件/) } });
    expect(await batchKinds()).not.toContain('questions-source');

    // The next file with the same columns uses the saved matching: no matching step, straight to the rows.
    const otherBank = unwrap(await createBank(db, { name: '下一个题库', description: '' }, otherOrganiser)).id;
    const next = await previewQuestionImport(db, { bankId: otherBank, actorId: otherOrganiser, fileName: '下一份.xlsx', sheets });
    expect(next.matching).toBeNull();
    expect(next.preview.valid.map((row) => row.question.source)).toEqual(['王老师', '王老师', '王老师']);
  });

  it('imports a workbook with one sheet per type in one go, straight away', async () => {
    const bankId = unwrap(await createBank(db, { name: '分题型的题库', description: '' }, organiser)).id;
    const outcome = await previewQuestionImport(db, { bankId, actorId: organiser, fileName: '分题型.xlsx', sheets: await parseXlsxSheets(await sheetPerTypeWorkbook()) });
    expect(outcome.matching).toBeNull();
    expect(outcome.preview.invalid).toEqual([]);
    expect(await countQuestions(bankId)).toBe(0);
    unwrap(await confirmQuestionImport(db, { bankId, actorId: organiser, batchId: outcome.batchId ?? 0 }));
    expect((await exportQuestions(db, bankId)).map((question) => question.type)).toEqual(['single', 'single', 'single', 'multiple', 'multiple', 'truefalse', 'truefalse', 'fill', 'fill']);
  });
});

describe('people import from a 花名册', () => {
  it('creates only the new 党支部 the admin ticked, imports only matched columns, and keeps no file afterwards', async () => {
    const [sheet] = await parseXlsxSheets(await rosterWorkbook());
    const outcome = await previewImport(db, admin, '花名册.xlsx', sheet?.rows ?? []);
    expect(outcome.matching).toBeNull();
    expect(outcome.preview.newBranches).toEqual([{ name: '老干部局第三党支部', rows: 2 }]);
    expect(await db.select().from(branches)).toHaveLength(1);

    // Not ticked: those rows wait, the branch is not created.
    const unticked = unwrap(await confirmImport(db, admin, outcome.batchId ?? 0, { newBranches: [] }));
    expect(unticked.imported.map((person) => person.name)).toEqual(['王秀英', '李建国']);
    expect(unticked.skipped.map((row) => row.reason)).toEqual([expect.stringMatching(/没有勾选新建党支部“老干部局第三党支部”/), expect.stringMatching(/没有勾选/)]);
    expect(await db.select().from(branches)).toHaveLength(1);

    // Uploaded again and ticked: the branch is created once and both people join it.
    const again = await previewImport(db, admin, '花名册.xlsx', sheet?.rows ?? []);
    const ticked = unwrap(await confirmImport(db, admin, again.batchId ?? 0, { newBranches: ['老干部局第三党支部'] }));
    expect(ticked.createdBranches).toEqual(['老干部局第三党支部']);
    expect(ticked.imported.map((person) => [person.name, person.branchName])).toEqual([
      ['张桂兰', '老干部局第三党支部'],
      ['赵德明', '老干部局第三党支部'],
    ]);
    const stored = await db.select().from(users).where(eq(users.phone, '13900000773'));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/110101|1952|女/);
  });

  it('holds a roster that needs matching without its personal columns, and deletes it once imported', async () => {
    const rows = [
      ['离退休干部名单'],
      ['姓名', '身份证号码', '手机', '组别'],
      ['钱学英', '110101195003011299', '13900000776', '第一党支部'],
    ];
    const outcome = await previewImport(db, admin, '名单.xlsx', rows);
    const sourceId = outcome.matching?.sourceId ?? 0;
    expect(outcome.batchId).toBeNull();
    const held = await db.select({ rows: importBatches.rows }).from(importBatches).where(eq(importBatches.id, sourceId));
    expect(held[0]?.rows).toContain('钱学英');
    expect(held[0]?.rows).not.toContain('110101195003011299');

    const rechecked = unwrap(await recheckImport(db, { actorId: admin, sourceId, fields: ['姓名', SKIP, '手机号', '党支部'], save: false }));
    expect(rechecked.preview.valid).toEqual([{ row: 3, name: '钱学英', phone: '13900000776', branchId: 1 }]);
    unwrap(await confirmImport(db, admin, rechecked.batchId ?? 0, { sourceId }));
    expect(await db.select().from(importBatches).where(eq(importBatches.id, sourceId))).toEqual([]);
  });
});
