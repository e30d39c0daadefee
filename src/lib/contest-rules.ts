/**
 * The rules of 知识竞赛 (knowledge contests): drawing a paper from the question bank, shuffling and
 * un-shuffling options, scoring an attempt, the time window and countdown, ranking, awards and the
 * branch leaderboard. Pure: no I/O; the time (`now`) and randomness (`random`) come from the caller.
 */

import {
  isCorrect,
  QUESTION_TYPES,
  scoreResponse,
  TYPE_LABELS,
  type PartialCreditRule,
  type QuestionContent,
  type QuestionResponse,
  type QuestionType,
} from './question-rules';

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

// ---------------------------------------------------------------------------------------------------
// Points and scoring

/** Points per question by type, and how 多选 answers that are not fully right score. */
export interface PointsRule {
  single: number;
  multiple: number;
  truefalse: number;
  fill: number;
  partial: PartialCreditRule;
}

export interface AttemptItem {
  content: Pick<QuestionContent, 'type' | 'answer' | 'options'>;
  /** In original option indexes (see toOriginalResponse); null when unanswered. */
  response: QuestionResponse | null;
}

export interface AttemptScore {
  /** Total, rounded to 2 decimals. */
  score: number;
  /** Questions answered fully right (a half-scored 多选 does not count). */
  correct: number;
  /** Points per item, in the items' order. */
  perItem: number[];
}

/** Rounds to 2 decimals, so sums of points like 0.1 + 0.2 read 0.3. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function scoreAttempt(items: readonly AttemptItem[], points: PointsRule): AttemptScore {
  const perItem = items.map((item) => scoreResponse(item.content, item.response, points[item.content.type], points.partial));
  const correct = items.filter((item) => item.response !== null && isCorrect(item.content, item.response)).length;
  return { score: round2(perItem.reduce((sum, value) => sum + value, 0)), correct, perItem };
}

/** The full marks of a paper with these question types. */
export function maxScore(types: readonly QuestionType[], points: PointsRule): number {
  return round2(types.reduce((sum, type) => sum + points[type], 0));
}

// ---------------------------------------------------------------------------------------------------
// Time

export interface ContestWindow {
  opensAt: number;
  closesAt: number;
  /** minutes, null = no limit */
  timeLimitMinutes: number | null;
}

/** Answers this late after the deadline are still accepted (network delay). */
export const GRACE_MS = 15_000;
const MINUTE_MS = 60_000;

/**
 * When an attempt started at `startedAt` must end: the contest's close, or sooner when there is a
 * time limit. `extraMinutes` is extra time an organiser grants a person (eyesight, a slow device);
 * 'unlimited' lifts the limit but never past the close. Negative extra time is treated as none.
 */
export function attemptDeadline(window: ContestWindow, startedAt: number, extraMinutes: number | 'unlimited'): number {
  if (window.timeLimitMinutes === null || extraMinutes === 'unlimited') return window.closesAt;
  const minutes = window.timeLimitMinutes + Math.max(0, extraMinutes);
  return Math.min(startedAt + minutes * MINUTE_MS, window.closesAt);
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 11月26日 14:00, in Beijing time whatever the server's zone. */
export function formatContestTime(time: number): string {
  return timeFormat.format(time);
}

/**
 * Whether a person may start an attempt at `now`, or a Chinese reason why not.
 * `attemptsAllowed` null means no limit on attempts.
 */
export function canStart(window: ContestWindow, now: number, attemptsUsed: number, attemptsAllowed: number | null): true | string {
  if (now < window.opensAt) return `竞赛还没有开始（${formatContestTime(window.opensAt)}开始）。`;
  if (now >= window.closesAt) return `竞赛已经结束了（${formatContestTime(window.closesAt)}结束）。`;
  if (attemptsAllowed !== null && attemptsUsed >= attemptsAllowed) return `您已经答过 ${attemptsUsed} 次，本竞赛每人最多 ${attemptsAllowed} 次。`;
  return true;
}

/** Whether an answer or the hand-in arriving at `now` still counts. */
export function acceptsAnswer(deadline: number, now: number): boolean {
  return now <= deadline + GRACE_MS;
}

/**
 * Whole seconds left for the countdown, never negative. Rounded up, so the clock shows 0 only when
 * time is really up.
 */
export function remainingSeconds(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** Most urgent last: when one reading jumps past several (a sleeping tab), only the latest is said. */
const ANNOUNCEMENTS: ReadonlyArray<{ seconds: number; text: string }> = [
  { seconds: 300, text: '还剩5分钟' },
  { seconds: 60, text: '还剩1分钟' },
  { seconds: 10, text: '还剩10秒' },
];

/**
 * What a screen reader should say between two countdown readings: a mark is crossed when the time
 * left was above it and now is at or below it, so each mark is said once however often the clock ticks.
 */
export function announcement(secondsLeft: number, previousSecondsLeft: number): string | null {
  let text: string | null = null;
  for (const mark of ANNOUNCEMENTS) {
    if (previousSecondsLeft > mark.seconds && secondsLeft <= mark.seconds) text = mark.text;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Ranking and awards

export interface ContestResult {
  userId: number;
  score: number;
  secondsUsed: number;
}

/**
 * Results ranked by score (high first), then time used (short first). Equal score and time share a
 * rank and the next rank is skipped (1, 1, 3). Ties are listed by userId so the order is stable.
 * Extra fields of the results (a name, a branch) are kept.
 */
export function rankResults<T extends ContestResult>(results: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...results].sort((a, b) => b.score - a.score || a.secondsUsed - b.secondsUsed || a.userId - b.userId);
  const ranked: Array<T & { rank: number }> = [];
  sorted.forEach((result, index) => {
    const previous = ranked[index - 1];
    const tied = previous !== undefined && previous.score === result.score && previous.secondsUsed === result.secondsUsed;
    ranked.push({ ...result, rank: tied ? previous.rank : index + 1 });
  });
  return ranked;
}

export interface Award {
  name: string;
  /** The award goes to ranks 1…upToRank not taken by a higher award. */
  upToRank: number;
}

/** The award for a rank (一等奖 up to 3, 二等奖 up to 10 …), or null when it wins none. */
export function awardFor(rank: number, awards: readonly Award[]): string | null {
  const byRank = [...awards].sort((a, b) => a.upToRank - b.upToRank);
  return byRank.find((award) => rank >= 1 && rank <= award.upToRank)?.name ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Branch leaderboard

export interface BranchMember {
  branchId: number;
  branchName: string;
  userId: number;
}

export interface BranchStanding {
  branchId: number;
  branchName: string;
  members: number;
  /** Members with a result. */
  participants: number;
  /** participants / members, 0–1, 2 decimals. */
  participationRate: number;
  /** Mean score of the participants, 2 decimals; 0 when none took part. */
  averageScore: number;
}

/** Each person's best score: with several attempts allowed, the best is the one that counts. */
function bestScores(results: ReadonlyArray<{ userId: number; score: number }>): Map<number, number> {
  const best = new Map<number, number>();
  for (const { userId, score } of results) best.set(userId, Math.max(score, best.get(userId) ?? Number.NEGATIVE_INFINITY));
  return best;
}

/**
 * Standing of each branch (党支部, community): how many of its members took part and their average
 * score, sorted by average (high first), then participation, then branchId so the order is stable.
 * Sorting uses the rounded figures, so branches that read the same are not ordered by hidden decimals.
 * Results of people in no branch are ignored; a person listed twice in one branch counts once.
 */
export function branchStandings(members: readonly BranchMember[], results: ReadonlyArray<{ userId: number; score: number }>): BranchStanding[] {
  const best = bestScores(results);
  const branches = new Map<number, { branchName: string; userIds: Set<number> }>();
  for (const member of members) {
    const branch = branches.get(member.branchId) ?? { branchName: member.branchName, userIds: new Set<number>() };
    branch.userIds.add(member.userId);
    branches.set(member.branchId, branch);
  }
  const standings = [...branches].map(([branchId, { branchName, userIds }]): BranchStanding => {
    const scores = [...userIds].flatMap((userId) => {
      const score = best.get(userId);
      return score === undefined ? [] : [score];
    });
    const total = scores.reduce((sum, score) => sum + score, 0);
    return {
      branchId,
      branchName,
      members: userIds.size,
      participants: scores.length,
      participationRate: round2(scores.length / userIds.size),
      averageScore: scores.length === 0 ? 0 : round2(total / scores.length),
    };
  });
  return standings.sort((a, b) => b.averageScore - a.averageScore || b.participationRate - a.participationRate || a.branchId - b.branchId);
}
