/**
 * 知识竞赛 papers: drawing questions from the bank by rule, and mapping the options' shown positions
 * back to the stored ones. Pure: randomness comes from the caller.
 */

import { QUESTION_TYPES, TYPE_LABELS, type QuestionContent, type QuestionResponse, type QuestionType } from './question-rules';

// ---------------------------------------------------------------------------------------------------
// Drawing questions

/** One line of the organiser's paper: draw `count` questions of `type` (from `category` when given). */
export interface DrawRule {
  type: QuestionType;
  category?: string | undefined;
  count: number;
}

/** A question the draw may pick: its current version, and what the rules match on. */
export interface Candidate {
  questionId: number;
  versionId: number;
  type: QuestionType;
  category: string;
  /** 2–8 for 单选/多选; 0 for 判断/填空. */
  optionCount: number;
}

export interface DrawnQuestion {
  questionId: number;
  versionId: number;
  /** shown position i → original option index */
  optionOrder: number[];
}

/** One rule never draws more than this, so a typo (1000 for 10) is caught on the organiser's form. */
export const MAX_RULE_COUNT = 100;
/** A paper longer than this is more than an older contestant can sit through. */
export const MAX_PAPER_QUESTIONS = 200;

/** A random integer in [0, n), safe against a `random` that returns 1 or something odd. */
function randomIndex(random: () => number, n: number): number {
  const value = random();
  if (!Number.isFinite(value)) return 0;
  return Math.min(n - 1, Math.max(0, Math.floor(value * n)));
}

/** A shuffled copy (Fisher–Yates), so every order is equally likely. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const at = result[i] as T;
    result[i] = result[j] as T;
    result[j] = at;
  }
  return result;
}

/** The rule's category, or undefined when it takes any category (a blank field means any). */
function ruleCategory(rule: DrawRule): string | undefined {
  const category = rule.category?.trim();
  return category === undefined || category === '' ? undefined : category;
}

/** How organisers read a rule: 多选·党史, or just 单选 when any category will do. */
function ruleLabel(rule: DrawRule): string {
  const category = ruleCategory(rule);
  return category === undefined ? TYPE_LABELS[rule.type] : `${TYPE_LABELS[rule.type]}·${category}`;
}

function matches(rule: DrawRule, candidate: Candidate): boolean {
  const category = ruleCategory(rule);
  return candidate.type === rule.type && (category === undefined || candidate.category.trim() === category);
}

/** One candidate per question: a question listed twice (two versions) must not be drawn twice. */
function distinctQuestions(candidates: readonly Candidate[]): Candidate[] {
  const byId = new Map<number, Candidate>();
  for (const candidate of candidates) if (!byId.has(candidate.questionId)) byId.set(candidate.questionId, candidate);
  return [...byId.values()];
}

/**
 * The order rules are filled in: rules with a category first, then the ones that take any category.
 * Otherwise “单选 ×10” could take the 党史 questions that a later “单选·党史 ×5” needs, and whether a
 * paper can be drawn would depend on luck. Filling the narrow rules first makes it depend only on the
 * counts, so the organiser's form can promise what every later draw will do.
 */
function fillingOrder(rules: readonly DrawRule[]): number[] {
  const indexes = rules.map((_, index) => index);
  return [...indexes.filter((index) => ruleCategory(rules[index] as DrawRule) !== undefined), ...indexes.filter((index) => ruleCategory(rules[index] as DrawRule) === undefined)];
}

function notEnoughMessage(rule: DrawRule, matching: number, takenByOthers: number): string {
  const label = ruleLabel(rule);
  if (takenByOthers === 0 || matching < rule.count) return `题库里的“${label}”题只有${matching}道，不够抽${rule.count}道。`;
  return `题库里的“${label}”题有${matching}道，其他规则已经抽走${takenByOthers}道，剩下的不够抽${rule.count}道。`;
}

interface Fill {
  /** Picked questions per rule index (fewer than asked when the rule could not be satisfied). */
  picks: Candidate[][];
  /** Per rule index: why it could not be satisfied, if it could not. */
  problems: Array<string | undefined>;
}

/**
 * Fills every rule with distinct questions. Unseen questions are taken first; seen ones only when
 * too few unseen ones are left — the spec wants no repeats across a person's attempts, but a small
 * bank and many attempts can make that impossible, and a repeated question beats no contest at all.
 */
function fillRules(candidates: readonly Candidate[], rules: readonly DrawRule[], alreadySeen: ReadonlySet<number>, random: () => number): Fill {
  const pool = distinctQuestions(candidates);
  const taken = new Set<number>();
  const picks: Candidate[][] = rules.map(() => []);
  const problems: Array<string | undefined> = rules.map(() => undefined);
  for (const index of fillingOrder(rules)) {
    const rule = rules[index] as DrawRule;
    const matching = pool.filter((candidate) => matches(rule, candidate));
    const free = matching.filter((candidate) => !taken.has(candidate.questionId));
    const unseen = free.filter((candidate) => !alreadySeen.has(candidate.questionId));
    const seen = free.filter((candidate) => alreadySeen.has(candidate.questionId));
    const chosen = [...shuffled(unseen, random), ...shuffled(seen, random)].slice(0, rule.count);
    for (const candidate of chosen) taken.add(candidate.questionId);
    picks[index] = chosen;
    if (chosen.length < rule.count) problems[index] = notEnoughMessage(rule, matching.length, matching.length - free.length);
  }
  return { picks, problems };
}

function isQuestionType(value: unknown): value is QuestionType {
  return (QUESTION_TYPES as readonly unknown[]).includes(value);
}

function hasValidCount(rule: DrawRule): boolean {
  return Number.isInteger(rule.count) && rule.count >= 1 && rule.count <= MAX_RULE_COUNT;
}

/**
 * Problems with the organiser's draw rules, in Chinese, for the contest form; empty when a paper can
 * be drawn from `candidates` (the bank's current questions). Rules may come from a form, so their
 * types and counts are checked at run time too.
 */
export function validateDrawRules(rules: readonly DrawRule[], candidates: readonly Candidate[]): string[] {
  if (rules.length === 0) return ['请至少添加一条抽题规则。'];
  const problems: string[] = [];
  rules.forEach((rule, index) => {
    if (!isQuestionType(rule.type)) problems.push(`第${index + 1}条规则的题型不正确，请选择单选、多选、判断或填空。`);
    else if (!hasValidCount(rule)) problems.push(`“${ruleLabel(rule)}”要抽的题数必须是1到${MAX_RULE_COUNT}之间的整数。`);
  });
  const wellFormed = rules.filter((rule) => isQuestionType(rule.type) && hasValidCount(rule));
  const total = wellFormed.reduce((sum, rule) => sum + rule.count, 0);
  if (total > MAX_PAPER_QUESTIONS) problems.push(`一套题最多${MAX_PAPER_QUESTIONS}道，现在一共要抽${total}道。`);
  // Which questions are drawn does not change whether there are enough (see fillingOrder).
  const fill = fillRules(candidates, wellFormed, new Set(), () => 0);
  for (const problem of fill.problems) if (problem !== undefined) problems.push(problem);
  return problems;
}

/** Option order for one drawn question: identity when not shuffling, so every question carries one. */
function optionOrderFor(optionCount: number, shuffleOptions: boolean, random: () => number): number[] {
  const identity = Array.from({ length: Math.max(0, optionCount) }, (_, index) => index);
  return shuffleOptions ? shuffled(identity, random) : identity;
}

/**
 * A contestant's paper: for each rule, `count` distinct questions at random (never one that an
 * earlier rule of this draw picked; questions from `alreadySeen`, the person's earlier attempts, only
 * as a last resort), with options shuffled when `shuffleOptions`. Questions stay in the organiser's
 * rule order — types grouped, 单选 first as organisers list them — and are random within a rule.
 * Returns a Chinese message instead when the rules cannot be satisfied.
 */
export function drawQuestions(
  candidates: readonly Candidate[],
  rules: readonly DrawRule[],
  alreadySeen: ReadonlySet<number>,
  random: () => number,
  shuffleOptions: boolean,
): DrawnQuestion[] | string {
  const [problem] = validateDrawRules(rules, candidates);
  if (problem !== undefined) return problem;
  const fill = fillRules(candidates, rules, alreadySeen, random);
  return fill.picks.flat().map((candidate) => ({
    questionId: candidate.questionId,
    versionId: candidate.versionId,
    optionOrder: optionOrderFor(candidate.optionCount, shuffleOptions, random),
  }));
}

// ---------------------------------------------------------------------------------------------------
// Shown and original option positions

/** Maps each chosen index, or null when any is not a valid index of `from` (a tampered response). */
function mapIndexes(indexes: unknown, map: (index: number) => number | undefined): number[] | null {
  if (!Array.isArray(indexes)) return null;
  const mapped: number[] = [];
  for (const index of indexes as unknown[]) {
    if (typeof index !== 'number' || !Number.isInteger(index)) return null;
    const target = map(index);
    if (target === undefined) return null;
    mapped.push(target);
  }
  // Ascending, the canonical form validateResponse gives.
  return mapped.sort((a, b) => a - b);
}

function remap(response: QuestionResponse, map: (index: number) => number | undefined): QuestionResponse | null {
  switch (response.type) {
    case 'single': {
      const [option] = mapIndexes([response.option], map) ?? [];
      return option === undefined ? null : { type: 'single', option };
    }
    case 'multiple': {
      const options = mapIndexes(response.options, map);
      return options === null ? null : { type: 'multiple', options };
    }
    case 'truefalse':
    case 'fill':
      return { ...response };
  }
}

/**
 * What a contestant picked on screen (shown positions) as the question's own option indexes, for
 * scoring; null when a position is not on screen (a tampered response). `optionOrder` is the stored
 * order of the attempt, trusted. An empty order means the options were not reordered: indexes pass
 * through (only negative or fractional ones are refused here; scoreResponse gives 0 to the rest).
 */
export function toOriginalResponse(response: QuestionResponse, optionOrder: readonly number[]): QuestionResponse | null {
  if (optionOrder.length === 0) return remap(response, (index) => (index >= 0 ? index : undefined));
  return remap(response, (shown) => optionOrder[shown]);
}

/** The reverse of toOriginalResponse: a saved answer as shown positions, to restore the screen. */
export function toShownResponse(response: QuestionResponse, optionOrder: readonly number[]): QuestionResponse | null {
  if (optionOrder.length === 0) return remap(response, (index) => (index >= 0 ? index : undefined));
  return remap(response, (original) => {
    const shown = optionOrder.indexOf(original);
    return shown === -1 ? undefined : shown;
  });
}

/** A question of an attempt as the contestant sees it: no answer, options in the shown order. */
export interface ShownQuestion {
  position: number;
  type: QuestionContent['type'];
  stem: string;
  options: string[];
  /** The saved answer in shown positions, to put back on screen; null when not answered. */
  response: QuestionResponse | null;
}
