/**
 * 知识竞赛 results: scoring an attempt, ranking, awards and the branch leaderboard. Pure.
 */

import { isCorrect, scoreResponse, type PartialCreditRule, type QuestionContent, type QuestionResponse, type QuestionType } from './question-rules';

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

/** How many questions a paper drawn by these rules has, and its full marks. */
export function paperSize(rules: ReadonlyArray<{ type: QuestionType; count: number }>, points: PointsRule): { questions: number; fullMarks: number } {
  const types = rules.flatMap((rule) => Array.from({ length: rule.count }, () => rule.type));
  return { questions: types.length, fullMarks: maxScore(types, points) };
}

/**
 * Time used, from the start to the hand-in but never past the deadline: an attempt handed in by the
 * server hours later must not be charged the hours nobody was answering.
 */
export function secondsUsed(attempt: { startedAt: number; deadline: number; submittedAt: number }): number {
  return Math.max(0, Math.round((Math.min(attempt.submittedAt, attempt.deadline) - attempt.startedAt) / 1000));
}

/** 0.75 → 75%. */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** Branch ranks: branches whose average and participation read the same share a rank (1, 1, 3). */
export function branchRanks(standings: readonly BranchStanding[]): number[] {
  const ranks: number[] = [];
  standings.forEach((branch, index) => {
    const previous = standings[index - 1];
    const tied = previous !== undefined && previous.averageScore === branch.averageScore && previous.participationRate === branch.participationRate;
    ranks.push(tied ? (ranks[index - 1] ?? index + 1) : index + 1);
  });
  return ranks;
}

/** When contestants see the right answers and explanations of their paper. */
export type AnswersVisible = 'after_submit' | 'after_close' | 'never';
