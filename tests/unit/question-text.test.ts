import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuestionText, textImportView } from '../../src/lib/question-text';
import { trueFalseNamed, validateQuestionRows } from '../../src/lib/question-import';
import { DIFFICULTY_LABELS, fillAnswerKey, OPTION_LETTERS, stemKey, TYPE_LABELS, type QuestionContent } from '../../src/lib/question-rules';

/** The text → the questions the import would take, and the rows it would refuse (their problems). */
function read(text: string) {
  const parsed = parseQuestionText(text);
  const checked = validateQuestionRows(parsed.rows, new Set());
  return { parsed, checked, view: textImportView(text, parsed, checked), questions: checked.valid.map((row) => row.question) };
}

const defaults = { explanation: '', category: '', tags: [], difficulty: 2, source: '' };

describe('the common text layout', () => {
  it('reads a question with its options, answer and explanation on one line, as the issue quotes it', () => {
    const { questions } = read('1. 中国共产党的根本宗旨是（ ）A. 全心全意为人民服务 B. 实现共产主义 C. 发展经济 D. 改革开放 答案：A 解析：见党章总纲。');
    expect(questions).toEqual([
      {
        ...defaults,
        type: 'single',
        stem: '中国共产党的根本宗旨是（ ）',
        options: ['全心全意为人民服务', '实现共产主义', '发展经济', '改革开放'],
        answer: { type: 'single', option: 0 },
        explanation: '见党章总纲。',
      },
    ]);
  });

  it('takes the type from headings, options one per line, and every way of writing options and answers', () => {
    const { questions, view } = read(
      [
        '一、单项选择题（每题2分，共20分）',
        '1、“两个务必”是在哪次会议上提出的？（ ）',
        'A、七届二中全会',
        'B、遵义会议',
        '2．下列说法正确的是（ ）',
        '(A) 甲 (B) 乙 (C) 丙',
        '【答案】C',
        '二、多选题',
        '1. 下列属于“四个自信”的有（ ）',
        'Ａ．道路自信 Ｂ．理论自信 Ｃ．制度自信 Ｄ．经济自信',
        '正确答案：A、B、C',
        '三、判断题',
        '1. 党员应当按期交纳党费。（√）',
        '2. 入党誓词可以随意改动。',
        'A. 正确  B. 错误',
        '参考答案：B',
        '四、填空题',
        '1. 中国共产党成立于____年。',
        '答案：1921|1921年',
      ].join('\n'),
    );
    expect(view.invalid).toEqual([
      // The first question of the first heading has no answer: shown with its text as written.
      { line: 2, text: '1、“两个务必”是在哪次会议上提出的？（ ）\nA、七届二中全会\nB、遵义会议', problems: [expect.stringContaining('没有填答案')] },
    ]);
    expect(questions.map((question) => [question.type, question.stem, question.options, question.answer])).toEqual([
      ['single', '下列说法正确的是（ ）', ['甲', '乙', '丙'], { type: 'single', option: 2 }],
      ['multiple', '下列属于“四个自信”的有（ ）', ['道路自信', '理论自信', '制度自信', '经济自信'], { type: 'multiple', options: [0, 1, 2] }],
      ['truefalse', '党员应当按期交纳党费。（ ）', [], { type: 'truefalse', value: true }],
      ['truefalse', '入党誓词可以随意改动。', [], { type: 'truefalse', value: false }],
      ['fill', '中国共产党成立于____年。', [], { type: 'fill', accepted: ['1921', '1921年'] }],
    ]);
  });

  it('guesses the type without headings: several letters are 多选, 对/错 is 判断, no options is 填空', () => {
    const { questions } = read('1. 甲（ ）\nA. 一 B. 二 C. 三\n答案：AC\n2. 乙（ ）\nA. 一 B. 二\n答案：B\n3. 丙。\n答案：对\n4. 丁____。\n答案：人民');
    expect(questions.map((question) => question.type)).toEqual(['multiple', 'single', 'truefalse', 'fill']);
  });

  it('keeps a letter in the blank out of the options: 题干（B）A.甲 B.乙', () => {
    const { questions } = read('1. 首都是（B）A.上海 B.北京');
    expect(questions).toEqual([{ ...defaults, type: 'single', stem: '首都是（ ）', options: ['上海', '北京'], answer: { type: 'single', option: 1 } }]);
  });

  it('reads answers listed at the end, per heading when the numbers start again, and says which it could not use', () => {
    const { questions, view } = read(
      ['一、单选题', '1. 甲（ ）', 'A. 一 B. 二', '2. 乙（ ）', 'A. 一 B. 二', '二、判断题', '1. 丙。', '参考答案', '一、单选题 1.B 2.A', '二、判断题', '1.× 7.√'].join('\n'),
    );
    expect(questions.map((question) => question.answer)).toEqual([
      { type: 'single', option: 1 },
      { type: 'single', option: 0 },
      { type: 'truefalse', value: false },
    ]);
    expect(view.invalid).toEqual([{ line: 11, text: '1.× 7.√', problems: ['答案表里有第7题的答案“√”，但没有找到对应的第7题。'] }]);
  });

  it('reads a list of answers introduced on one line (答案：1.B 2.ACD) when the numbers are unique', () => {
    const { questions } = read('1. 甲（ ）\nA. 一 B. 二\n2. 乙（ ）\nA. 一 B. 二 C. 三 D. 四\n答案：1.B 2.ACD');
    expect(questions.map((question) => question.answer)).toEqual([
      { type: 'single', option: 1 },
      { type: 'multiple', options: [0, 2, 3] },
    ]);
  });

  it('lists what is not a question with the reason, and the title line does not stop the rest', () => {
    const { questions, view } = read('2024年老干部知识竞赛题库\n\n1. 甲。\n答案：对');
    expect(questions).toHaveLength(1);
    expect(view.invalid).toEqual([{ line: 1, text: '2024年老干部知识竞赛题库', problems: [expect.stringContaining('不在任何一道题里')] }]);
  });

  it('says a text without a single numbered question has none, and shows the first lines it read', () => {
    const { view } = read('第一行\n第二行\n\n第三行');
    expect(view.fileErrors).toEqual([expect.stringContaining('没有找到题目'), '读到的前几行是：“第一行” “第二行” “第三行”']);
    expect(view.valid).toEqual([]);
  });
});

// --- fast-check: questions → the layout → parse → the same questions ---------------------------

// Text the layout can carry: Chinese words, digits and Chinese punctuation; Latin letters A–H and
// labels such as 答案： would be read as options and fields, as they would in a real document.
const han = fc.constantFrom(...'学习太极拳养生书法健康手机微信安全防诈骗历史地理的是了在中国人民党员群众'.split(''));
const unit = fc.oneof({ arbitrary: han, weight: 8 }, { arbitrary: fc.constantFrom(...'0123456789，。？！“”《》'.split('')), weight: 2 }, { arbitrary: fc.constant(' '), weight: 1 });
/** Starts with a Chinese character; no runs of spaces, no space at either end (the layout's own tidying). */
const words = (max: number): fc.Arbitrary<string> =>
  fc.tuple(han, fc.string({ unit, maxLength: max - 1 })).map(([first, rest]) => `${first}${rest}`.replace(/ +/g, ' ').trim());
const optionKey = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

const questionArbitrary: fc.Arbitrary<QuestionContent> = fc
  .record({
    stem: words(60),
    options: fc.uniqueArray(words(20), { minLength: 2, maxLength: 8, selector: optionKey }),
    explanation: fc.oneof(fc.constant(''), words(80)),
    category: fc.oneof(fc.constant(''), words(10)),
    tags: fc.uniqueArray(fc.string({ unit: han, minLength: 1, maxLength: 6 }), { maxLength: 4 }),
    difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
    source: fc.oneof(fc.constant(''), words(20)),
    kind: fc.constantFrom('single', 'multiple', 'truefalse', 'fill'),
    value: fc.boolean(),
    picks: fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 2, maxLength: 8 }),
    accepted: fc.uniqueArray(fc.string({ unit: han, minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3, selector: fillAnswerKey }),
  })
  .map(({ kind, value, picks, accepted, options, ...rest }): QuestionContent => {
    if (kind === 'truefalse') return { ...rest, type: kind, options: [], answer: { type: kind, value } };
    if (kind === 'fill') return { ...rest, type: kind, options: [], answer: { type: kind, accepted } };
    const chosen = [...new Set(picks.map((pick) => pick % options.length))].sort((a, b) => a - b);
    if (kind === 'single' || chosen.length < 2) return { ...rest, type: 'single', options, answer: { type: 'single', option: chosen[0] ?? 0 } };
    return { ...rest, type: 'multiple', options, answer: { type: 'multiple', options: chosen } };
  });

function answerText(question: QuestionContent): string {
  const { answer } = question;
  if (answer.type === 'single') return OPTION_LETTERS[answer.option] ?? '';
  if (answer.type === 'multiple') return answer.options.map((index) => OPTION_LETTERS[index]).join('');
  if (answer.type === 'truefalse') return answer.value ? '对' : '错';
  return answer.accepted.join('|');
}

const HEADINGS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The questions written in the layout: a heading whenever the type changes (or none at all),
 * options one per line or all on one line, the answer under each question or in a list at the end.
 */
interface Style {
  headings: boolean;
  optionsOnOneLine: boolean;
  answersAtEnd: boolean;
  /** After the number: 1. 1、 1． */
  numberMark: string;
  /** A. A、 A． (A) and full-width Ａ． */
  optionMark: 'dot' | 'comma' | 'full-stop' | 'paren' | 'full-width';
  /** Stray spaces around numbers, marks and labels. */
  space: string;
}

const optionMark = (style: Style, at: number): string => {
  const letter = OPTION_LETTERS[at] ?? '';
  return { dot: `${letter}.`, comma: `${letter}、`, 'full-stop': `${letter}．`, paren: `(${letter})`, 'full-width': `${String.fromCharCode(0xff21 + at)}．` }[style.optionMark];
};

function writeLayout(questions: QuestionContent[], style: Style): string {
  const _ = style.space;
  const lines: string[] = [];
  let type: string | undefined;
  let sections = 0;
  for (const [index, question] of questions.entries()) {
    if (style.headings && question.type !== type) {
      type = question.type;
      lines.push(`${HEADINGS[sections++ % HEADINGS.length]}、${TYPE_LABELS[question.type]}题`);
    }
    lines.push(`${_}${index + 1}${_}${style.numberMark}${_}${question.stem}${_}`);
    const options = question.options.map((option, at) => `${optionMark(style, at)}${_}${option}`);
    if (options.length > 0) lines.push(...(style.optionsOnOneLine ? [options.join(`  ${_}`)] : options));
    if (!style.answersAtEnd) lines.push(`答案${_}：${_}${answerText(question)}`);
    if (question.explanation) lines.push(`解析：${question.explanation}`);
    if (question.category) lines.push(`分类：${question.category}`);
    if (question.tags.length > 0) lines.push(`标签：${question.tags.join('，')}`);
    lines.push(`难度：${DIFFICULTY_LABELS[question.difficulty]}`);
    if (question.source) lines.push(`来源：${question.source}`);
  }
  if (style.answersAtEnd) lines.push('参考答案', questions.map((question, index) => `${index + 1}.${answerText(question)}`).join(' '));
  return lines.join('\n');
}

describe('a round trip through the text layout', () => {
  it('gives back the questions written, in any of the layout’s styles', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(questionArbitrary, { minLength: 1, maxLength: 6, selector: (question) => stemKey(question.stem) }),
        fc.record({
          headings: fc.boolean(),
          optionsOnOneLine: fc.boolean(),
          answersAtEnd: fc.boolean(),
          numberMark: fc.constantFrom('.', '、', '．'),
          optionMark: fc.constantFrom('dot', 'comma', 'full-stop', 'paren', 'full-width'),
          space: fc.constantFrom('', ' ', '  ', '\u3000'),
        }),
        (questions, style) => {
          // Without headings a 填空 whose answer reads as 对/错 (是, 否) is taken for a 判断: only a heading tells them apart.
          const readsAsTrueFalse = (question: QuestionContent): boolean => question.answer.type === 'fill' && question.answer.accepted.length === 1 && trueFalseNamed(question.answer.accepted[0] ?? '') !== undefined;
          fc.pre(style.headings || !questions.some(readsAsTrueFalse));
          // With headings, questions of one type keep together, as a document groups them.
          const ordered = style.headings ? [...questions].sort((a, b) => a.type.localeCompare(b.type)) : questions;
          const text = writeLayout(ordered, style);
          const { questions: read_, view } = read(text);
          expect(view.invalid).toEqual([]);
          expect(read_).toEqual(ordered);
        },
      ),
      { numRuns: 300 },
    );
  });
});
