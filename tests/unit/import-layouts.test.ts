import { describe, expect, it } from 'vitest';
import { applyChosenFields, groupLayouts, SKIP } from '../../src/lib/column-matching';
import {
  planQuestionImport,
  previewQuestionSheets,
  QUESTION_FIELDS,
  QUESTION_TEMPLATE_HEADER,
  questionLayoutsRecognised,
  questionsToTemplate,
  splitOptions,
  validateQuestionRows,
  type QuestionSheetLayout,
} from '../../src/lib/question-import';
import { learnerLayoutRecognised, planLearnerImport, previewLearnerRows, withoutIgnoredColumns } from '../../src/lib/learner-import';
import { isCorrect, type QuestionContent } from '../../src/lib/question-rules';
import { parseXlsxSheets } from '../../src/lib/spreadsheet';
import { colleagueWorkbook, rosterWorkbook, sheetPerTypeWorkbook, wjxWorkbook } from '../fixtures/import-layouts';

const base: Pick<QuestionContent, 'explanation' | 'category' | 'tags' | 'difficulty' | 'source'> = { explanation: '', category: '', tags: [], difficulty: 2, source: '' };
const fields = (layout: QuestionSheetLayout | undefined): string[] => layout?.columns.map((column) => column.field) ?? [];

describe('question import: other layouts', () => {
  it('reads a 问卷星-style export under a title row at once: every column known, all ten questions right', async () => {
    const sheets = await parseXlsxSheets(await wjxWorkbook());
    const layouts = planQuestionImport(sheets);
    expect(layouts).toHaveLength(1);
    expect(layouts[0]?.headerIndex).toBe(1);
    expect(fields(layouts[0])).toEqual([SKIP, '题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', SKIP]);
    expect(questionLayoutsRecognised(layouts)).toBe(true);
    const preview = previewQuestionSheets(sheets, layouts, new Set());
    expect(preview.fileErrors).toEqual([]);
    expect(preview.invalid).toEqual([]);
    const questions = preview.valid.map((row) => row.question);
    expect(preview.valid.map((row) => row.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(questions[0]).toEqual({ ...base, type: 'single', stem: '中国共产党第一次全国代表大会在哪一年召开？', options: ['1919年', '1921年', '1927年', '1949年'], answer: { type: 'single', option: 1 }, explanation: '1921年7月召开。' });
    expect(questions[1]?.answer).toEqual({ type: 'single', option: 0 });
    expect(questions.slice(2, 5).map((question) => question.answer)).toEqual([
      { type: 'multiple', options: [0, 1, 2] },
      { type: 'multiple', options: [0, 2, 3] },
      { type: 'multiple', options: [0, 1, 2] },
    ]);
    // 判断 written as a choice (A 正确 / B 错误, answer A), as ×, as 正确.
    expect(questions.slice(5, 8).map((question) => [question.options, question.answer])).toEqual([
      [[], { type: 'truefalse', value: true }],
      [[], { type: 'truefalse', value: false }],
      [[], { type: 'truefalse', value: true }],
    ]);
    expect(questions[8]?.answer).toEqual({ type: 'fill', accepted: ['人民', '人民群众'] });
    // Several blanks: one answer, the blanks in order; the learner may separate them any way.
    const twoBlanks = questions[9] as QuestionContent;
    expect(twoBlanks.answer).toEqual({ type: 'fill', accepted: ['密切联系群众；批评与自我批评'] });
    expect(isCorrect(twoBlanks, { type: 'fill', text: '密切联系群众 批评与自我批评' })).toBe(true);
    expect(isCorrect(twoBlanks, { type: 'fill', text: '批评与自我批评' })).toBe(false);
  });

  it('asks about a column it does not know, guessing the rest; the organiser’s choice is re-checked on every row', async () => {
    const sheets = await parseXlsxSheets(await colleagueWorkbook());
    const layouts = planQuestionImport(sheets);
    expect(fields(layouts[0])).toEqual(['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', SKIP]);
    expect(layouts[0]?.columns.map((column) => column.known)).toEqual([true, true, true, true, true, true, true, false]);
    expect(layouts[0]?.columns[7]).toMatchObject({ header: '出题人', sample: '王老师' });
    expect(questionLayoutsRecognised(layouts)).toBe(false);
    // The guesses already give a full preview …
    expect(previewQuestionSheets(sheets, layouts, new Set()).valid).toHaveLength(10);
    // … and a wrong choice is explained, not imported.
    const wrong = applyChosenFields(layouts, ['题干', '选项A', '选项B', '选项C', '选项D', SKIP, '题型', '解析'], QUESTION_FIELDS);
    if (typeof wrong === 'string') throw new Error(wrong);
    expect(previewQuestionSheets(sheets, wrong, new Set()).fileErrors).toEqual([expect.stringMatching(/还没有哪一列对应“答案”/)]);
    const twice = applyChosenFields(layouts, ['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', '题干'], QUESTION_FIELDS);
    if (typeof twice === 'string') throw new Error(twice);
    expect(previewQuestionSheets(sheets, twice, new Set()).fileErrors).toEqual([expect.stringMatching(/“题干”“出题人”这几列都选了“题干”/)]);
    const right = applyChosenFields(layouts, ['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', '来源'], QUESTION_FIELDS);
    if (typeof right === 'string') throw new Error(right);
    expect(previewQuestionSheets(sheets, right, new Set()).valid.map((row) => row.question.source)).toEqual(Array(10).fill('王老师'));
    // Choices that do not fit the file (tampered, or another file's) are refused.
    expect(applyChosenFields(layouts, ['题干'], QUESTION_FIELDS)).toMatch(/对不上/);
    expect(applyChosenFields(layouts, [...fields(layouts[0]).slice(0, 7), '密码'], QUESTION_FIELDS)).toMatch(/对不上/);
  });

  it('reuses a saved matching for a file with the same columns', async () => {
    const sheets = await parseXlsxSheets(await colleagueWorkbook(2));
    const [group] = groupLayouts(planQuestionImport(sheets));
    const saved = ['题干', '选项A', '选项B', '选项C', '选项D', '答案', '题型', '来源'];
    const layouts = planQuestionImport(sheets, (signature) => (signature === group?.signature ? saved : undefined));
    expect(fields(layouts[0])).toEqual(saved);
    expect(questionLayoutsRecognised(layouts)).toBe(true);
    // A saved matching for other columns is not applied.
    expect(fields(planQuestionImport(sheets, () => ['题干'])[0])[7]).toBe(SKIP);
  });

  it('reads one sheet per type: the type from the sheet’s name, options in one cell, merged and numeric cells, the 说明 sheet left out', async () => {
    const sheets = await parseXlsxSheets(await sheetPerTypeWorkbook());
    const layouts = planQuestionImport(sheets);
    expect(layouts.map((layout) => [layout.sheet, layout.typeFromSheet])).toEqual([
      ['单选题', 'single'],
      ['多选题', 'multiple'],
      ['判断题', 'truefalse'],
      ['填空题', 'fill'],
    ]);
    expect(groupLayouts(layouts).map((group) => group.sheets)).toEqual([['单选题', '多选题', '判断题', '填空题']]);
    expect(questionLayoutsRecognised(layouts)).toBe(true);
    const preview = previewQuestionSheets(sheets, layouts, new Set());
    expect(preview.invalid).toEqual([]);
    expect(preview.valid.map((row) => [row.sheet, row.row])).toEqual([
      ['单选题', 2], ['单选题', 3], ['单选题', 4], ['多选题', 2], ['多选题', 3], ['判断题', 2], ['判断题', 3], ['填空题', 2], ['填空题', 3],
    ]);
    const [a, b, c, d, e, f, g, h] = preview.valid.map((row) => row.question);
    expect(a).toMatchObject({ type: 'single', options: ['实现共产主义', '全面小康', '改革开放'], answer: { type: 'single', option: 0 }, category: '党章' });
    expect(b).toMatchObject({ options: ['民主集中制', '集体领导', '个人分工负责'], category: '党章' });
    expect(c).toMatchObject({ options: ['人民民主专政', '联邦制', '君主立宪'], category: '常识' });
    expect(d).toMatchObject({ type: 'multiple', options: ['富强', '民主', '文明', '封建'], answer: { type: 'multiple', options: [0, 1, 2] } });
    expect(e?.answer).toEqual({ type: 'multiple', options: [0, 1] });
    expect([f?.answer, g?.answer, g?.options]).toEqual([{ type: 'truefalse', value: true }, { type: 'truefalse', value: false }, []]);
    expect(h?.answer).toEqual({ type: 'fill', accepted: ['1921'] });
  });

  it('names the sheet in each row’s problem when several sheets are imported together', async () => {
    const sheets = [
      { name: '单选题', rows: [['题目', '选项', '答案'], ['一加一等于几？', 'A.1 B.2', 'C'], ['重复的题', 'A.甲 B.乙', 'A']] },
      { name: '多选题', rows: [['题目', '选项', '答案'], ['重复的题', 'A.甲 B.乙 C.丙', 'AB']] },
    ];
    const preview = previewQuestionSheets(sheets, planQuestionImport(sheets), new Set());
    expect(preview.invalid).toEqual([
      { row: 2, sheet: '单选题', stem: '一加一等于几？', problems: [expect.stringMatching(/没有选项C/)] },
      { row: 2, sheet: '多选题', stem: '重复的题', problems: ['和工作表“单选题”第3行的题干重复。请删掉其中一行，或改一改题干。'] },
    ]);
    // A sheet without a type column whose name is no type asks for the column.
    const untyped = [{ name: 'Sheet1', rows: [['题目', '答案'], ['题', '对']] }];
    expect(questionLayoutsRecognised(planQuestionImport(untyped))).toBe(false);
    expect(previewQuestionSheets(untyped, planQuestionImport(untyped), new Set()).fileErrors).toEqual([expect.stringMatching(/还没有哪一列对应“题型”/)]);
  });

  it('splits options written in one cell in every usual way, and refuses what it cannot split', () => {
    expect(splitOptions('A.北京 B.上海')).toEqual(['北京', '上海']);
    expect(splitOptions('A、北京\nB、上海\nC、广州')).toEqual(['北京', '上海', '广州']);
    expect(splitOptions('A．北京；B．上海；')).toEqual(['北京', '上海']);
    expect(splitOptions('(A)北京 (B)上海')).toEqual(['北京', '上海']);
    expect(splitOptions('（A）北京（B）上海')).toEqual(['北京', '上海']);
    expect(splitOptions('Ａ．北京　Ｂ．上海')).toEqual(['北京', '上海']);
    expect(splitOptions('A:维生素A B:维生素B')).toEqual(['维生素A', '维生素B']);
    expect(splitOptions('北京 上海')).toBeUndefined();
    expect(splitOptions('A.北京')).toBeUndefined();
    expect(splitOptions('B.北京 C.上海')).toBeUndefined();
    expect(splitOptions('A. B.上海')).toBeUndefined();
    const [row] = validateQuestionRows([['题型', '题干', '选项', '答案'], ['单选', '题', '北京 上海', 'A']], new Set()).invalid;
    expect(row?.problems).toEqual([expect.stringMatching(/分不出一个个选项/), expect.stringMatching(/至少要有2个选项/), expect.stringMatching(/没有选项A/)]);
  });

  it('leaves the template as it was: its own export round-trips exactly, with no matching step', () => {
    const questions: QuestionContent[] = [
      { ...base, type: 'single', stem: '单选？', options: ['A.甲', 'B.乙'], answer: { type: 'single', option: 1 } },
      { ...base, type: 'truefalse', stem: '判断。', options: [], answer: { type: 'truefalse', value: false } },
      { ...base, type: 'multiple', stem: '多选？', options: ['正确', '错误', '都不对'], answer: { type: 'multiple', options: [0, 2] } },
    ];
    const rows = questionsToTemplate(questions);
    expect(rows[0]).toEqual([...QUESTION_TEMPLATE_HEADER]);
    const layouts = planQuestionImport([{ name: '题库', rows }]);
    expect(questionLayoutsRecognised(layouts)).toBe(true);
    expect(previewQuestionSheets([{ name: '题库', rows }], layouts, new Set()).valid.map((row) => row.question)).toEqual(questions);
  });
});

describe('people import: rosters (花名册)', () => {
  const context = { existingPhones: new Set<string>(), branches: new Map([['第一党支部', 1]]) };

  it('reads a district roster under its title rows, phones as numbers or with spaces and dashes, offering the new 党支部', async () => {
    const [sheet] = await parseXlsxSheets(await rosterWorkbook());
    const rows = sheet?.rows ?? [];
    const layout = planLearnerImport(rows);
    if (!layout) throw new Error('no layout');
    expect(layout.headerIndex).toBe(2);
    expect(layout.columns.map((column) => column.field)).toEqual([SKIP, '姓名', SKIP, SKIP, SKIP, '手机号', '党支部', SKIP]);
    expect(learnerLayoutRecognised(layout)).toBe(true);
    const preview = previewLearnerRows(rows, layout, context);
    expect(preview.invalid).toEqual([]);
    expect(preview.valid).toEqual([
      { row: 4, name: '王秀英', phone: '13900000771', branchId: 1 },
      { row: 5, name: '李建国', phone: '13900000772', branchId: 1 },
      { row: 6, name: '张桂兰', phone: '13900000773', branchId: null, newBranch: '老干部局第三党支部' },
      { row: 7, name: '赵德明', phone: '13900000774', branchId: null, newBranch: '老干部局第三党支部' },
    ]);
    expect(preview.newBranches).toEqual([{ name: '老干部局第三党支部', rows: 2 }]);
    // Nothing but name, phone and branch reaches a valid row: no 身份证号, 性别, 出生年月 or 备注.
    expect(JSON.stringify(preview)).not.toMatch(/1101011950|女|1950|行动不便/);
  });

  it('asks about columns it does not know, and never holds the personal columns it does', () => {
    const rows = [
      ['离退休干部名单'],
      ['姓名', '身份证号码', '性别', '手机', '组别', '爱好'],
      ['王秀英', '110101195003011234', '女', '13900000775', '第一党支部', '书法'],
    ];
    const layout = planLearnerImport(rows);
    if (!layout) throw new Error('no layout');
    expect(layout.headerIndex).toBe(1);
    expect(layout.columns.map((column) => [column.header, column.field, column.known])).toEqual([
      ['姓名', '姓名', true],
      ['身份证号码', SKIP, true],
      ['性别', SKIP, true],
      ['手机', '手机号', true],
      ['组别', SKIP, false],
      ['爱好', SKIP, false],
    ]);
    expect(learnerLayoutRecognised(layout)).toBe(false);
    expect(previewLearnerRows(rows, layout, context).fileErrors).toEqual([expect.stringMatching(/还没有哪一列对应“党支部”/)]);
    const held = withoutIgnoredColumns(rows, layout);
    expect(held).toEqual([rows[0], rows[1], ['王秀英', '', '', '13900000775', '第一党支部', '书法']]);
    const chosen = applyChosenFields([layout], ['姓名', SKIP, SKIP, '手机号', '党支部', SKIP], ['姓名', '手机号', '党支部', SKIP]);
    if (typeof chosen === 'string' || !chosen[0]) throw new Error('not applied');
    expect(previewLearnerRows(held, chosen[0], context).valid).toEqual([{ row: 3, name: '王秀英', phone: '13900000775', branchId: 1 }]);
  });
});
