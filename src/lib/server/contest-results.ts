/**
 * 知识竞赛 results on the server: finishing attempts whose time ran out, the personal and branch
 * standings, per-question statistics, award certificates and the organiser's results workbook.
 * The rules themselves (ranking, awards, branch averages) live in src/lib/contest-results.ts.
 */

import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { attemptQuestions, branches, contestAttempts, contestAwards, contestBranches, contests, questionVersions, users } from '../../../db/schema';
import type { DrawRule } from '../contest-draw';
import { awardFor, branchRanks, branchStandings, paperSize, percent, rankResults, secondsUsed, type Award, type BranchMember, type BranchStanding, type PointsRule } from '../contest-results';
import { acceptsAnswer, GRACE_MS } from '../contest-time';
import { fillAnswerKey, isCorrect, normalizeFillAnswer, OPTION_LETTERS, TYPE_LABELS, type QuestionContent, type QuestionResponse, type QuestionType } from '../question-rules';
import { toXlsxBook, type SheetData } from '../spreadsheet';
import { certificateCode } from './certificates';
import { submitAttempt } from './contest-attempts';
import type { Db } from './db';
import { maskPhone } from '../phone';
import { toContent } from './question-bank';

type Contest = typeof contests.$inferSelect;

async function findContest(db: Db, contestId: number): Promise<Contest | undefined> {
  return (await db.select().from(contests).where(eq(contests.id, contestId)))[0];
}

// ---------------------------------------------------------------------------------------------------
// Attempts whose time ran out

/**
 * Submits every attempt of the contest still open after its deadline and grace. A person who closes
 * the page mid-contest never comes back to trigger the lazy submission, so results pages call this
 * before counting. submitAttempt is idempotent, so a race with the person's own 交卷 is harmless.
 * Returns how many attempts this call submitted.
 */
export async function finalizeOverdue(db: Db, contestId: number, now = Date.now()): Promise<number> {
  const open = await db
    .select({ id: contestAttempts.id, userId: contestAttempts.userId, deadline: contestAttempts.deadline })
    .from(contestAttempts)
    .where(and(eq(contestAttempts.contestId, contestId), isNull(contestAttempts.submittedAt)));
  let submitted = 0;
  for (const attempt of open.filter((row) => !acceptsAnswer(row.deadline, now))) {
    const result = await submitAttempt(db, { attemptId: attempt.id, userId: attempt.userId, by: 'deadline' }, now);
    if (result.ok && !result.value.already) submitted += 1;
  }
  return submitted;
}

// ---------------------------------------------------------------------------------------------------
// Standings

/** One person's place: their best submitted attempt, ranked, with the award it wins. */
export interface PersonResult {
  userId: number;
  name: string;
  phone: string;
  branchId: number | null;
  branchName: string | null;
  attemptId: number;
  /** 第几次答题. */
  attemptNumber: number;
  /** Points, 2 decimals. */
  score: number;
  correct: number;
  secondsUsed: number;
  submittedBy: 'person' | 'deadline';
  rank: number;
  award: string | null;
}

export interface ContestStanding {
  people: PersonResult[];
  branches: BranchStanding[];
  /** Full marks of the contest's paper. */
  maxScore: number;
  /** Submitted attempts (a person with two attempts counts twice; `people` has each person once). */
  submitted: number;
}

type Unranked = Omit<PersonResult, 'rank' | 'award'>;

async function submittedAttempts(db: Db, contestId: number): Promise<Unranked[]> {
  const rows = await db
    .select({ attempt: contestAttempts, name: users.displayName, phone: users.phone, branchId: users.branchId, branchName: branches.name })
    .from(contestAttempts)
    .innerJoin(users, eq(users.id, contestAttempts.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(and(eq(contestAttempts.contestId, contestId), isNotNull(contestAttempts.submittedAt)));
  return rows.map(({ attempt, ...person }) => ({
    userId: attempt.userId,
    ...person,
    attemptId: attempt.id,
    attemptNumber: attempt.number,
    score: (attempt.score ?? 0) / 100,
    correct: attempt.correct ?? 0,
    secondsUsed: secondsUsed({ startedAt: attempt.startedAt, deadline: attempt.deadline, submittedAt: attempt.submittedAt ?? attempt.deadline }),
    submittedBy: attempt.submittedBy ?? 'deadline',
  }));
}

/** Orders attempts best first: higher score, then less time, then the earlier attempt. */
function byMerit(a: Unranked, b: Unranked): number {
  return b.score - a.score || a.secondsUsed - b.secondsUsed || a.attemptNumber - b.attemptNumber;
}

/** Each person once, with their best attempt: with several attempts allowed, the best one counts. */
function bestAttempts(attempts: readonly Unranked[]): Unranked[] {
  const best = new Map<number, Unranked>();
  for (const attempt of attempts) {
    const current = best.get(attempt.userId);
    if (current === undefined || byMerit(attempt, current) < 0) best.set(attempt.userId, attempt);
  }
  return [...best.values()];
}

/**
 * Everyone a branch's participation rate is measured against: the active members of the contest's
 * branches, or of every branch when the contest is open to all (a branch without members has no rate).
 */
async function branchMembers(db: Db, contest: Contest): Promise<BranchMember[]> {
  const rows = await db
    .select({ branchId: branches.id, branchName: branches.name, userId: users.id })
    .from(users)
    .innerJoin(branches, eq(branches.id, users.branchId))
    .where(
      and(
        isNull(users.disabledAt),
        contest.eligibility === 'branches'
          ? inArray(users.branchId, db.select({ id: contestBranches.branchId }).from(contestBranches).where(eq(contestBranches.contestId, contest.id)))
          : undefined,
      ),
    );
  return rows;
}

/** Full marks: each draw rule's questions at their type's points. */
function contestMaxScore(contest: Contest): number {
  return paperSize(JSON.parse(contest.drawRules) as DrawRule[], JSON.parse(contest.points) as PointsRule).fullMarks;
}

/**
 * The contest's results: each person ranked by their best attempt with the award it wins, the branch
 * leaderboard, full marks and the number of attempts handed in. Attempts whose time ran out are
 * submitted first, so nobody is missing for having closed the page. A contest that does not exist
 * has an empty standing.
 */
export async function contestStanding(db: Db, contestId: number, now = Date.now()): Promise<ContestStanding> {
  const contest = await findContest(db, contestId);
  if (!contest) return { people: [], branches: [], maxScore: 0, submitted: 0 };
  await finalizeOverdue(db, contestId, now);
  const attempts = await submittedAttempts(db, contestId);
  const awards = JSON.parse(contest.awards) as Award[];
  const people = rankResults(bestAttempts(attempts)).map((person) => ({ ...person, award: awardFor(person.rank, awards) }));
  return {
    people,
    branches: branchStandings(await branchMembers(db, contest), people),
    maxScore: contestMaxScore(contest),
    submitted: attempts.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Per-question statistics

export interface QuestionStat {
  questionId: number;
  /** Of the latest version shown in this contest. */
  stem: string;
  type: QuestionType;
  /** Times drawn in submitted attempts. */
  shown: number;
  answered: number;
  correct: number;
  /** correct / shown, 0–1, 2 decimals. */
  correctRate: number;
  /** The wrong answer given most often, as people read it (B. 井冈山, A、C, 错, 1922年). */
  commonWrong: { label: string; count: number } | null;
}

/** A response as an organiser reads it, in the options' stored order (A = the first option entered). */
function responseLabel(content: Pick<QuestionContent, 'options'>, response: QuestionResponse): string {
  const letter = (index: number): string => OPTION_LETTERS[index] ?? '?';
  switch (response.type) {
    case 'single':
      return `${letter(response.option)}. ${content.options[response.option] ?? ''}`;
    case 'multiple':
      return [...response.options].sort((a, b) => a - b).map(letter).join('、');
    case 'truefalse':
      return response.value ? '对' : '错';
    case 'fill':
      // Tidied for reading (“北京”。 → 北京); a text that tidies to nothing (a lone “。”) is shown as typed.
      return normalizeFillAnswer(response.text) || response.text.trim();
  }
}

/**
 * Which wrong answers count as one: 填空 answers by fillAnswerKey, the rule they are judged by (8项 and
 * 八项 are one answer); a text with nothing to judge (a lone “。”) by itself.
 */
function responseGroup(content: Pick<QuestionContent, 'options'>, response: QuestionResponse): string {
  if (response.type !== 'fill') return responseLabel(content, response);
  const key = fillAnswerKey(response.text);
  return key === '' ? `\u0000${response.text.trim()}` : key;
}

interface Tally {
  questionId: number;
  latest: { version: number; stem: string; type: QuestionType };
  shown: number;
  answered: number;
  correct: number;
  /** Wrong answers by responseGroup: how the group is shown (the first label by sort order) and how often. */
  wrong: Map<string, { label: string; count: number }>;
}

function mostCommon(groups: ReadonlyMap<string, { label: string; count: number }>): { label: string; count: number } | null {
  let best: { label: string; count: number } | null = null;
  // Ties go to the label that sorts first, so the report does not change between runs.
  for (const { label, count } of groups.values()) if (best === null || count > best.count || (count === best.count && label < best.label)) best = { label, count };
  return best;
}

function toStat(tally: Tally): QuestionStat {
  return {
    questionId: tally.questionId,
    stem: tally.latest.stem,
    type: tally.latest.type,
    shown: tally.shown,
    answered: tally.answered,
    correct: tally.correct,
    correctRate: Math.round((tally.correct / tally.shown) * 100) / 100,
    commonWrong: mostCommon(tally.wrong),
  };
}

/** Lowest share right first; among equal shares, the one more people got wrong (more evidence). */
function hardestFirst(a: Tally, b: Tally): number {
  const wrong = (tally: Tally): number => tally.shown - tally.correct;
  return a.correct / a.shown - b.correct / b.shown || wrong(b) - wrong(a) || a.questionId - b.questionId;
}

/**
 * How each question drawn in the contest's submitted attempts fared, hardest first (lowest share
 * answered right, then most people wrong, then question id). Every answer is judged against the
 * version that attempt was shown, as its score was.
 */
export async function questionStats(db: Db, contestId: number): Promise<QuestionStat[]> {
  const rows = await db
    .select({ questionId: attemptQuestions.questionId, response: attemptQuestions.response, version: questionVersions })
    .from(attemptQuestions)
    .innerJoin(contestAttempts, eq(contestAttempts.id, attemptQuestions.attemptId))
    .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.versionId))
    .where(and(eq(contestAttempts.contestId, contestId), isNotNull(contestAttempts.submittedAt)));
  const tallies = new Map<number, Tally>();
  for (const { questionId, response, version } of rows) {
    const tally = tallies.get(questionId) ?? { questionId, latest: version, shown: 0, answered: 0, correct: 0, wrong: new Map<string, { label: string; count: number }>() };
    if (version.version > tally.latest.version) tally.latest = version;
    tally.shown += 1;
    if (response !== null) {
      const content = toContent(version);
      const given = JSON.parse(response) as QuestionResponse;
      tally.answered += 1;
      if (isCorrect(content, given)) tally.correct += 1;
      else {
        const label = responseLabel(content, given);
        const group = responseGroup(content, given);
        const seen = tally.wrong.get(group);
        tally.wrong.set(group, { label: seen === undefined || label < seen.label ? label : seen.label, count: (seen?.count ?? 0) + 1 });
      }
    }
    tallies.set(questionId, tally);
  }
  return [...tallies.values()].sort(hardestFirst).map(toStat);
}

// ---------------------------------------------------------------------------------------------------
// Award certificates

/**
 * Issues the 获奖证书 of a closed contest: one per person whose rank wins an award. Only once the
 * contest has closed and its last grace has passed, so no late hand-in can change a rank. The unique
 * (contest, person) index makes a second call, or one from another server process, issue nothing
 * twice. Returns how many certificates this call issued.
 */
export async function issueAwards(db: Db, contestId: number, now = Date.now()): Promise<number> {
  const contest = await findContest(db, contestId);
  if (!contest || now < contest.closesAt + GRACE_MS) return 0;
  // Issued already (the usual case: every results page after the close asks): nothing to compute.
  const issued = await db.select({ code: contestAwards.code }).from(contestAwards).where(eq(contestAwards.contestId, contestId)).limit(1);
  if (issued.length > 0) return 0;
  const winners = (await contestStanding(db, contestId, now)).people.filter((person) => person.award !== null);
  if (winners.length === 0) return 0;
  const inserted = await db
    .insert(contestAwards)
    .values(
      winners.map((person) => ({
        code: certificateCode(),
        contestId,
        userId: person.userId,
        contestTitle: contest.title,
        award: person.award ?? '',
        rank: person.rank,
        scoreHundredths: Math.round(person.score * 100),
        issuedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [contestAwards.contestId, contestAwards.userId] })
    .returning({ code: contestAwards.code });
  return inserted.length;
}

/** What the public verification page shows of an award certificate, and nothing else. */
export interface PublicAward {
  code: string;
  name: string;
  contestId: number;
  contestTitle: string;
  award: string;
  rank: number;
  /** Points, 2 decimals. */
  score: number;
  issuedAt: number;
}

const publicAwardColumns = {
  code: contestAwards.code,
  name: users.displayName,
  contestId: contestAwards.contestId,
  contestTitle: contestAwards.contestTitle,
  award: contestAwards.award,
  rank: contestAwards.rank,
  scoreHundredths: contestAwards.scoreHundredths,
  issuedAt: contestAwards.issuedAt,
};

function toPublicAward({ scoreHundredths, ...row }: { scoreHundredths: number } & Omit<PublicAward, 'score'>): PublicAward {
  return { ...row, score: scoreHundredths / 100 };
}

export async function findAwardCertificate(db: Db, code: string): Promise<PublicAward | undefined> {
  const rows = await db.select(publicAwardColumns).from(contestAwards).innerJoin(users, eq(users.id, contestAwards.userId)).where(eq(contestAwards.code, code));
  const row = rows[0];
  return row ? toPublicAward(row) : undefined;
}

/** A person's award certificates, newest first. */
export async function listMyAwards(db: Db, userId: number): Promise<PublicAward[]> {
  const rows = await db
    .select(publicAwardColumns)
    .from(contestAwards)
    .innerJoin(users, eq(users.id, contestAwards.userId))
    .where(eq(contestAwards.userId, userId))
    .orderBy(desc(contestAwards.issuedAt), asc(contestAwards.code));
  return rows.map(toPublicAward);
}

// ---------------------------------------------------------------------------------------------------
// Results workbook

const SUBMITTED_BY_LABELS: Record<PersonResult['submittedBy'], string> = { person: '本人交卷', deadline: '到时自动交卷' };

function peopleSheet(people: readonly PersonResult[]): SheetData {
  return {
    name: '个人成绩',
    header: ['名次', '姓名', '手机号', '党支部', '得分', '答对题数', '用时（秒）', '交卷方式', '奖项'],
    rows: people.map((person) => [
      person.rank,
      person.name,
      // Masked (PIPL): name and branch tell people apart for a report; nobody is phoned from it.
      maskPhone(person.phone),
      person.branchName ?? '',
      person.score,
      person.correct,
      person.secondsUsed,
      SUBMITTED_BY_LABELS[person.submittedBy],
      person.award ?? '',
    ]),
    width: (header) => (header === '党支部' ? 24 : header === '手机号' || header === '交卷方式' ? 16 : 12),
  };
}

function branchSheet(standings: readonly BranchStanding[]): SheetData {
  const ranks = branchRanks(standings);
  return {
    name: '支部成绩',
    header: ['名次', '党支部', '人数', '参赛人数', '参与率', '平均分'],
    rows: standings.map((branch, index) => [ranks[index] ?? index + 1, branch.branchName, branch.members, branch.participants, percent(branch.participationRate), branch.averageScore]),
    width: (header) => (header === '党支部' ? 24 : 12),
  };
}

function questionSheet(stats: readonly QuestionStat[]): SheetData {
  return {
    name: '逐题统计',
    header: ['题目编号', '题型', '题干', '出现次数', '答对次数', '正确率', '最常见错误答案'],
    rows: stats.map((stat) => [stat.questionId, TYPE_LABELS[stat.type], stat.stem, stat.shown, stat.correct, percent(stat.correctRate), stat.commonWrong ? `${stat.commonWrong.label}（${stat.commonWrong.count}人次）` : '']),
    width: (header) => (header === '题干' ? 50 : header === '最常见错误答案' ? 28 : 12),
  };
}

/** The organiser's download: 个人成绩, 支部成绩 and 逐题统计 in one .xlsx. */
export async function resultsWorkbook(db: Db, contestId: number, now = Date.now()): Promise<Uint8Array> {
  const standing = await contestStanding(db, contestId, now);
  const stats = await questionStats(db, contestId);
  return toXlsxBook([peopleSheet(standing.people), branchSheet(standing.branches), questionSheet(stats)]);
}
