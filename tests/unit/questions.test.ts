import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isCorrect,
  fillAnswerKey,
  normalizeFillAnswer,
  PARTIAL_CREDIT_RULES,
  scoreResponse,
  stemKey,
  validateResponse,
  type AnswerKey,
  type QuestionContent,
  type QuestionResponse,
} from '../../src/lib/question-rules';
import {
  MAX_QUESTION_ROWS,
  QUESTION_TEMPLATE_HEADER,
  questionToTemplateRow,
  questionsToTemplate,
  validateQuestionRows,
} from '../../src/lib/question-import';

const FOUR = ['北京', '上海', '广州', '深圳'];
const single = { options: FOUR, answer: { type: 'single', option: 1 } } satisfies Pick<QuestionContent, 'answer' | 'options'>;
const multiple = { options: FOUR, answer: { type: 'multiple', options: [0, 2, 3] } } satisfies Pick<QuestionContent, 'answer' | 'options'>;
const trueFalse = { options: [], answer: { type: 'truefalse', value: false } } satisfies Pick<QuestionContent, 'answer' | 'options'>;
const fill = { options: [], answer: { type: 'fill', accepted: ['《论语》', 'Lun Yu'] } } satisfies Pick<QuestionContent, 'answer' | 'options'>;
const choose = (...options: number[]): QuestionResponse => ({ type: 'multiple', options });

describe('questions: judging a response', () => {
  it('judges 单选 by the option index, refusing other types and indexes out of range', () => {
    expect(isCorrect(single, { type: 'single', option: 1 })).toBe(true);
    expect(isCorrect(single, { type: 'single', option: 0 })).toBe(false);
    expect(isCorrect(single, { type: 'single', option: 9 })).toBe(false);
    expect(isCorrect(single, { type: 'single', option: 1.5 })).toBe(false);
    expect(isCorrect(single, choose(1))).toBe(false);
    expect(isCorrect(single, { type: 'truefalse', value: true })).toBe(false);
  });

  it('judges 多选 by the set of options, whatever the order or repeats', () => {
    expect(isCorrect(multiple, choose(0, 2, 3))).toBe(true);
    expect(isCorrect(multiple, choose(3, 0, 2, 2))).toBe(true);
    expect(isCorrect(multiple, choose(0, 2))).toBe(false);
    expect(isCorrect(multiple, choose(0, 1, 2, 3))).toBe(false);
    expect(isCorrect(multiple, choose(0, 2, 3, 7))).toBe(false);
    expect(isCorrect(multiple, { type: 'single', option: 0 })).toBe(false);
  });

  it('judges 判断 by the value', () => {
    expect(isCorrect(trueFalse, { type: 'truefalse', value: false })).toBe(true);
    expect(isCorrect(trueFalse, { type: 'truefalse', value: true })).toBe(false);
    expect(isCorrect(trueFalse, { type: 'fill', text: '错' })).toBe(false);
  });

  it('judges 填空 against every accepted answer, forgiving spacing, case, quotes and punctuation', () => {
    for (const text of ['论语', ' 《论语》。', '“论语”', '论 语', 'lun yu', 'LUN  YU!', 'Ｌｕｎ Ｙｕ', 'lunyu', '论语。。']) {
      expect(isCorrect(fill, { type: 'fill', text }), text).toBe(true);
    }
    for (const text of ['', '  ', '。', '孟子', 'lun you', '论语论语']) expect(isCorrect(fill, { type: 'fill', text }), text).toBe(false);
    expect(isCorrect(fill, { type: 'single', option: 0 })).toBe(false);
  });

  it('survives tampered responses', () => {
    const tampered = [
      { type: 'multiple', options: 'all' },
      { type: 'multiple', options: [-1] },
      { type: 'single', option: '1' },
      { type: 'fill', text: 42 },
      { type: 'truefalse', value: 'false' },
    ] as unknown as QuestionResponse[];
    for (const question of [single, multiple, trueFalse, fill]) {
      for (const response of tampered) {
        expect(isCorrect(question, response)).toBe(false);
        expect(scoreResponse(question, response, 10, 'proportional')).toBe(0);
      }
    }
  });
});

describe('questions: scoring', () => {
  it('gives full points when correct and nothing when unanswered or wrong', () => {
    expect(scoreResponse(single, { type: 'single', option: 1 }, 5, 'half')).toBe(5);
    expect(scoreResponse(single, { type: 'single', option: 2 }, 5, 'half')).toBe(0);
    expect(scoreResponse(single, null, 5, 'half')).toBe(0);
    expect(scoreResponse(trueFalse, { type: 'truefalse', value: false }, 2, 'none')).toBe(2);
    expect(scoreResponse(fill, { type: 'fill', text: '论语' }, 3, 'proportional')).toBe(3);
    expect(scoreResponse(fill, { type: 'fill', text: '' }, 3, 'proportional')).toBe(0);
    expect(scoreResponse(multiple, null, 6, 'proportional')).toBe(0);
  });

  it('scores 多选 all or nothing under “none”', () => {
    expect(scoreResponse(multiple, choose(2, 0, 3), 6, 'none')).toBe(6);
    expect(scoreResponse(multiple, choose(0, 2), 6, 'none')).toBe(0);
  });

  it('gives half the points under “half” only for a right but incomplete choice', () => {
    expect(scoreResponse(multiple, choose(0, 2, 3), 5, 'half')).toBe(5);
    expect(scoreResponse(multiple, choose(0, 2), 5, 'half')).toBe(2.5);
    expect(scoreResponse(multiple, choose(3), 5, 'half')).toBe(2.5);
    expect(scoreResponse(multiple, choose(0, 1), 5, 'half')).toBe(0);
    expect(scoreResponse(multiple, choose(0, 1, 2, 3), 5, 'half')).toBe(0);
    expect(scoreResponse(multiple, choose(), 5, 'half')).toBe(0);
  });

  it('scores in proportion under “proportional”, rounded to 2 decimals', () => {
    expect(scoreResponse(multiple, choose(0, 2), 6, 'proportional')).toBe(4);
    expect(scoreResponse(multiple, choose(3), 10, 'proportional')).toBe(3.33);
    expect(scoreResponse(multiple, choose(0, 3, 3), 10, 'proportional')).toBe(6.67);
    expect(scoreResponse(multiple, choose(0, 1), 10, 'proportional')).toBe(0);
    expect(scoreResponse(multiple, choose(), 10, 'proportional')).toBe(0);
  });

  it('gives nothing for any option index outside the question, under every rule', () => {
    for (const rule of ['none', 'half', 'proportional'] as const) {
      expect(scoreResponse(multiple, choose(0, 4), 6, rule)).toBe(0);
      expect(scoreResponse(multiple, choose(0, 2, 3, -1), 6, rule)).toBe(0);
      expect(scoreResponse(multiple, choose(0, Number.NaN), 6, rule)).toBe(0);
      expect(scoreResponse(single, { type: 'single', option: 4 }, 6, rule)).toBe(0);
    }
  });

  it('never scores below 0 or above the points, and never throws', () => {
    const response = fc.oneof(
      fc.constant(null),
      fc.record({ type: fc.constant('single' as const), option: fc.integer({ min: -2, max: 6 }) }),
      fc.record({ type: fc.constant('multiple' as const), options: fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 6 }) }),
      fc.record({ type: fc.constant('truefalse' as const), value: fc.boolean() }),
      fc.record({ type: fc.constant('fill' as const), text: fc.string() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(single, multiple, trueFalse, fill), response, fc.constantFrom(...PARTIAL_CREDIT_RULES), (question, given, rule) => {
        const score = scoreResponse(question, given, 10, rule);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(10);
      }),
    );
  });
});

describe('questions: normalising texts', () => {
  it('normalises 填空 answers', () => {
    expect(normalizeFillAnswer('  《论语》。 ')).toBe('论语');
    expect(normalizeFillAnswer('「改革 开放」！')).toBe('改革开放');
    expect(normalizeFillAnswer('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeFillAnswer('New   York?')).toBe('new york');
    expect(normalizeFillAnswer('3 个')).toBe('3个');
    expect(normalizeFillAnswer('"hello"')).toBe('hello');
    expect(normalizeFillAnswer('3.14')).toBe('3.14');
    expect(normalizeFillAnswer('。，！')).toBe('');
  });

  it('makes stem keys without spaces, punctuation or fill-in gaps', () => {
    expect(stemKey('“三个代表”重要思想是（ ）提出的？')).toBe(stemKey('三个代表重要思想是____提出的。'));
    expect(stemKey('【单选】 Hello， World!')).toBe('单选helloworld');
    expect(stemKey('１＋１＝？')).toBe('1+1=');
    expect(stemKey('中国的首都是哪里')).not.toBe(stemKey('中国的首都是哪个城市'));
  });
});

describe('questions: checking a response from a form', () => {
  const q = (type: QuestionContent['type'], options: string[] = []) => ({ type, options });

  it('accepts each well-formed response, in canonical form', () => {
    expect(validateResponse(q('single', FOUR), { type: 'single', option: 3 })).toEqual({ type: 'single', option: 3 });
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: [3, 0] })).toEqual({ type: 'multiple', options: [0, 3] });
    expect(validateResponse(q('truefalse'), { type: 'truefalse', value: false })).toEqual({ type: 'truefalse', value: false });
    expect(validateResponse(q('fill'), { type: 'fill', text: '  论语 ' })).toEqual({ type: 'fill', text: '论语' });
    expect(validateResponse(q('fill'), { type: 'fill', text: '字'.repeat(200) })).toEqual({ type: 'fill', text: '字'.repeat(200) });
  });

  it('refuses bad shapes with a message', () => {
    const format = '答案格式不正确，请重新选择。';
    const missing = '选项不存在，请重新选择。';
    expect(validateResponse(q('single', FOUR), null)).toBe(format);
    expect(validateResponse(q('single', FOUR), '1')).toBe(format);
    expect(validateResponse(q('single', FOUR), [1])).toBe(format);
    expect(validateResponse(q('single', FOUR), { type: 'multiple', options: [1] })).toBe(format);
    expect(validateResponse(q('single', FOUR), { type: 'single', option: '1' })).toBe(format);
    expect(validateResponse(q('single', FOUR), { type: 'single', option: 0.5 })).toBe(format);
    expect(validateResponse(q('single', FOUR), { type: 'single', option: 4 })).toBe(missing);
    expect(validateResponse(q('single', FOUR), { type: 'single', option: -1 })).toBe(missing);
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: [] })).toBe('请至少选择一个选项。');
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: [1, 1] })).toBe(format);
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: [0, 1, 2, 3, 0] })).toBe(format);
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: [0, 5] })).toBe(missing);
    expect(validateResponse(q('multiple', FOUR), { type: 'multiple', options: '0,1' })).toBe(format);
    expect(validateResponse(q('truefalse'), { type: 'truefalse', value: 'true' })).toBe(format);
    expect(validateResponse(q('fill'), { type: 'fill', text: 5 })).toBe(format);
    expect(validateResponse(q('fill'), { type: 'fill', text: '   ' })).toBe('请填写答案。');
    expect(validateResponse(q('fill'), { type: 'fill', text: '字'.repeat(201) })).toMatch(/答案太长了（201个字），最多200个字/);
  });

  it('never throws and returns either a message or a response of the question’s type', () => {
    fc.assert(
      fc.property(fc.constantFrom<QuestionContent['type']>('single', 'multiple', 'truefalse', 'fill'), fc.anything(), (type, raw) => {
        const result = validateResponse(q(type, type === 'single' || type === 'multiple' ? FOUR : []), raw);
        if (typeof result !== 'string') expect(result.type).toBe(type);
      }),
    );
  });
});

const H = [...QUESTION_TEMPLATE_HEADER];
/** A template row from the columns given by name. */
function row(fields: Partial<Record<string, string>>): string[] {
  return H.map((name) => fields[name] ?? '');
}
const singleRow = (stem: string, extra: Partial<Record<string, string>> = {}): string[] =>
  row({ 题型: '单选', 题干: stem, 选项A: '北京', 选项B: '上海', 答案: 'A', ...extra });

/** The problems of one spreadsheet row, joined for matching. */
function problemsOf(rows: string[][], at: number, existing = new Set<string>()): string {
  const preview = validateQuestionRows(rows, existing);
  expect(preview.fileErrors).toEqual([]);
  const entry = preview.invalid.find((item) => item.row === at);
  expect(entry, `row ${at} should be invalid`).toBeDefined();
  return entry?.problems.join('\n') ?? '';
}
function answerOf(cells: string[]): AnswerKey | undefined {
  const preview = validateQuestionRows([H, cells], new Set());
  return preview.valid[0]?.question.answer;
}

describe('question import: file', () => {
  it('reads a question of each type, filling in the optional columns', () => {
    const preview = validateQuestionRows(
      [
        H,
        row({ 题型: '单选题', 题干: ' 中国的首都是？ ', 选项A: '上海', 选项B: '北京', 答案: 'b', 解析: '北京是首都。', 分类: '常识', 标签: '地理，首都', 难度: '易', 来源: '课本' }),
        row({ 题型: '多项选择', 题干: '哪些是直辖市？', 选项A: '北京', 选项B: '杭州', 选项C: '上海', 答案: 'C, A' }),
        row({ 题型: '判断', 题干: '太阳从西边升起。', 答案: '×' }),
        row({ 题型: 'fill', 题干: '《____》是孔子弟子编的。', 答案: '论语|《论语》｜Lun Yu', 难度: '3' }),
      ],
      new Set(),
    );
    expect(preview.fileErrors).toEqual([]);
    expect(preview.invalid).toEqual([]);
    const base = { explanation: '', category: '', tags: [], difficulty: 2, source: '' };
    expect(preview.valid).toEqual([
      {
        row: 2,
        question: {
          ...{ type: 'single', stem: '中国的首都是？', options: ['上海', '北京'], answer: { type: 'single', option: 1 } },
          ...{ explanation: '北京是首都。', category: '常识', tags: ['地理', '首都'], difficulty: 1, source: '课本' },
        },
      },
      { row: 3, question: { ...base, type: 'multiple', stem: '哪些是直辖市？', options: ['北京', '杭州', '上海'], answer: { type: 'multiple', options: [0, 2] } } },
      { row: 4, question: { ...base, type: 'truefalse', stem: '太阳从西边升起。', options: [], answer: { type: 'truefalse', value: false } } },
      { row: 5, question: { ...base, type: 'fill', stem: '《____》是孔子弟子编的。', options: [], answer: { type: 'fill', accepted: ['论语', 'Lun Yu'] }, difficulty: 3 } },
    ]);
  });

  it('finds columns by name in any order, forgiving spaces, case and notes, and ignoring unknown ones', () => {
    const preview = validateQuestionRows(
      [
        ['序号', '答 案', '题干（必填）', '选项b', '　题型　', '选项a', '备注'],
        ['1', 'B', '一加一等于几？', '2', '单选', '1', '简单'],
      ],
      new Set(),
    );
    expect(preview.fileErrors).toEqual([]);
    expect(preview.valid.map((item) => item.question)).toEqual([
      { type: 'single', stem: '一加一等于几？', options: ['1', '2'], answer: { type: 'single', option: 1 }, explanation: '', category: '', tags: [], difficulty: 2, source: '' },
    ]);
  });

  it('needs 题型, 题干 and 答案, and refuses a column given twice', () => {
    expect(validateQuestionRows([['题干', '选项A'], ['x', 'y']], new Set()).fileErrors).toEqual([expect.stringMatching(/缺少这几列：题型、答案。请使用题库导入模板/)]);
    expect(validateQuestionRows([[...H, '选项 A'], singleRow('x')], new Set()).fileErrors).toEqual([expect.stringMatching(/“选项A”和“选项 A”是同一列.*删掉多余的一列/)]);
    expect(validateQuestionRows([[...H, '题目'], singleRow('x')], new Set()).fileErrors).toEqual([expect.stringMatching(/“题干”和“题目”是同一列/)]);
    expect(validateQuestionRows([[...H, '答案'], singleRow('x')], new Set()).fileErrors).toEqual([expect.stringMatching(/有两列都是“答案”/)]);
  });

  it('says so when the file is empty or has no questions', () => {
    expect(validateQuestionRows([], new Set()).fileErrors[0]).toMatch(/没有内容/);
    expect(validateQuestionRows([[' '], []], new Set()).fileErrors[0]).toMatch(/没有内容/);
    expect(validateQuestionRows([H, row({})], new Set()).fileErrors[0]).toMatch(/只有列名，没有题目/);
  });

  it('skips blank rows and a blank top, keeping spreadsheet row numbers', () => {
    const preview = validateQuestionRows([[], ['', ' '], H, singleRow('第一题'), [], row({ 题干: '  ' }), singleRow('第二题', { 答案: 'Z' })], new Set());
    expect(preview.valid.map((item) => item.row)).toEqual([4]);
    expect(preview.invalid.map((item) => item.row)).toEqual([7]);
  });

  it(`refuses more than ${MAX_QUESTION_ROWS} questions in one file`, () => {
    const rows = [H, ...Array.from({ length: MAX_QUESTION_ROWS }, (_, i) => singleRow(`第${i}题`))];
    expect(validateQuestionRows(rows, new Set()).valid).toHaveLength(MAX_QUESTION_ROWS);
    const tooMany = validateQuestionRows([...rows, singleRow('多出来的')], new Set());
    expect(tooMany).toEqual({ fileErrors: [expect.stringMatching(/2001 道题，一次最多导入 2000 道。请把表格分成几个文件/)], valid: [], invalid: [] });
  });

  it('checks 1,000 rows with duplicates spread through them', () => {
    const rows = [H, ...Array.from({ length: 1000 }, (_, i) => singleRow(`第${i % 900}题：哪个是首都？`))];
    const preview = validateQuestionRows(rows, new Set([stemKey('第0题 哪个是首都')]));
    expect(preview.valid).toHaveLength(899);
    expect(preview.invalid).toHaveLength(101);
    expect(preview.invalid.at(-1)).toMatchObject({ row: 1001, problems: ['和第101行的题干重复。请删掉其中一行，或改一改题干。'] });
  });
});

describe('question import: row problems', () => {
  it('names an unknown or missing 题型', () => {
    const rows = [H, singleRow('a', { 题型: '问答' }), singleRow('b', { 题型: '' })];
    expect(problemsOf(rows, 2)).toBe('题型“问答”不认识，只能是单选、多选、判断、填空。');
    expect(problemsOf(rows, 3)).toMatch(/没有填题型/);
  });

  it('wants a 题干 of at most 500 characters with more than punctuation', () => {
    const rows = [H, singleRow(''), singleRow('问'.repeat(501)), singleRow('？？（ ）'), singleRow('问'.repeat(500))];
    expect(problemsOf(rows, 2)).toMatch(/没有填题干/);
    expect(problemsOf(rows, 3)).toMatch(/题干太长了（501个字），最多500个字/);
    expect(problemsOf(rows, 4)).toMatch(/题干里只有标点符号/);
    expect(validateQuestionRows(rows, new Set()).valid.map((item) => item.row)).toEqual([5]);
  });

  it('checks the options of 单选 and 多选', () => {
    const rows = [
      H,
      singleRow('a', { 选项B: '', 选项C: '广州', 选项E: '深圳' }),
      singleRow('b', { 选项B: '' }),
      singleRow('c', { 选项B: '选'.repeat(201) }),
      singleRow('d', { 选项C: ' 北 京 ' }),
      singleRow('e', { 选项C: 'c', 选项D: 'd', 选项E: 'e', 选项F: 'f', 选项G: 'g', 选项H: 'h' }),
    ];
    expect(problemsOf(rows, 2)).toMatch(/选项B、选项D是空的，后面却还有选项。请从选项A起按顺序填/);
    expect(problemsOf(rows, 3)).toMatch(/单选题至少要有2个选项/);
    expect(problemsOf(rows, 4)).toMatch(/选项B太长了（201个字），最多200个字/);
    expect(problemsOf(rows, 5)).toMatch(/选项A和选项C的内容一样/);
    expect(validateQuestionRows(rows, new Set()).valid.map((item) => item.question.options.length)).toEqual([8]);
  });

  it('wants no options for 判断 and 填空', () => {
    const rows = [H, row({ 题型: '判断', 题干: 'a', 选项A: '对', 答案: '对' }), row({ 题型: '填空题', 题干: 'b', 选项C: 'x', 答案: 'y' })];
    expect(problemsOf(rows, 2)).toBe('判断题不需要选项，请清空选项列。');
    expect(problemsOf(rows, 3)).toBe('填空题不需要选项，请清空选项列。');
  });

  it('reads 单选 answers: one letter, any case or width, whose option exists', () => {
    expect(answerOf(singleRow('a', { 答案: ' b ' }))).toEqual({ type: 'single', option: 1 });
    expect(answerOf(singleRow('a', { 答案: 'Ｂ' }))).toEqual({ type: 'single', option: 1 });
    expect(answerOf(singleRow('a', { 答案: 'ｂ' }))).toEqual({ type: 'single', option: 1 });
    const rows = [H, singleRow('a', { 答案: 'E' }), singleRow('b', { 答案: 'AB' }), singleRow('c', { 答案: '北京' }), singleRow('d', { 答案: '' })];
    expect(problemsOf(rows, 2)).toBe('答案是 E，但这道题没有选项E。');
    expect(problemsOf(rows, 3)).toMatch(/单选题只能有一个答案.*请把题型改成多选/);
    expect(problemsOf(rows, 4)).toMatch(/答案“北京”看不懂。单选题的答案只能填一个选项字母/);
    expect(problemsOf(rows, 5)).toMatch(/没有填答案，请补上。单选题写正确选项的字母。正确答案是选项B，就写：B/);
  });

  it('reads 多选 answers: two or more letters in any order and separated any way, stored ascending', () => {
    const multi = (答案: string) => row({ 题型: '多选', 题干: `多选：${答案}`, 选项A: '1', 选项B: '2', 选项C: '3', 选项D: '4', 答案 });
    for (const typed of ['ACD', 'd c a', 'C,A，D', 'A、C、D', 'ＡＣＤ', 'acd', 'DCA;']) {
      expect(answerOf(multi(typed)), typed).toEqual({ type: 'multiple', options: [0, 2, 3] });
    }
    const rows = [H, multi('B'), multi('AEF'), multi('A+B')];
    expect(problemsOf(rows, 2)).toMatch(/多选题至少要有两个正确答案.*请把题型改成单选/);
    expect(problemsOf(rows, 3)).toBe('答案里有 E、F，但这道题没有选项E、选项F。');
    expect(problemsOf(rows, 4)).toMatch(/答案“A\+B”看不懂/);
  });

  it('reads 判断 answers in every usual form', () => {
    const judge = (答案: string) => answerOf(row({ 题型: '判断', 题干: 'j', 答案 }));
    for (const typed of ['对', '正确', '√', '✓', 'T', 'true', 'TRUE', '是']) expect(judge(typed), typed).toEqual({ type: 'truefalse', value: true });
    for (const typed of ['错', '错误', '×', '✗', 'f', 'False', '否']) expect(judge(typed), typed).toEqual({ type: 'truefalse', value: false });
    expect(problemsOf([H, row({ 题型: '判断', 题干: 'j', 答案: '不对' })], 2)).toBe('判断题的答案只能填“对”或“错”，现在是“不对”。');
  });

  it('reads 填空 alternatives, dropping repeats and refusing empty or over-long ones', () => {
    expect(answerOf(row({ 题型: '填空', 题干: 'f', 答案: ' 甲 | 乙｜甲 |“乙”' }))).toEqual({ type: 'fill', accepted: ['甲', '乙'] });
    const rows = [H, row({ 题型: '填空', 题干: 'a', 答案: '甲||乙' }), row({ 题型: '填空', 题干: 'b', 答案: `甲|${'乙'.repeat(101)}` }), row({ 题型: '填空', 题干: 'c', 答案: '“”' })];
    expect(problemsOf(rows, 2)).toMatch(/答案里有空的备选答案/);
    expect(problemsOf(rows, 3)).toMatch(/太长了（101个字），最多100个字/);
    expect(problemsOf(rows, 4)).toMatch(/只有标点或引号，没法判分/);
  });

  it('checks 解析, 分类, 标签, 难度 and 来源', () => {
    const tags = (标签: string) => validateQuestionRows([H, singleRow('t', { 标签 })], new Set()).valid[0]?.question.tags;
    expect(tags('养生, 健康；太极 拳、养生')).toEqual(['养生', '健康', '太极', '拳']);
    const difficulty = (难度: string) => validateQuestionRows([H, singleRow('d', { 难度 })], new Set()).valid[0]?.question.difficulty;
    expect(['易', '简单', '1', '中', '中等', '一般', '2', '', '难', '困难', '３'].map(difficulty)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3]);
    const rows = [
      H,
      singleRow('a', { 解析: '解'.repeat(1001) }),
      singleRow('b', { 分类: '类'.repeat(41) }),
      singleRow('c', { 标签: `${'标'.repeat(21)}，短` }),
      singleRow('d', { 标签: Array.from({ length: 11 }, (_, i) => `标签${i}`).join('、') }),
      singleRow('e', { 难度: '很难' }),
      singleRow('f', { 来源: '源'.repeat(201) }),
    ];
    expect(problemsOf(rows, 2)).toMatch(/解析太长了（1001个字），最多1000个字/);
    expect(problemsOf(rows, 3)).toMatch(/分类太长了（41个字），最多40个字/);
    expect(problemsOf(rows, 4)).toMatch(/标签“标{21}”太长了（21个字），最多20个字/);
    expect(problemsOf(rows, 5)).toMatch(/标签太多了（11个），最多10个/);
    expect(problemsOf(rows, 6)).toBe('难度“很难”不认识，只能填易、中、难（或1、2、3），不填就算“中”。');
    expect(problemsOf(rows, 7)).toMatch(/来源太长了（201个字），最多200个字/);
  });

  it('flags stems already in the bank, and later repeats in the file naming the first row', () => {
    const rows = [H, singleRow('中国的首都是（ ）。'), singleRow('中国的首都是____？'), singleRow('太阳从哪边升起？'), singleRow(' 中国的 首都是 ')];
    const preview = validateQuestionRows(rows, new Set([stemKey('太阳从哪边升起')]));
    expect(preview.valid.map((item) => item.row)).toEqual([2]);
    expect(problemsOf(rows, 3)).toMatch(/^和第2行的题干重复。/);
    expect(problemsOf(rows, 5)).toMatch(/^和第2行的题干重复。/);
    expect(problemsOf(rows, 4, new Set([stemKey('太阳从哪边升起')]))).toMatch(/^题库里已有相同题干的题目。/);
  });

  it('lists every problem of a row together', () => {
    const preview = validateQuestionRows([H, row({ 题型: '单选', 选项A: 'x', 答案: 'C', 难度: '?' })], new Set());
    expect(preview.invalid).toEqual([{ row: 2, stem: '', problems: expect.any(Array) }]);
    expect(preview.invalid[0]?.problems).toHaveLength(4);
  });
});

// Texts of the kind organisers type, plus anything at all; trimmed as the import trims them.
const han = fc.constantFrom(...'学习太极拳养生书法健康手机微信安全防诈骗历史地理的是了在中国'.split(''));
const plain = fc.constantFrom(...'abcXYZ0123-_.'.split(''));
function text(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .oneof(fc.string({ unit: han, maxLength: max }), fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: Math.min(max, 30) }))
    .map((value) => value.trim())
    .filter((value) => [...value].length >= min && [...value].length <= max);
}
const tag = fc.string({ unit: fc.oneof(han, plain), minLength: 1, maxLength: 20 });
const alternative = text(1, 100).filter((value) => !/[|｜]/u.test(value) && fillAnswerKey(value) !== '');
const optionKey = (value: string): string => value.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

const questionArbitrary: fc.Arbitrary<QuestionContent> = fc
  .record({
    stem: text(1, 500).filter((value) => stemKey(value) !== ''),
    options: fc.uniqueArray(text(1, 200), { minLength: 2, maxLength: 8, selector: optionKey }),
    explanation: text(0, 1000),
    category: text(0, 40),
    tags: fc.uniqueArray(tag, { maxLength: 10 }),
    difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
    source: text(0, 200),
    kind: fc.constantFrom('single', 'multiple', 'truefalse', 'fill'),
    value: fc.boolean(),
    picks: fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 2, maxLength: 8 }),
    accepted: fc.uniqueArray(alternative, { minLength: 1, maxLength: 4, selector: fillAnswerKey }),
  })
  .map(({ kind, value, picks, accepted, options, ...rest }): QuestionContent => {
    const chosen = [...new Set(picks.map((pick) => pick % options.length))].sort((a, b) => a - b);
    switch (kind) {
      case 'single':
        return { ...rest, type: 'single', options, answer: { type: 'single', option: chosen[0] ?? 0 } };
      case 'multiple':
        return { ...rest, type: 'multiple', options, answer: { type: 'multiple', options: chosen.length >= 2 ? chosen : [0, 1] } };
      case 'truefalse':
        return { ...rest, type: 'truefalse', options: [], answer: { type: 'truefalse', value } };
      default:
        return { ...rest, type: 'fill', options: [], answer: { type: 'fill', accepted } };
    }
  });

describe('question import: properties', () => {
  it('imports an exported question exactly as it was', () => {
    fc.assert(
      fc.property(questionArbitrary, (question) => {
        const preview = validateQuestionRows([QUESTION_TEMPLATE_HEADER as string[], questionToTemplateRow(question)], new Set());
        expect(preview.invalid).toEqual([]);
        expect(preview.valid).toEqual([{ row: 2, question }]);
      }),
    );
  });

  it('exports a bank as the header and one row per question', () => {
    fc.assert(
      fc.property(fc.uniqueArray(questionArbitrary, { maxLength: 5, selector: (question) => stemKey(question.stem) }), (questions) => {
        const sheet = questionsToTemplate(questions);
        expect(sheet[0]).toEqual(H);
        if (questions.length === 0) return;
        expect(validateQuestionRows(sheet, new Set()).valid.map((item) => item.question)).toEqual(questions);
      }),
    );
  });

  const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', ' ', '|', '、'));
  /** Mostly plausible values for a column, sometimes anything at all. */
  const likely = (plausible: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: anyText, weight: 1 });
  const cellFor: Record<string, fc.Arbitrary<string>> = {
    题型: likely(fc.constantFrom('单选', '多选题', '判断', '填空', 'single', '问答')),
    题干: likely(fc.oneof(fc.constantFrom('中国的首都是？', '中国的首都是（ ）', '太阳从哪边升起'), fc.nat(99).map((i) => `第${i}题`))),
    答案: likely(fc.constantFrom('A', 'b', 'ACD', 'Ｅ', '对', '×', '甲|乙', '||')),
    难度: likely(fc.constantFrom('', '易', '中', '3', '很难')),
    ...Object.fromEntries(H.filter((name) => name.startsWith('选项')).map((name) => [name, likely(fc.constantFrom('', '甲', '乙', '丙', '丁'))])),
  };
  const sheet = fc
    .tuple(fc.shuffledSubarray([...H, '备注'], { minLength: 3 }), fc.array(fc.array(fc.constant('')), { maxLength: 2 }))
    .chain(([head, top]) =>
      fc.tuple(
        fc.constant<string[]>([...new Set(['题型', '题干', '答案', ...head])]),
        fc.constant<string[][]>(top),
        fc.array(fc.constantFrom('junk', 'cells', 'question'), { maxLength: 30 }),
      ),
    )
    .chain(([head, top, kinds]) =>
      fc.tuple(fc.constant<string[]>(head), fc.constant<string[][]>(top), fc.tuple(...kinds.map((kind) => bodyRow(kind, head)))),
    );
  /** Junk; plausible cells column by column; or an exported question with perhaps one cell spoiled. */
  function bodyRow(kind: string, head: string[]): fc.Arbitrary<string[]> {
    if (kind === 'junk') return fc.array(anyText, { maxLength: 18 });
    if (kind === 'cells') return fc.tuple(...head.map((name) => cellFor[name] ?? fc.oneof(fc.constant(''), anyText)));
    return fc.tuple(questionArbitrary, fc.option(fc.tuple(fc.nat(), anyText))).map(([question, spoil]) => {
      const template = questionToTemplateRow(question);
      const cells = head.map((name) => template[H.indexOf(name)] ?? '');
      if (spoil !== null) cells[spoil[0] % cells.length] = spoil[1];
      return cells;
    });
  }

  it('never throws on junk, and puts every non-blank data row in exactly one bucket', () => {
    let validSeen = 0;
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { maxLength: 18 }), { maxLength: 10 }), (rows) => {
        const preview = validateQuestionRows(rows, new Set());
        expect(preview.fileErrors.length > 0 || preview.valid.length + preview.invalid.length > 0).toBe(true);
      }),
    );
    fc.assert(
      fc.property(sheet, ([head, top, body]) => {
        const preview = validateQuestionRows([...top, head, ...body], new Set([stemKey('太阳从哪边升起')]));
        const expected = body.flatMap((cells, i) => (cells.some((cell) => cell.trim() !== '') ? [top.length + i + 2] : []));
        if (expected.length === 0) {
          expect(preview.fileErrors).toHaveLength(1);
          return;
        }
        expect(preview.fileErrors).toEqual([]);
        expect([...preview.valid, ...preview.invalid].map((item) => item.row).sort((a, b) => a - b)).toEqual(expected);
        for (const item of preview.invalid) expect(item.problems.length).toBeGreaterThan(0);
        validSeen += preview.valid.length;
        // What was accepted survives an export and a second import unchanged.
        const again = validateQuestionRows(questionsToTemplate(preview.valid.map((item) => item.question)), new Set());
        if (preview.valid.length > 0) expect(again.valid.map((item) => item.question)).toEqual(preview.valid.map((item) => item.question));
      }),
    );
    // The generator must reach valid rows, or the re-import check says nothing.
    expect(validSeen).toBeGreaterThan(0);
  });
});
