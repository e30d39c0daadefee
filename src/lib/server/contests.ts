import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { branches, contestAttempts, contestBranches, contestExtraTime, contests, questionBanks, questions, questionVersions, users } from '../../../db/schema';
import { validateDrawRules, type Candidate, type DrawRule } from '../contest-draw';
import { paperSize, type AnswersVisible, type Award, type PointsRule } from '../contest-results';

export type { AnswersVisible } from '../contest-results';
import { attemptDeadline, GRACE_MS } from '../contest-time';
import { normalizePhone } from '../phone';
import type { Db } from './db';
import { fail, ok, type Problem, type Result } from '../result';
import { listBanks, type BankSummary } from './question-bank';


export interface NewContest {
  title: string;
  description: string;
  bankId: number;
  opensAt: number;
  closesAt: number;
  timeLimitMinutes: number | null;
  attemptsAllowed: number;
  drawRules: DrawRule[];
  shuffleOptions: boolean;
  points: PointsRule;
  /** Empty: everyone may take part. */
  branchIds: number[];
  answersVisible: AnswersVisible;
  awards: Award[];
}

/** A contest as pages read it: the JSON columns parsed, the eligible branches listed. */
export interface Contest extends NewContest {
  id: number;
  eligibility: 'all' | 'branches';
  createdAt: number;
}

type ContestRow = typeof contests.$inferSelect;

function toContest(row: ContestRow, branchIds: number[]): Contest {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    bankId: row.bankId,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    timeLimitMinutes: row.timeLimitMinutes,
    attemptsAllowed: row.attemptsAllowed,
    drawRules: JSON.parse(row.drawRules) as DrawRule[],
    shuffleOptions: row.shuffleOptions,
    points: JSON.parse(row.points) as PointsRule,
    branchIds,
    eligibility: row.eligibility,
    answersVisible: row.answersVisible,
    awards: JSON.parse(row.awards) as Award[],
    createdAt: row.createdAt,
  };
}

export async function getContest(db: Db, id: number): Promise<Contest | undefined> {
  const row = (await db.select().from(contests).where(eq(contests.id, id)))[0];
  if (!row) return undefined;
  const chosen = await db.select({ branchId: contestBranches.branchId }).from(contestBranches).where(eq(contestBranches.contestId, id));
  return toContest(row, chosen.map((branch) => branch.branchId));
}

/** The contest named by a URL parameter, or undefined for anything that is not one (/contests/abc/). */
export async function contestFromParam(db: Db, param: string | undefined): Promise<Contest | undefined> {
  const id = Number(param);
  return Number.isSafeInteger(id) && id > 0 ? getContest(db, id) : undefined;
}

export type ContestPhase = 'upcoming' | 'open' | 'closed';

/** Closed only once the last answers' grace is over, so results never change after they show. */
export function contestPhase(contest: Pick<Contest, 'opensAt' | 'closesAt'>, now: number): ContestPhase {
  if (now < contest.opensAt) return 'upcoming';
  return now < contest.closesAt + GRACE_MS ? 'open' : 'closed';
}

/**
 * Whether a contestant may see the right answers and 解析 of their submitted attempt now. 交卷后
 * waits for the person's last attempt: a later attempt may draw the same questions again.
 */
export function showsAnswers(contest: Pick<Contest, 'answersVisible' | 'opensAt' | 'closesAt'>, submitted: boolean, now: number, attemptsLeft = 0): boolean {
  if (!submitted || contest.answersVisible === 'never') return false;
  if (contestPhase(contest, now) === 'closed') return true;
  return contest.answersVisible === 'after_submit' && attemptsLeft <= 0;
}


export const PHASE_LABELS: Record<ContestPhase, string> = { upcoming: '未开始', open: '进行中', closed: '已结束' };

/** Whether a person in `branchId` may take the contest. */
export function isEligible(contest: Pick<Contest, 'eligibility' | 'branchIds'>, branchId: number | null): boolean {
  return contest.eligibility === 'all' || (branchId !== null && contest.branchIds.includes(branchId));
}

/** The bank's questions in use, as the draw sees them. */
export async function drawCandidates(db: Db, bankId: number): Promise<Candidate[]> {
  const rows = await db
    .select({ questionId: questions.id, versionId: questionVersions.id, type: questionVersions.type, category: questionVersions.category, options: questionVersions.options })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(eq(questions.bankId, bankId), isNull(questions.retiredAt)));
  return rows.map((row) => ({ ...row, optionCount: (JSON.parse(row.options) as string[]).length }));
}

/** A change to a bank's questions about to be made: questions retired, or one question's new version. */
export interface BankChange {
  retire?: number[];
  replace?: { questionId: number; type: Candidate['type']; category: string; optionCount: number };
}

/**
 * Why `change` would leave a contest that is upcoming or running on the bank unable to draw its
 * papers (in Chinese, naming the contest), or nothing when every such contest can still draw.
 * Closed contests are not affected: their papers are drawn already.
 */
export async function drawProblemsAfter(db: Db, bankId: number, change: BankChange, now = Date.now()): Promise<string[]> {
  const active = await db
    .select({ title: contests.title, drawRules: contests.drawRules })
    .from(contests)
    .where(and(eq(contests.bankId, bankId), sql`${contests.closesAt} + ${GRACE_MS} > ${now}`));
  if (active.length === 0) return [];
  const retired = new Set(change.retire ?? []);
  const candidates = (await drawCandidates(db, bankId))
    .filter((candidate) => !retired.has(candidate.questionId))
    .map((candidate) => (change.replace?.questionId === candidate.questionId ? { ...candidate, ...change.replace } : candidate));
  return active.flatMap((contest) => {
    const [problem] = validateDrawRules(JSON.parse(contest.drawRules) as DrawRule[], candidates);
    return problem === undefined ? [] : [`竞赛“${contest.title}”还要从这个题库抽题，这样改了以后就不够抽了：${problem}`];
  });
}

/** Problems with a contest's settings that only the database can tell: the bank and its questions. */
async function settingsProblems(db: Db, input: NewContest): Promise<string[]> {
  const bank = (await db.select({ practice: questionBanks.practice }).from(questionBanks).where(eq(questionBanks.id, input.bankId)))[0];
  if (!bank) return ['没有找到这个题库，请重新选择。'];
  const problems = validateDrawRules(input.drawRules, await drawCandidates(db, input.bankId));
  if (bank.practice) problems.push('这个题库用于日常练习，学员已经能看到答案。竞赛请用单独的题库。');
  if (input.closesAt <= input.opensAt) problems.push('结束时间要晚于开始时间。');
  if (paperSize(input.drawRules, input.points).fullMarks <= 0) problems.push('满分不能是0分：请至少给抽到的一种题型设置分值。');
  if (input.branchIds.length > 0) {
    const known = await db.select({ id: branches.id }).from(branches).where(inArray(branches.id, input.branchIds));
    if (known.length !== input.branchIds.length) problems.push('选择的党支部有的已经不存在了，请刷新页面重新选择。');
  }
  return problems;
}

function contestColumns(input: NewContest) {
  return {
    title: input.title,
    description: input.description,
    bankId: input.bankId,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    timeLimitMinutes: input.timeLimitMinutes,
    attemptsAllowed: input.attemptsAllowed,
    drawRules: JSON.stringify(input.drawRules),
    shuffleOptions: input.shuffleOptions,
    points: JSON.stringify(input.points),
    eligibility: input.branchIds.length > 0 ? ('branches' as const) : ('all' as const),
    answersVisible: input.answersVisible,
    awards: JSON.stringify(input.awards),
  };
}

/** A refusal lists every problem found, joined by '；'. */
type SaveOutcome = Result<{ id: number }>;

const refuse = (problems: string[]): { ok: false; error: Problem } => fail(problems.join('；'));

/** Sets up a contest after checking that its draw rules can be met by the bank. */
export async function createContest(db: Db, input: NewContest, actorId: number, now = Date.now()): Promise<SaveOutcome> {
  const problems = await settingsProblems(db, input);
  if (input.closesAt <= now) problems.push('结束时间已经过去了，请检查年份和日期。');
  if (problems.length > 0) return refuse(problems);
  const id = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(contests)
      .values({ ...contestColumns(input), createdBy: actorId, createdAt: now })
      .returning({ id: contests.id });
    const contestId = inserted[0]?.id as number;
    if (input.branchIds.length > 0) await tx.insert(contestBranches).values(input.branchIds.map((branchId) => ({ contestId, branchId })));
    return contestId;
  });
  return ok({ id });
}

/** Attempts started at a contest, handed in or not. */
export async function startedAttempts(db: Db, contestId: number): Promise<number> {
  return Number((await db.select({ n: count() }).from(contestAttempts).where(eq(contestAttempts.contestId, contestId)))[0]?.n ?? 0);
}

/** What changes the papers or scores already handed out: fixed once anyone has started. */
function paperChanged(before: Contest, after: NewContest): boolean {
  return (
    before.bankId !== after.bankId ||
    before.opensAt !== after.opensAt ||
    before.timeLimitMinutes !== after.timeLimitMinutes ||
    before.shuffleOptions !== after.shuffleOptions ||
    JSON.stringify(before.drawRules) !== JSON.stringify(after.drawRules) ||
    JSON.stringify(before.points) !== JSON.stringify(after.points)
  );
}

/**
 * Changes a contest. Before anyone starts, everything may change; afterwards the papers and scores
 * already given must stay fair, so the bank, draw rules, points, time limit and start are fixed, the
 * close may not move into the past, and after the close nothing changes (results and awards are out).
 */
export async function updateContest(db: Db, id: number, input: NewContest, now = Date.now()): Promise<SaveOutcome> {
  const before = await getContest(db, id);
  if (!before) return fail('没有找到这场竞赛。');
  if (contestPhase(before, now) === 'closed') return fail('竞赛已经结束，成绩和奖项已经公布，不能再修改。');
  const started = await startedAttempts(db, id);
  const problems = await settingsProblems(db, input);
  if (started > 0 && paperChanged(before, input)) problems.push(`已经有 ${started} 人次开始答题，题库、抽题规则、分值、时间限制和开始时间不能再改。`);
  if (started > 0 && input.closesAt < now) problems.push('已经有人在答题，结束时间不能改到现在之前。');
  if (problems.length > 0) return refuse(problems);
  const raced = await db.transaction(async (tx) => {
    // Someone may have started since the check above: inside the write lock, look again.
    if (started === 0 && paperChanged(before, input)) {
      const now = (await tx.select({ n: count() }).from(contestAttempts).where(eq(contestAttempts.contestId, id)))[0]?.n ?? 0;
      if (Number(now) > 0) return true;
    }
    await tx.update(contests).set(contestColumns(input)).where(eq(contests.id, id));
    await tx.delete(contestBranches).where(eq(contestBranches.contestId, id));
    if (input.branchIds.length > 0) await tx.insert(contestBranches).values(input.branchIds.map((branchId) => ({ contestId: id, branchId })));
    // A new close moves the deadlines of attempts under way that run until the close.
    if (input.closesAt !== before.closesAt) {
      const open = await tx
        .select({ id: contestAttempts.id, startedAt: contestAttempts.startedAt, extra: contestExtraTime.extraMinutes, hasExtra: contestExtraTime.userId })
        .from(contestAttempts)
        .leftJoin(contestExtraTime, and(eq(contestExtraTime.contestId, id), eq(contestExtraTime.userId, contestAttempts.userId)))
        .where(and(eq(contestAttempts.contestId, id), isNull(contestAttempts.submittedAt)));
      for (const attempt of open) {
        const extra = attempt.hasExtra === null ? 0 : (attempt.extra ?? 'unlimited');
        await tx.update(contestAttempts).set({ deadline: attemptDeadline(input, attempt.startedAt, extra) }).where(eq(contestAttempts.id, attempt.id));
      }
    }
    return false;
  });
  if (raced) return fail('刚刚有人开始答题，题库、抽题规则、分值、时间限制和开始时间不能再改。请刷新页面再改其他设置。');
  return ok({ id });
}

export interface ExtraTime {
  userId: number;
  name: string;
  phone: string;
  /** null: no time limit for this person. */
  extraMinutes: number | null;
}

export async function listExtraTime(db: Db, contestId: number): Promise<ExtraTime[]> {
  return db
    .select({ userId: users.id, name: users.displayName, phone: users.phone, extraMinutes: contestExtraTime.extraMinutes })
    .from(contestExtraTime)
    .innerJoin(users, eq(users.id, contestExtraTime.userId))
    .where(eq(contestExtraTime.contestId, contestId))
    .orderBy(users.displayName);
}

/**
 * Grants a person extra minutes (or no limit: `extraMinutes` null), or takes it away. An attempt
 * already under way gets its new deadline at once, so the person sees the longer countdown on
 * their next screen.
 */
export async function setExtraTime(
  db: Db,
  input: { contestId: number; person: { phone: string } | { userId: number }; extraMinutes: number | null; remove: boolean },
  now = Date.now(),
): Promise<Result<string>> {
  const contest = await getContest(db, input.contestId);
  if (!contest) return fail('没有找到这场竞赛。');
  if (contestPhase(contest, now) === 'closed') return fail('竞赛已经结束，不能再调整答题时间。');
  const who = 'userId' in input.person ? eq(users.id, input.person.userId) : eq(users.phone, normalizePhone(input.person.phone));
  const person = (await db.select({ id: users.id, name: users.displayName }).from(users).where(who))[0];
  if (!person) return fail('没有找到这个手机号的学员，请核对。');
  await db.transaction(async (tx) => {
    if (input.remove) await tx.delete(contestExtraTime).where(and(eq(contestExtraTime.contestId, contest.id), eq(contestExtraTime.userId, person.id)));
    else {
      await tx
        .insert(contestExtraTime)
        .values({ contestId: contest.id, userId: person.id, extraMinutes: input.extraMinutes })
        .onConflictDoUpdate({ target: [contestExtraTime.contestId, contestExtraTime.userId], set: { extraMinutes: input.extraMinutes } });
    }
    const open = (await tx
      .select({ id: contestAttempts.id, startedAt: contestAttempts.startedAt })
      .from(contestAttempts)
      .where(and(eq(contestAttempts.contestId, contest.id), eq(contestAttempts.userId, person.id), isNull(contestAttempts.submittedAt))))[0];
    if (open) {
      const extra = input.remove ? 0 : (input.extraMinutes ?? 'unlimited');
      await tx.update(contestAttempts).set({ deadline: attemptDeadline(contest, open.startedAt, extra) }).where(eq(contestAttempts.id, open.id));
    }
  });
  if (input.remove) return ok(`已取消${person.name}的延长时间。`);
  return ok(input.extraMinutes === null ? `${person.name}答题不限时（到竞赛结束为止）。` : `${person.name}每次答题可以多用 ${input.extraMinutes} 分钟。`);
}

export interface ContestSummary {
  id: number;
  title: string;
  opensAt: number;
  closesAt: number;
  timeLimitMinutes: number | null;
  phase: ContestPhase;
  /** Attempts started, and people who took part. */
  attempts: number;
  people: number;
}

/** Every contest, newest first, for organisers. */
export async function listContests(db: Db, now = Date.now()): Promise<ContestSummary[]> {
  // A join, not correlated subqueries: Drizzle leaves columns unqualified in a one-table select,
  // so a subquery's `contest_id = id` would compare two columns of the attempts table.
  const rows = await db
    .select({
      id: contests.id,
      title: contests.title,
      opensAt: contests.opensAt,
      closesAt: contests.closesAt,
      timeLimitMinutes: contests.timeLimitMinutes,
      attempts: sql<number>`count(${contestAttempts.id})`,
      people: sql<number>`count(distinct ${contestAttempts.userId})`,
    })
    .from(contests)
    .leftJoin(contestAttempts, eq(contestAttempts.contestId, contests.id))
    .groupBy(contests.id)
    .orderBy(desc(contests.opensAt), desc(contests.id));
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), people: Number(row.people), phase: contestPhase(row, now) }));
}

export interface MyContest extends ContestSummary {
  description: string;
  attemptsAllowed: number;
  /** My attempts so far, and the deadline of the one under way (null when none is). */
  mine: { used: number; open: boolean; openDeadline: number | null; bestScore: number | null };
}

/**
 * The contests a person may take (everyone's, and their branch's), open ones first, then upcoming,
 * then finished; with how far they have got. An attempt whose time ran out still counts as open
 * here: myContests (contest-attempts.ts) hands it in first, so the list shows its score.
 */
export async function contestsFor(db: Db, user: { id: number; branchId: number | null }, now = Date.now()): Promise<MyContest[]> {
  const rows = await db
    .select({
      row: contests,
      used: sql<number>`count(${contestAttempts.id})`,
      open: sql<number>`count(${contestAttempts.id}) filter (where ${contestAttempts.submittedAt} is null)`,
      openDeadline: sql<number | null>`min(${contestAttempts.deadline}) filter (where ${contestAttempts.submittedAt} is null)`,
      best: sql<number | null>`max(${contestAttempts.score}) filter (where ${contestAttempts.submittedAt} is not null)`,
    })
    .from(contests)
    .leftJoin(contestAttempts, and(eq(contestAttempts.contestId, contests.id), eq(contestAttempts.userId, user.id)))
    .where(
      sql`${contests.eligibility} = 'all' or exists (select 1 from ${contestBranches} where ${contestBranches.contestId} = ${contests.id} and ${contestBranches.branchId} = ${user.branchId ?? -1})`,
    )
    .groupBy(contests.id)
    .orderBy(desc(contests.opensAt), desc(contests.id));
  const order: Record<ContestPhase, number> = { open: 0, upcoming: 1, closed: 2 };
  return rows
    .map(({ row, used, open, openDeadline, best }) => ({
      id: row.id,
      title: row.title,
      description: row.description,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      timeLimitMinutes: row.timeLimitMinutes,
      attemptsAllowed: row.attemptsAllowed,
      phase: contestPhase(row, now),
      attempts: Number(used),
      people: 0,
      mine: { used: Number(used), open: Number(open) > 0, openDeadline: openDeadline === null ? null : Number(openDeadline), bestScore: best === null ? null : Number(best) / 100 },
    }))
    .sort((a, b) => order[a.phase] - order[b.phase]);
}

/** Branches for the eligibility checkboxes. */
export async function listBranchChoices(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.select({ id: branches.id, name: branches.name }).from(branches).orderBy(branches.name);
}

/** Banks a contest may draw from: not the practice banks, whose answers learners already see. */
export async function contestBanks(db: Db): Promise<BankSummary[]> {
  return (await listBanks(db)).filter((bank) => !bank.practice);
}
