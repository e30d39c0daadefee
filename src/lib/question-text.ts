import { OPTION_LETTERS, TYPE_LABELS, type QuestionType } from './question-rules';
import { QUESTION_TEMPLATE_HEADER, questionTypeNamed, trueFalseNamed, type QuestionImportPreview } from './question-import';

/**
 * A question bank written as text — pasted, or read from a Word document — in the layout banks for
 * the 知识竞赛 circulate in:
 *
 *   一、单选题（每题2分）
 *   1. 题干（ ）
 *   A. 选项  B. 选项          (options on one line or one per line; A、 A． (A) Ａ. also)
 *   答案：B                    (or 正确答案 / 参考答案 / 【答案】, or the letter inside the blank: （B）)
 *   解析：……                  (and 分类 / 标签 / 难度 / 来源, all optional)
 *
 * or with the answers listed at the end (参考答案 / 答案：1.B 2.ACD …, per heading when the numbers
 * restart). Each question becomes a row in the template's columns, so the spreadsheet import's
 * validateQuestionRows checks it and the same preview shows it. What is not a question at all comes
 * back in `unreadable` with the reason. Pure: no I/O.
 */

export interface TextPiece {
  /** 1-based line (a Word document's paragraph) where it starts. */
  line: number;
  text: string;
}

export interface UnreadablePiece extends TextPiece {
  /** Plain Chinese: why it was not taken as (part of) a question. */
  why: string;
}

export interface ParsedQuestionText {
  /** QUESTION_TEMPLATE_HEADER, then one row per question. */
  rows: string[][];
  /** sources[i] is where rows[i + 1] came from, as written. */
  sources: TextPiece[];
  unreadable: UnreadablePiece[];
}

const NUMERAL = '[一二三四五六七八九十]+';
const DIGITS = '[0-9０-９]{1,4}';
/** 一、单选题（每题2分，共20分）, 第二部分 判断题： — alone on a line, or before answers (单选题：1.B 2.C). */
const HEADING = new RegExp(`^(?:第?\\s*${NUMERAL}\\s*(?:部分|大题)?\\s*[、.．:：]?\\s*)?([\\u4e00-\\u9fff]{2,6}?)\\s*(?:[（(][^）)]*[)）])?\\s*[:：]?\\s*(?=[0-9０-９]|$)`, 'u');
/** 1. 1、 1． 1） (1) （1） 第1题 — not 1.5. */
const QUESTION_START = new RegExp(`^(?:第\\s*(${DIGITS})\\s*题\\s*[.．、:：]?|[（(]\\s*(${DIGITS})\\s*[)）]|(${DIGITS})\\s*[.．、:：)）](?![0-9０-９]))\\s*`, 'u');
/** 参考答案 / 答案： on a line of its own, or before the list (答案：1.B 2.ACD). */
const KEY_START = new RegExp(`^(?:${NUMERAL}\\s*[、.．]\\s*)?(?:参考答案|标准答案|正确答案|答案)(?:及解析|与解析|汇总)?\\s*[:：]?\\s*`, 'u');
const KEY_ITEM = new RegExp(`(?<![0-9０-９])(${DIGITS})\\s*[.．、:：)）](?![0-9０-９])`, 'gu');

type Field = '答案' | '解析' | '分类' | '标签' | '难度' | '来源';
const FIELD_BY_LABEL: Record<string, Field> = {
  答案解析: '解析',
  试题解析: '解析',
  正确答案: '答案',
  参考答案: '答案',
  标准答案: '答案',
  答案: '答案',
  解析: '解析',
  分类: '分类',
  标签: '标签',
  难度: '难度',
  来源: '来源',
  出处: '来源',
};
const LABELS = Object.keys(FIELD_BY_LABEL).join('|');
/** 答案：B, 【答案】B — longer names first, so 答案解析 is not read as 答案. */
const LABEL = new RegExp(`【\\s*(${LABELS})\\s*】\\s*[:：]?|(${LABELS})\\s*[:：]`, 'gu');
/** The answer written in the blank: 题干（B）, 这句话是对的。（√） */
const ANSWER_IN_BLANK = /[（(]\s*([A-HＡ-Ｈ](?:\s*[、,，]?\s*[A-HＡ-Ｈ])*|对|错|√|×|✓|✗|正确|错误)\s*[)）]/gu;

/** A., A、, A．, A:, A）, (A), （A）, Ａ. — not inside a word such as ABC. or 3A. */
const OPTION_MARKERS = OPTION_LETTERS.map((letter, index) => {
  const both = `${letter}${String.fromCharCode(0xff21 + index)}`;
  return new RegExp(`(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])(?:[（(]\\s*[${both}]\\s*[)）]|[${both}]\\s*[.．、:：)）])\\s*`, 'gu');
});

interface Block {
  number: number;
  section: { index: number; type: QuestionType } | undefined;
  line: number;
  lines: string[];
  /** The lines as written, number included. */
  original: string[];
}

interface KeyEntry extends TextPiece {
  section: QuestionType | undefined;
  number: number;
  value: string;
  used: boolean;
}

/** The type a heading line names (一、单选题 …) and what follows it on the line. */
export function typeHeading(line: string): { type: QuestionType; rest: string } | undefined {
  const match = HEADING.exec(line);
  const type = match?.[1] === undefined ? undefined : questionTypeNamed(match[1]);
  return match && type ? { type, rest: line.slice(match[0].length) } : undefined;
}

/** Whether a line starts a numbered question (1. 1、 (1) 第1题). */
export function startsQuestion(line: string): boolean {
  return QUESTION_START.test(line.trim());
}

export function parseQuestionText(text: string): ParsedQuestionText {
  const lines = text
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u200b-\u200d\ufeff]/gu, '')
    .split('\n')
    .map((line) => line.replace(/[\s\u3000]+/gu, ' ').trim());
  const unreadable: UnreadablePiece[] = [];
  const blocks: Block[] = [];
  const key: KeyEntry[] = [];
  let section: Block['section'];
  let sections = 0;
  let keySection: QuestionType | undefined;
  let inKey = false;
  let current: Block | undefined;

  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    if (line === '') continue;
    if (inKey) {
      const heading = typeHeading(line);
      if (heading) keySection = heading.type;
      const items = keyItems(heading ? heading.rest : line);
      for (const item of items.entries) key.push({ ...item, section: keySection, line: lineNumber, text: line, used: false });
      if (items.entries.length === 0 && !(heading && heading.rest === '')) {
        unreadable.push({ line: lineNumber, text: line, why: '这一行在答案表里，但看不出是第几题的答案。请写成“1.B 2.ACD”这样。' });
      } else if (items.before !== '') {
        unreadable.push({ line: lineNumber, text: line, why: `答案表里的“${items.before}”看不出是第几题的答案，没有用上。` });
      }
      continue;
    }
    const heading = typeHeading(line);
    if (heading && heading.rest === '') {
      current = undefined;
      sections += 1;
      section = { index: sections, type: heading.type };
      continue;
    }
    const keyStart = KEY_START.exec(line);
    if (keyStart) {
      const rest = line.slice(keyStart[0].length);
      const items = keyItems(rest);
      if (rest === '' || (items.before === '' && items.entries.length >= 2)) {
        inKey = true;
        current = undefined;
        for (const item of items.entries) key.push({ ...item, section: undefined, line: lineNumber, text: line, used: false });
        continue;
      }
    }
    const start = QUESTION_START.exec(line);
    if (start) {
      current = { number: toNumber(start[1] ?? start[2] ?? start[3] ?? ''), section, line: lineNumber, lines: [line.slice(start[0].length)], original: [line] };
      blocks.push(current);
    } else if (current) {
      current.lines.push(line);
      current.original.push(line);
    } else {
      unreadable.push({ line: lineNumber, text: line, why: '这一行不在任何一道题里，没有导入。如果它是一道题，请在前面加上题号，比如“1.”。' });
    }
  }

  const numberCount = new Map<number, number>();
  for (const block of blocks) numberCount.set(block.number, (numberCount.get(block.number) ?? 0) + 1);
  const answerFromKey = (block: Block): string => {
    const bySection = block.section === undefined ? [] : key.filter((entry) => entry.number === block.number && entry.section === block.section?.type);
    const plain = numberCount.get(block.number) === 1 ? key.filter((entry) => entry.number === block.number && entry.section === undefined) : [];
    const found = bySection.length > 0 ? bySection : plain;
    for (const entry of found) entry.used = true;
    return found[0]?.value ?? '';
  };

  const rows = [[...QUESTION_TEMPLATE_HEADER], ...blocks.map((block) => readQuestion(block, answerFromKey))];
  for (const entry of key) {
    if (!entry.used) unreadable.push({ line: entry.line, text: entry.text, why: `答案表里有第${entry.number}题的答案“${entry.value}”，但没有找到对应的第${entry.number}题。` });
  }
  unreadable.sort((a, b) => a.line - b.line);
  return { rows, sources: blocks.map((block) => ({ line: block.line, text: block.original.join('\n') })), unreadable };
}

/** One numbered question's lines → a row of the template. */
function readQuestion(block: Block, answerFromKey: (block: Block) => string): string[] {
  const whole = block.lines.join('\n');
  const labels = [...whole.matchAll(LABEL)];
  const head = whole.slice(0, labels[0]?.index ?? whole.length);
  const fields = new Map<Field, string>();
  for (const [index, label] of labels.entries()) {
    const field = FIELD_BY_LABEL[label[1] ?? label[2] ?? ''];
    if (field === undefined) continue;
    const value = tidy(whole.slice((label.index ?? 0) + label[0].length, labels[index + 1]?.index ?? whole.length));
    fields.set(field, [fields.get(field), value].filter(Boolean).join(' '));
  }

  let { stem, options } = splitOptions(head);
  // Looked up even when the question has its own answer, so the list's entry counts as used.
  const keyed = answerFromKey(block);
  let answer = fields.get('答案') ?? '';
  if (answer === '') {
    const inBlank = [...stem.matchAll(ANSWER_IN_BLANK)].filter((match) => (/^[A-HＡ-Ｈ]/u.test(match[1] ?? '') ? options.length > 0 : options.length === 0)).at(-1);
    if (inBlank?.index !== undefined) {
      answer = inBlank[1] ?? '';
      stem = `${stem.slice(0, inBlank.index)}（ ）${stem.slice(inBlank.index + inBlank[0].length)}`;
    }
  }
  if (answer === '') answer = keyed;

  const trueFalseOptions = options.length >= 2 && options.every((option) => trueFalseNamed(option) !== undefined);
  const type = block.section?.type ?? guessType(options, answer, trueFalseOptions);
  if (type === 'truefalse' && trueFalseOptions) {
    // 判断 written as options A 正确 / B 错误 with the answer A: the answer is the option's word.
    const letters = answerLetters(answer);
    const chosen = letters?.length === 1 ? options[OPTION_LETTERS.indexOf(letters[0] as (typeof OPTION_LETTERS)[number])] : undefined;
    const value = chosen === undefined ? undefined : trueFalseNamed(chosen);
    if (value !== undefined) answer = value ? '对' : '错';
    if (value !== undefined || letters === undefined) options = [];
  }

  const cells: Record<string, string> = { 题型: TYPE_LABELS[type], 题干: stem, 答案: answer };
  for (const [index, option] of options.entries()) cells[`选项${OPTION_LETTERS[index]}`] = option;
  for (const field of ['解析', '分类', '标签', '难度', '来源'] as const) cells[field] = fields.get(field) ?? '';
  return QUESTION_TEMPLATE_HEADER.map((column) => cells[column] ?? '');
}

/**
 * The stem and the options A… in order. The options start at the last A before the first B that
 * follows an A, so a letter in the blank (题干（A）A.甲 B.乙) stays in the stem.
 */
function splitOptions(head: string): { stem: string; options: string[] } {
  const marks = (index: number, from = 0): RegExpExecArray[] => [...head.matchAll(OPTION_MARKERS[index] as RegExp)].filter((match) => match.index >= from);
  const aMarks = marks(0);
  const firstB = marks(1).find((b) => aMarks.some((a) => a.index < b.index));
  const a = firstB === undefined ? aMarks.at(-1) : aMarks.filter((mark) => mark.index < firstB.index).at(-1);
  if (a === undefined) return { stem: tidy(head), options: [] };
  const starts: RegExpExecArray[] = [a];
  for (let index = 1; index < OPTION_LETTERS.length; index++) {
    const previous = starts[index - 1] as RegExpExecArray;
    const next = marks(index, previous.index + previous[0].length)[0];
    if (next === undefined) break;
    starts.push(next);
  }
  const options = starts.map((mark, index) => tidy(head.slice(mark.index + mark[0].length, starts[index + 1]?.index ?? head.length)).replace(/[;；]+$/u, '').trim());
  return { stem: tidy(head.slice(0, a.index)), options };
}

function guessType(options: string[], answer: string, trueFalseOptions: boolean): QuestionType {
  if (trueFalseOptions) return 'truefalse';
  if (options.length > 0) return (answerLetters(answer)?.length ?? 0) > 1 ? 'multiple' : 'single';
  return trueFalseNamed(answer) === undefined ? 'fill' : 'truefalse';
}

/** The distinct letters of an answer such as A、C、D or ＡＣ; undefined when it is not letters. */
function answerLetters(answer: string): string[] | undefined {
  const typed = answer.normalize('NFKC').toUpperCase().replace(/[\s,，、;；/]+/gu, '');
  return /^[A-H]+$/u.test(typed) ? [...new Set(typed)] : undefined;
}

/** 1.B 2.ACD 3、对 → numbered answers; `before` is any text ahead of the first number. */
function keyItems(text: string): { before: string; entries: Array<{ number: number; value: string }> } {
  const marks = [...text.matchAll(KEY_ITEM)];
  const entries = marks.flatMap((mark, index) => {
    const value = text
      .slice(mark.index + mark[0].length, marks[index + 1]?.index ?? text.length)
      .trim()
      .replace(/[,，;；。]+$/u, '')
      .trim();
    return value === '' ? [] : [{ number: toNumber(mark[1] ?? ''), value }];
  });
  return { before: text.slice(0, marks[0]?.index ?? text.length).trim(), entries };
}

/** Lines of one part → one line: Chinese joins without a space, Latin words with one; runs of spaces become one. */
function tidy(part: string): string {
  return part
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .reduce((joined, line) => (joined === '' ? line : /[A-Za-z0-9]$/u.test(joined) && /^[A-Za-z0-9]/u.test(line) ? `${joined} ${line}` : `${joined}${line}`), '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function toNumber(digits: string): number {
  return Number(digits.normalize('NFKC'));
}

/** What the preview shows of a text or a Word document: its lines, not spreadsheet rows. */
export interface TextImportView {
  /** When present, nothing was found to import. */
  fileErrors: string[];
  valid: Array<{ line: number; type: QuestionType; stem: string }>;
  /** Questions with problems and pieces that are not questions, each with its text as written. */
  invalid: Array<{ line: number; text: string; problems: string[] }>;
}

/** How many lines of a text without questions are shown, so the organiser sees what was read. */
const FIRST_LINES = 5;

/**
 * The checked rows (validateQuestionRows of parsed.rows) told by the lines they came from, with the
 * pieces that were not questions among them; a text without a single numbered question says so and
 * shows its first lines.
 */
export function textImportView(text: string, parsed: ParsedQuestionText, checked: QuestionImportPreview): TextImportView {
  if (parsed.sources.length === 0) {
    const first = text.split(/\r?\n/u).map((line) => line.trim()).filter((line) => line !== '').slice(0, FIRST_LINES);
    return {
      fileErrors: [
        '没有找到题目。每道题要以题号开头（比如“1.”或“1、”），选项以 A. B. 开头，答案写在“答案：”后面。',
        first.length === 0 ? '读到的内容是空的：这个文件里没有文字。' : `读到的前几行是：${first.map((line) => `“${line}”`).join(' ')}`,
      ],
      valid: [],
      invalid: [],
    };
  }
  const source = (row: number): TextPiece => parsed.sources[row - 2] ?? { line: 0, text: '' };
  if (checked.fileErrors.length > 0) return { fileErrors: checked.fileErrors, valid: [], invalid: [] };
  const invalid = [
    ...checked.invalid.map((row) => ({ ...source(row.row), problems: row.problems })),
    ...parsed.unreadable.map((piece) => ({ line: piece.line, text: piece.text, problems: [piece.why] })),
  ].sort((a, b) => a.line - b.line);
  return {
    fileErrors: [],
    valid: checked.valid.map((row) => ({ line: source(row.row).line, type: row.question.type, stem: row.question.stem })),
    invalid,
  };
}
