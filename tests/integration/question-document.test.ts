import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { confirmQuestionImport, createBank, exportQuestions, searchQuestions } from '../../src/lib/server/question-bank';
import { previewQuestionText, readQuestionDocument } from '../../src/lib/server/question-document';
import { MAX_UNPACKED_BYTES, NOT_A_DOCX, OLD_WORD, PDF_FILE, TOO_BIG_UNPACKED } from '../../src/lib/server/upload-guard';
import { previewQuestionDocumentSchema } from '../../src/schemas/question-text';
import { unwrap } from '../../src/lib/result';
import { makeDocx, type DocxParagraph } from '../fixtures/docx';

/**
 * A bank as organisers' Word documents really look: a title, stray and full-width spaces,
 * full-width punctuation, options two to a line and split by a tab, text in several runs, a question
 * split over two paragraphs, options after Shift+Enter line breaks, an answer in the blank, a
 * question without an answer, and a section in Word's automatic numbering.
 */
const MESSY: DocxParagraph[] = [
  '  2024 年 老干部知识竞赛 题库  ',
  '一、单选题（每题 2 分）',
  ' 1 ．中国共产党第一次全国代表大会于（  ）召开。',
  'A．1921年   B．1927年',
  'C．1949年\tD．1978年',
  '答案： A',
  '解析：中共一大 1921 年 7 月召开。',
  { runs: ['2、党的十八大以来，以习近平同志为核心的党', '中央提出了（ ）'] },
  { runs: ['A、“四个全面”战略', '布局 　B、“五位一体”总体布局'] },
  '【答案】A',
  '3. 全面从严治党，',
  '永远在路上。这句话出自（ ）',
  'Ａ．十九大报告　Ｂ．二十大报告',
  '答案：B',
  '4. 下列哪一项是党的根本组织原则（ ）',
  'A. 民主集中制  B. 集体领导',
  '二、多选题',
  '5．下列属于“四个意识”的有（ ）\nA、政治意识\nB、大局意识\nC、核心意识\nD、服务意识',
  '答案：ABC',
  '三、判断题',
  '6、党员应当按期交纳党费。（ √ ）',
  '四、填空题',
  '7. 中国共产党的最高理想和最终目标是实现____。',
  '答案：共产主义',
  '五、单选题',
  { runs: '我国的首都是（ ）', list: 0 },
  { runs: '上海', list: 1 },
  { runs: '北京', list: 1 },
  '答案：B',
];

const common = { explanation: '', category: '', tags: [], difficulty: 2, source: '' };

let db: Db;
let fixture: TestDb;
let actorId: number;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('question-document'));
  actorId = await insertUser(db, { phone: '13900000780', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
});
afterAll(() => {
  fixture.close();
});

describe('a Word question bank', () => {
  it('is read question by question from a messy document, the unreadable shown as written, and nothing stored until confirmed', async () => {
    const bank = unwrap(await createBank(db, { name: 'Word题库', description: '' }, actorId));
    const text = await readQuestionDocument({ name: '题库.docx', bytes: await makeDocx(MESSY) });
    const preview = await previewQuestionText(db, { bankId: bank.id, actorId, fileName: '题库.docx', text });

    expect(preview.fileErrors).toEqual([]);
    expect(preview.invalid).toEqual([
      { line: 1, text: '2024 年 老干部知识竞赛 题库', problems: [expect.stringContaining('不在任何一道题里')] },
      { line: 15, text: '4. 下列哪一项是党的根本组织原则（ ）\nA. 民主集中制 B. 集体领导', problems: [expect.stringContaining('没有填答案')] },
    ]);
    expect(preview.valid.map((question) => question.stem)).toEqual([
      '中国共产党第一次全国代表大会于（ ）召开。',
      '党的十八大以来，以习近平同志为核心的党中央提出了（ ）',
      '全面从严治党，永远在路上。这句话出自（ ）',
      '下列属于“四个意识”的有（ ）',
      '党员应当按期交纳党费。（ ）',
      '中国共产党的最高理想和最终目标是实现____。',
      '我国的首都是（ ）',
    ]);
    expect((await searchQuestions(db, bank.id, {})).total).toBe(0);

    const imported = unwrap(await confirmQuestionImport(db, { bankId: bank.id, actorId, batchId: preview.batchId ?? 0 }));
    expect(imported.count).toBe(7);
    const stored = await exportQuestions(db, bank.id);
    const byStem = (start: string) => stored.find((question) => question.stem.startsWith(start));
    expect(byStem('中国共产党第一次')).toEqual({
      ...common,
      type: 'single',
      stem: '中国共产党第一次全国代表大会于（ ）召开。',
      options: ['1921年', '1927年', '1949年', '1978年'],
      answer: { type: 'single', option: 0 },
      explanation: '中共一大 1921 年 7 月召开。',
    });
    expect(byStem('党的十八大')).toMatchObject({ options: ['“四个全面”战略布局', '“五位一体”总体布局'], answer: { type: 'single', option: 0 } });
    expect(byStem('全面从严治党')).toMatchObject({ options: ['十九大报告', '二十大报告'], answer: { type: 'single', option: 1 } });
    expect(byStem('下列属于')).toMatchObject({ type: 'multiple', options: ['政治意识', '大局意识', '核心意识', '服务意识'], answer: { type: 'multiple', options: [0, 1, 2] } });
    expect(byStem('党员应当')).toMatchObject({ type: 'truefalse', options: [], answer: { type: 'truefalse', value: true } });
    expect(byStem('中国共产党的最高理想')).toMatchObject({ type: 'fill', answer: { type: 'fill', accepted: ['共产主义'] } });
    // Word's automatic numbering: the question's number and the options' letters are not in the text.
    expect(byStem('我国的首都')).toMatchObject({ type: 'single', options: ['上海', '北京'], answer: { type: 'single', option: 1 } });
  });

  it('without a single question says so and shows the first lines read', async () => {
    const bank = unwrap(await createBank(db, { name: '空题库', description: '' }, actorId));
    const text = await readQuestionDocument({ name: '通知.docx', bytes: await makeDocx(['关于举办知识竞赛的通知', '各党支部：', '现将有关事项通知如下。']) });
    const preview = await previewQuestionText(db, { bankId: bank.id, actorId, fileName: '通知.docx', text });
    expect(preview.batchId).toBeNull();
    expect(preview.fileErrors).toEqual([expect.stringContaining('没有找到题目'), '读到的前几行是：“关于举办知识竞赛的通知” “各党支部：” “现将有关事项通知如下。”']);
  });

  it('refuses an old .doc, a PDF and a broken file, whatever they are called, and a zip bomb, before reading them', async () => {
    const named = (bytes: Uint8Array) => readQuestionDocument({ name: '题库.docx', bytes });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(500).fill(0)]);
    await expect(named(ole)).rejects.toThrow(OLD_WORD);
    await expect(named(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).rejects.toThrow(PDF_FILE);
    await expect(named(new TextEncoder().encode('1. 题目\n答案：对'))).rejects.toThrow(NOT_A_DOCX);
    const bomb = await makeDocx(['1. 题目。', '答案：对'], { 'word/media/padding.bin': new Uint8Array(MAX_UNPACKED_BYTES + 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(named(bomb)).rejects.toThrow(TOO_BIG_UNPACKED);
  });

  it('tells someone choosing a .doc or a .pdf how to make it a .docx or paste its text', () => {
    const problem = (name: string) => {
      const parsed = previewQuestionDocumentSchema.safeParse({ bankId: '1', document: new File([new Uint8Array([1, 2, 3])], name) });
      return parsed.success ? undefined : parsed.error.issues[0]?.message;
    };
    expect(problem('题库.doc')).toBe(OLD_WORD);
    expect(problem('题库.PDF')).toBe(PDF_FILE);
    expect(problem('题库.xlsx')).toContain('只能上传 Word 文档（.docx）');
    expect(problem('题库.docx')).toBeUndefined();
  });
});
