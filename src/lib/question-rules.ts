/**
 * Questions of the 知识竞赛 and practice quizzes: their four types, answer keys, and how a response
 * is judged and scored. Pure: no I/O.
 */

import { chineseToArabic } from './chinese-numerals';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What organisers call each type (the 题型 column of the import template). */
export const TYPE_LABELS: Record<QuestionType, string> = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空' };

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
/** 选项A … 选项H. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

export const DIFFICULTIES = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { 1: '易', 2: '中', 3: '难' };

/**
 * The correct answer. Options are referred to by their index in `options` (0 = A).
 * - single: exactly one option index
 * - multiple: two or more option indexes, ascending, no repeats
 * - truefalse: true (对) or false (错); such questions have no options
 * - fill: one or more accepted answers (alternatives); such questions have no options
 */
export type AnswerKey =
  | { type: 'single'; option: number }
  | { type: 'multiple'; options: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'fill'; accepted: string[] };

/** One version of a question, as stored and as scored. */
export interface QuestionContent {
  type: QuestionType;
  stem: string;
  /** 2–8 option texts for single and multiple; empty for truefalse and fill. */
  options: string[];
  answer: AnswerKey;
  /** 解析: shown after answering when the rules allow; may be empty. */
  explanation: string;
  category: string;
  tags: string[];
  difficulty: Difficulty;
  source: string;
}

/** What a person answered. Option indexes refer to the question's own `options` order. */
export type QuestionResponse =
  | { type: 'single'; option: number }
  | { type: 'multiple'; options: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'fill'; text: string };

/**
 * How a 多选 answer that is not fully right scores:
 * - none: all or nothing
 * - half: half the points when every chosen option is correct but some correct ones are missing
 *   (choosing any wrong option scores 0) — the common rule of Chinese knowledge contests
 * - proportional: points × (correct chosen / all correct) when no wrong option is chosen
 */
export const PARTIAL_CREDIT_RULES = ['none', 'half', 'proportional'] as const;
export type PartialCreditRule = (typeof PARTIAL_CREDIT_RULES)[number];

/** Length limits of a question's texts in characters (code points), shared by the import and the editor. */
export const QUESTION_LIMITS = {
  stem: 500,
  option: 200,
  fillAlternative: 100,
  explanation: 1000,
  category: 40,
  tag: 20,
  tags: 10,
  source: 200,
  /** What a learner may type into a 填空 box. */
  fillResponse: 200,
} as const;

// Quotes and book-title marks people add around an answer (NFKC has already folded ＂ and ＇ to " and ').
const LEADING_WRAPPERS = /^[\s“‘"'「『《〈【]+/u;
// Closing marks plus the sentence-ending punctuation listed in normalizeFillAnswer (．，！？； fold via NFKC).
const TRAILING_WRAPPERS = /[\s”’"'」』》〉】。.,!?;、]+$/u;
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f]`;
const SPACE_NEXT_TO_CJK = new RegExp(String.raw`(?<=${CJK}) | (?=${CJK})`, 'gu');

/**
 * A 填空 answer tidied, the first step of fillAnswerKey. It forgives what an older learner should not
 * lose a point for: full-width letters, digits and punctuation (NFKC), upper/lower case, spaces around
 * the answer and spaces next to Chinese characters (other runs of spaces count as one), and quotes,
 * book-title marks or a full stop, comma, question or exclamation mark around the answer (“《论语》。” = 论语).
 * Used to show an answer tidied (the organiser's statistics); answers are compared by fillAnswerKey.
 */
export function normalizeFillAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(LEADING_WRAPPERS, '')
    .replace(TRAILING_WRAPPERS, '')
    .replace(/\s+/gu, ' ')
    .replace(SPACE_NEXT_TO_CJK, '');
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Spaces and punctuation; between two digits they may separate two numbers (1、2 ≠ 12). */
const MARKS = /[\s\p{P}]+/gu;
/** A thousands separator: a comma followed by exactly three digits (1,000). */
const THOUSANDS = /^\d{3}(?!\d)/u;

/**
 * The key two 填空 answers are judged equal by — the one rule practice, contests, the import and the
 * organiser's statistics share. On top of normalizeFillAnswer it forgives what a person would: Chinese
 * numerals and digits (八项 = 8项, 一九三五年 = 1935年 = 一千九百三十五年; see chineseToArabic for
 * which runs fold, so 五一 ≠ 51), and spaces or punctuation (“中央八项规定” = “中央 八项-规定”).
 * Between two digits a mark still separates two numbers (1、2 ≠ 12, 3.14 ≠ 314) unless it is a
 * thousands comma (1,000 = 1000). Empty means the answer holds nothing to judge.
 */
export function fillAnswerKey(text: string): string {
  return chineseToArabic(normalizeFillAnswer(text)).replace(MARKS, (marks, at: number, whole: string) => {
    if (!isDigit(whole[at - 1]) || !isDigit(whole[at + marks.length])) return '';
    if (marks === '.') return '.';
    return marks === ',' && THOUSANDS.test(whole.slice(at + 1)) ? '' : ' ';
  });
}

/**
 * The key two stems are duplicates by: full-width folded, lower-cased, without any spaces or
 * punctuation — so “（  ）”, “____” gaps, brackets, quotes and a different question mark do not hide a duplicate.
 */
export function stemKey(stem: string): string {
  return stem.normalize('NFKC').replace(/[\s\p{P}]+/gu, '').toLowerCase();
}

/** A question whose stem (by stemKey) is also in another bank: a practice bank, or a running contest's. */
export interface SharedQuestion {
  /** The stem as the bank in question holds it. */
  stem: string;
  /** Where else it is, for people: 练习题库“…”, 竞赛“…”. */
  elsewhere: string[];
}

function isOptionIndex(options: readonly string[], index: unknown): index is number {
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < options.length;
}

/** The distinct chosen indexes, or null when any is not an option of the question (a tampered response). */
function chosenOptions(options: readonly string[], chosen: unknown): Set<number> | null {
  if (!Array.isArray(chosen)) return null;
  const set = new Set<number>();
  for (const index of chosen as unknown[]) {
    if (!isOptionIndex(options, index)) return null;
    set.add(index);
  }
  return set;
}

/** Whether a response is fully right. Responses come from browsers, so their values are checked here too. */
export function isCorrect(question: Pick<QuestionContent, 'answer' | 'options'>, response: QuestionResponse): boolean {
  const { answer, options } = question;
  switch (answer.type) {
    case 'single':
      return response.type === 'single' && isOptionIndex(options, response.option) && response.option === answer.option;
    case 'multiple': {
      if (response.type !== 'multiple') return false;
      const chosen = chosenOptions(options, response.options);
      const correct = new Set(answer.options);
      return chosen !== null && chosen.size === correct.size && [...chosen].every((index) => correct.has(index));
    }
    case 'truefalse':
      return response.type === 'truefalse' && response.value === answer.value;
    case 'fill': {
      if (response.type !== 'fill' || typeof response.text !== 'string') return false;
      const given = fillAnswerKey(response.text);
      return given !== '' && answer.accepted.some((accepted) => fillAnswerKey(accepted) === given);
    }
  }
}

/**
 * Points earned by a response; null means unanswered. Only a 多选 answer can earn part of the
 * points, as `rule` says (see PartialCreditRule). Never throws, whatever the response holds.
 */
export function scoreResponse(
  question: Pick<QuestionContent, 'answer' | 'options'>,
  response: QuestionResponse | null,
  points: number,
  rule: PartialCreditRule,
): number {
  if (response === null) return 0;
  if (isCorrect(question, response)) return points;
  if (rule === 'none' || question.answer.type !== 'multiple' || response.type !== 'multiple') return 0;
  const chosen = chosenOptions(question.options, response.options);
  if (chosen === null || chosen.size === 0) return 0;
  const correct = new Set(question.answer.options);
  for (const index of chosen) if (!correct.has(index)) return 0;
  // Every chosen option is right and (not being fully correct) some right ones are missing.
  if (rule === 'half') return points / 2;
  return Math.round((points * chosen.size * 100) / correct.size) / 100;
}

const FORMAT_ERROR = '答案格式不正确，请重新选择。';
/** A 填空 answer of only spaces, punctuation or quotes: refused, not judged. */
export const EMPTY_FILL = '只填了空格或标点，还没有写答案。请在框里写上答案，再提交。';
const NO_SUCH_OPTION = '选项不存在，请重新选择。';

/**
 * An untrusted response (form or API) checked against its question: the response in canonical form
 * (多选 ascending, 填空 trimmed), or a Chinese message for the learner. Never throws.
 */
export function validateResponse(question: Pick<QuestionContent, 'type' | 'options'>, raw: unknown): QuestionResponse | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return FORMAT_ERROR;
  const record = raw as Record<string, unknown>;
  if (record['type'] !== question.type) return FORMAT_ERROR;
  switch (question.type) {
    case 'single': {
      const option = record['option'];
      if (typeof option !== 'number' || !Number.isInteger(option)) return FORMAT_ERROR;
      return isOptionIndex(question.options, option) ? { type: 'single', option } : NO_SUCH_OPTION;
    }
    case 'multiple': {
      const options = record['options'];
      // The length check first, so a huge array is refused without walking it.
      if (!Array.isArray(options) || options.length > question.options.length) return FORMAT_ERROR;
      if (options.length === 0) return '请至少选择一个选项。';
      const chosen = options as unknown[];
      if (!chosen.every((index) => typeof index === 'number' && Number.isInteger(index))) return FORMAT_ERROR;
      if (!chosen.every((index) => isOptionIndex(question.options, index))) return NO_SUCH_OPTION;
      const distinct = new Set(chosen as number[]);
      if (distinct.size !== chosen.length) return FORMAT_ERROR;
      return { type: 'multiple', options: [...distinct].sort((a, b) => a - b) };
    }
    case 'truefalse': {
      const value = record['value'];
      return typeof value === 'boolean' ? { type: 'truefalse', value } : FORMAT_ERROR;
    }
    case 'fill': {
      const text = record['text'];
      if (typeof text !== 'string') return FORMAT_ERROR;
      const trimmed = text.trim();
      if (trimmed === '') return '请填写答案。';
      if (fillAnswerKey(trimmed) === '') return EMPTY_FILL;
      const length = [...trimmed].length;
      if (length > QUESTION_LIMITS.fillResponse) return `答案太长了（${length}个字），最多${QUESTION_LIMITS.fillResponse}个字，请改短。`;
      return { type: 'fill', text: trimmed };
    }
  }
}

/** B. 1921年: an option as people read it. */
function optionForPeople(options: readonly string[], index: number): string {
  return `${OPTION_LETTERS[index] ?? '?'}. ${options[index] ?? ''}`;
}

/** An answer someone gave, as they read it on their result: B. 1921年 / A. …；C. … / 对 / what they typed. */
export function responseForPeople(options: readonly string[], response: QuestionResponse): string {
  switch (response.type) {
    case 'single':
      return optionForPeople(options, response.option);
    case 'multiple':
      return response.options.map((index) => optionForPeople(options, index)).join('；');
    case 'truefalse':
      return response.value ? '对' : '错';
    case 'fill':
      return response.text;
  }
}

/** The correct answer as a learner reads it after answering: B. 1921年 / 对 / 人民（或：人民群众）. */
export function answerForPeople(question: Pick<QuestionContent, 'answer' | 'options'>): string {
  const option = (index: number): string => optionForPeople(question.options, index);
  switch (question.answer.type) {
    case 'single':
      return option(question.answer.option);
    case 'multiple':
      return question.answer.options.map(option).join('；');
    case 'truefalse':
      return question.answer.value ? '对' : '错';
    case 'fill': {
      const [first = '', ...others] = question.answer.accepted;
      return others.length > 0 ? `${first}（也可以写：${others.join('、')}）` : first;
    }
  }
}

/** 每日一练 has this many questions a day (the draw in server/practice.ts and every page that says so). */
export const DAILY_COUNT = 5;

/** A question as practice shows it: the current version of an active question. */
export interface PracticeQuestion {
  questionId: number;
  versionId: number;
  content: QuestionContent;
}
