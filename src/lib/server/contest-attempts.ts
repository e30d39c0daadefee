import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { attemptEvents, attemptQuestions, contestAttempts, contestBranches, contestExtraTime, contests, questionVersions, users } from '../../../db/schema';
import { drawQuestions, toOriginalResponse, toShownResponse, type DrawRule, type ShownQuestion } from '../contest-draw';

export type { ShownQuestion };
import { acceptsAnswer, attemptDeadline, canStart } from '../contest-time';
import { scoreAttempt, type PointsRule } from '../contest-results';
import { answerForPeople, isCorrect, validateResponse, type QuestionContent, type QuestionResponse } from '../question-rules';
import type { Db, Tx } from './db';
import { fail, ok, type Result } from '../result';
import { isUniqueViolation } from './auth';
import { toContent } from './question-bank';
import { contestsFor, drawCandidates, type MyContest } from './contests';
import { groupCommit } from './group-commit';

type Outcome<T = undefined> = Result<T>;
type Attempt = typeof contestAttempts.$inferSelect;

async function event(db: Db | Tx, attemptId: number, kind: (typeof attemptEvents.$inferInsert)['kind'], at: number, detail: object = {}): Promise<void> {
  await db.insert(attemptEvents).values({ attemptId, kind, at, detail: JSON.stringify(detail) });
}

async function ownAttempt(db: Db, attemptId: number, userId: number): Promise<Attempt | undefined> {
  return (await db.select().from(contestAttempts).where(and(eq(contestAttempts.id, attemptId), eq(contestAttempts.userId, userId))))[0];
}

/** The person's attempt under way, if any. */
export async function openAttempt(db: Db, contestId: number, userId: number): Promise<Attempt | undefined> {
  return (
    await db
      .select()
      .from(contestAttempts)
      .where(and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.userId, userId), isNull(contestAttempts.submittedAt)))
  )[0];
}

/**
 * Starts an attempt, or resumes the one already open (a refresh, a second phone). The database
 * keeps one open attempt per person and numbers attempts uniquely, so simultaneous starts end in
 * exactly one attempt and the attempt limit holds.
 */
export async function startAttempt(
  db: Db,
  input: { contestId: number; userId: number; branchId: number | null },
  now = Date.now(),
  random: () => number = Math.random,
): Promise<Outcome<{ attemptId: number; resumed: boolean }>> {
  const contest = (await db.select().from(contests).where(eq(contests.id, input.contestId)))[0];
  if (!contest) return fail('没有找到这场竞赛。');
  if (contest.eligibility === 'branches') {
    const allowed = input.branchId !== null && (await db.select().from(contestBranches).where(and(eq(contestBranches.contestId, contest.id), eq(contestBranches.branchId, input.branchId)))).length > 0;
    if (!allowed) return fail('本次竞赛只面向部分党支部，您所在的支部不在其中。如有疑问，请联系组织者。');
  }
  const open = await openAttempt(db, contest.id, input.userId);
  if (open && acceptsAnswer(open.deadline, now)) return ok({ attemptId: open.id, resumed: true });
  if (open) await submitAttempt(db, { attemptId: open.id, userId: input.userId, by: 'deadline' }, now);

  const used = Number((await db.select({ n: count() }).from(contestAttempts).where(and(eq(contestAttempts.contestId, contest.id), eq(contestAttempts.userId, input.userId))))[0]?.n ?? 0);
  const window = { opensAt: contest.opensAt, closesAt: contest.closesAt, timeLimitMinutes: contest.timeLimitMinutes };
  const allowed = canStart(window, now, used, contest.attemptsAllowed);
  if (allowed !== true) return fail(allowed);

  const seen = await db
    .select({ questionId: attemptQuestions.questionId })
    .from(attemptQuestions)
    .innerJoin(contestAttempts, eq(contestAttempts.id, attemptQuestions.attemptId))
    .where(and(eq(contestAttempts.contestId, contest.id), eq(contestAttempts.userId, input.userId)));
  const drawn = drawQuestions(await drawCandidates(db, contest.bankId), JSON.parse(contest.drawRules) as DrawRule[], new Set(seen.map((row) => row.questionId)), random, contest.shuffleOptions);
  if (typeof drawn === 'string') {
    console.error(`contest ${contest.id}: cannot draw a paper: ${drawn}`);
    return fail('这场竞赛的题目还没有准备好，请稍后再试，或联系组织者。');
  }
  const extra = (await db.select().from(contestExtraTime).where(and(eq(contestExtraTime.contestId, contest.id), eq(contestExtraTime.userId, input.userId))))[0];
  const deadline = attemptDeadline(window, now, extra ? (extra.extraMinutes ?? 'unlimited') : 0);
  try {
    const attemptId = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(contestAttempts)
        .values({ contestId: contest.id, userId: input.userId, number: used + 1, startedAt: now, deadline })
        .returning({ id: contestAttempts.id });
      const id = inserted[0]?.id as number;
      await tx.insert(attemptQuestions).values(
        drawn.map((question, index) => ({
          attemptId: id,
          position: index + 1,
          questionId: question.questionId,
          versionId: question.versionId,
          optionOrder: JSON.stringify(question.optionOrder),
        })),
      );
      await event(tx, id, 'start', now, { questions: drawn.length, deadline });
      return id;
    });
    return ok({ attemptId, resumed: false });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another request started it a moment ago: resume that one.
    const winner = await openAttempt(db, contest.id, input.userId);
    return winner ? ok({ attemptId: winner.id, resumed: true }) : fail('您已经答过这场竞赛了。');
  }
}


async function attemptItems(db: Db | Tx, attemptId: number): Promise<Array<{ row: typeof attemptQuestions.$inferSelect; content: QuestionContent }>> {
  const rows = await db
    .select({ row: attemptQuestions, version: questionVersions })
    .from(attemptQuestions)
    .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.versionId))
    .where(eq(attemptQuestions.attemptId, attemptId))
    .orderBy(asc(attemptQuestions.position));
  return rows.map(({ row, version }) => ({ row, content: toContent(version) }));
}

/** A 多选 with nothing ticked or an empty 填空: the person took their answer back. */
function isBlankResponse(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const record = raw as Record<string, unknown>;
  if (record['type'] === 'multiple') return Array.isArray(record['options']) && record['options'].length === 0;
  if (record['type'] === 'fill') return typeof record['text'] === 'string' && record['text'].trim() === '';
  return false;
}

/**
 * The attempt for its contestant: the questions without answers, the deadline, whether it is
 * submitted. An attempt whose time is up is submitted first.
 */
export async function contestantView(db: Db, attemptId: number, userId: number, now = Date.now()): Promise<Outcome<{ attempt: Attempt; questions: ShownQuestion[] }>> {
  let attempt = await ownAttempt(db, attemptId, userId);
  if (!attempt) return fail('没有找到这次答题。');
  if (attempt.submittedAt === null && !acceptsAnswer(attempt.deadline, now)) {
    await submitAttempt(db, { attemptId, userId, by: 'deadline' }, now);
    attempt = (await ownAttempt(db, attemptId, userId)) as Attempt;
  }
  const items = await attemptItems(db, attemptId);
  return ok({
    attempt,
    questions: items.map(({ row, content }) => {
      const order = JSON.parse(row.optionOrder) as number[];
      const saved = row.response ? toShownResponse(JSON.parse(row.response) as QuestionResponse, order) : null;
      return {
        position: row.position,
        type: content.type,
        stem: content.stem,
        options: order.length > 0 ? order.map((index) => content.options[index] ?? '') : content.options,
        response: saved,
      };
    }),
  });
}

interface AnswerJob {
  attemptId: number;
  position: number;
  /** In stored option indexes; null takes the answer back. */
  response: QuestionResponse | null;
  now: number;
}

/**
 * Writes a batch of answers: each lands only while its attempt is still open (so none can slip in
 * after scoring), and each that landed gets its audit event. Returns whether each landed.
 */
async function writeAnswers(tx: Tx, jobs: AnswerJob[]): Promise<boolean[]> {
  const key = (job: Pick<AnswerJob, 'attemptId' | 'position'>): string => `${job.attemptId}:${job.position}`;
  // The latest answer to each question of the batch is the one stored; one statement for them all,
  // so the write lock is held for a moment however many people answered.
  const latest = new Map(jobs.map((job) => [key(job), job]));
  const finals = [...latest.values()];
  const cell = sql`(${attemptQuestions.attemptId} || ':' || ${attemptQuestions.position})`;
  const responseCases = sql.join(
    finals.map((job) => sql`when ${key(job)} then ${job.response === null ? null : JSON.stringify(job.response)}`),
    sql` `,
  );
  const timeCases = sql.join(
    finals.map((job) => sql`when ${key(job)} then ${job.response === null ? null : job.now}`),
    sql` `,
  );
  const rows = await tx
    .update(attemptQuestions)
    .set({ response: sql`case ${cell} ${responseCases} end`, answeredAt: sql`case ${cell} ${timeCases} end` })
    .where(
      and(
        // The attempt ids first, so SQLite finds the rows through the primary key.
        inArray(attemptQuestions.attemptId, [...new Set(finals.map((job) => job.attemptId))]),
        sql`${cell} in ${finals.map(key)}`,
        // Spelled out: Drizzle leaves columns unqualified in an UPDATE, and this subquery needs both tables.
        sql`exists (select 1 from "contest_attempts" as open where open."id" = "attempt_questions"."attempt_id" and open."submitted_at" is null)`,
      ),
    )
    .returning({ attemptId: attemptQuestions.attemptId, position: attemptQuestions.position });
  const stored = new Set(rows.map(key));
  const landed = jobs.map((job) => stored.has(key(job)));
  const events = jobs
    .filter((_, index) => landed[index])
    .map((job) => ({
      attemptId: job.attemptId,
      kind: 'answer' as const,
      at: job.now,
      detail: JSON.stringify(job.response === null ? { position: job.position, cleared: true } : { position: job.position }),
    }));
  if (events.length > 0) await tx.insert(attemptEvents).values(events);
  return landed;
}

/** Answers are written by group commit: at 500 people answering at once, a few commits a second. */
const writeAnswer = groupCommit(writeAnswers);

/**
 * Saves one answer the moment it is chosen. Refused, with a clear message, after the deadline plus
 * the grace, after submission, or for an option that does not exist; the write itself only lands
 * while the attempt is still open, so it can never slip in after scoring.
 */
export async function saveAnswer(
  db: Db,
  input: { attemptId: number; userId: number; position: number; raw: unknown },
  now = Date.now(),
): Promise<Outcome> {
  // One read for the attempt, the question and its version, one write for the answer and its
  // audit event: 500 people answering at once make this the busiest path of a contest.
  const found = (
    await db
      .select({
        submittedAt: contestAttempts.submittedAt,
        deadline: contestAttempts.deadline,
        optionOrder: attemptQuestions.optionOrder,
        saved: attemptQuestions.response,
        type: questionVersions.type,
        options: questionVersions.options,
      })
      .from(contestAttempts)
      .innerJoin(attemptQuestions, and(eq(attemptQuestions.attemptId, contestAttempts.id), eq(attemptQuestions.position, input.position)))
      .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.versionId))
      .where(and(eq(contestAttempts.id, input.attemptId), eq(contestAttempts.userId, input.userId)))
  )[0];
  if (!found) {
    const attempt = await ownAttempt(db, input.attemptId, input.userId);
    return fail(attempt ? '没有这道题，请返回题目列表。' : '没有找到这次答题。');
  }
  if (found.submittedAt !== null) return fail('这次答题已经交卷，不能再改答案了。');
  if (!acceptsAnswer(found.deadline, now)) {
    await event(db, input.attemptId, 'refused', now, { position: input.position, reason: 'late' });
    await submitAttempt(db, { attemptId: input.attemptId, userId: input.userId, by: 'deadline' }, now);
    return fail('答题时间已到，这次答题已经自动交卷。');
  }
  const question = { type: found.type, options: JSON.parse(found.options) as string[] };
  let stored: QuestionResponse | null = null;
  // Unticking every box of a 多选 or emptying a 填空 takes the answer back: the question is unanswered again.
  if (!isBlankResponse(input.raw)) {
    const shown = validateResponse(question, input.raw);
    if (typeof shown === 'string') return fail(shown);
    stored = toOriginalResponse(shown, JSON.parse(found.optionOrder) as number[]);
    if (!stored) return fail('选项不存在，请重新选择。');
  }
  // Taking back an answer never given (下一题 on an empty 多选 without JavaScript): nothing to write.
  if (stored === null && found.saved === null) return ok();
  const saved = await writeAnswer(db, { attemptId: input.attemptId, position: input.position, response: stored, now });
  if (!saved) return fail('这次答题已经交卷，不能再改答案了。');
  return ok();
}

/**
 * 交卷: scores the attempt on the server against the versions shown. Submitting twice (a double
 * tap, the deadline and the person at once) is harmless: only the first does anything.
 */
export async function submitAttempt(
  db: Db,
  input: { attemptId: number; userId: number; by: 'person' | 'deadline' },
  now = Date.now(),
): Promise<Outcome<{ score: number; correct: number; already: boolean }>> {
  // Read before the write lock is taken: the contest's points never change once anyone has started.
  const contest = (
    await db
      .select({ points: contests.points })
      .from(contests)
      .innerJoin(contestAttempts, eq(contestAttempts.contestId, contests.id))
      .where(eq(contestAttempts.id, input.attemptId))
  )[0];
  const points = JSON.parse(contest?.points ?? '{}') as PointsRule;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(contestAttempts)
      .set({ submittedAt: now, submittedBy: input.by })
      .where(and(eq(contestAttempts.id, input.attemptId), eq(contestAttempts.userId, input.userId), isNull(contestAttempts.submittedAt)))
      .returning({ id: contestAttempts.id });
    if (claimed.length === 0) {
      const done = (await tx.select().from(contestAttempts).where(and(eq(contestAttempts.id, input.attemptId), eq(contestAttempts.userId, input.userId))))[0];
      if (!done) return fail('没有找到这次答题。');
      return ok({ score: (done.score ?? 0) / 100, correct: done.correct ?? 0, already: true });
    }
    // Claimed: no answer can land any more, so these are the answers that count.
    const items = await attemptItems(tx, input.attemptId);
    const scored = scoreAttempt(items.map(({ row, content }) => ({ content, response: row.response ? (JSON.parse(row.response) as QuestionResponse) : null })), points);
    const hundredths = items.map((_, index) => Math.round((scored.perItem[index] ?? 0) * 100));
    // Every question's points in one statement, so the write lock is held for a handful of statements.
    if (items.length > 0) {
      const cases = sql.join(
        items.map(({ row }, index) => sql`when ${row.position} then ${hundredths[index] ?? 0}`),
        sql` `,
      );
      await tx
        .update(attemptQuestions)
        .set({ points: sql`case ${attemptQuestions.position} ${cases} else 0 end` })
        .where(eq(attemptQuestions.attemptId, input.attemptId));
    }
    await tx.update(contestAttempts).set({ score: Math.round(scored.score * 100), correct: scored.correct }).where(eq(contestAttempts.id, input.attemptId));
    await event(tx, input.attemptId, input.by === 'person' ? 'submit' : 'deadline', now, { score: scored.score });
    return ok({ score: scored.score, correct: scored.correct, already: false });
  });
}

/**
 * Hands in the person's attempts whose time ran out while they were away (across contests, or at
 * one contest), so no page offers 接着答题 for them and each shows its score instead.
 */
export async function handInOverdue(db: Db, userId: number, now = Date.now(), contestId?: number): Promise<void> {
  const open = await db
    .select({ id: contestAttempts.id, deadline: contestAttempts.deadline })
    .from(contestAttempts)
    .where(and(eq(contestAttempts.userId, userId), isNull(contestAttempts.submittedAt), contestId === undefined ? undefined : eq(contestAttempts.contestId, contestId)));
  for (const attempt of open) {
    if (!acceptsAnswer(attempt.deadline, now)) await submitAttempt(db, { attemptId: attempt.id, userId, by: 'deadline' }, now);
  }
}

/** The contests this person may see (contestsFor), after handing in any attempt whose time ran out, so none is offered as 接着答题. */
export async function myContests(db: Db, user: { id: number; branchId: number | null }, now = Date.now()): Promise<MyContest[]> {
  await handInOverdue(db, user.id, now);
  return contestsFor(db, user, now);
}

/** The person's attempts at a contest, first to last. */
export async function myAttempts(db: Db, contestId: number, userId: number): Promise<Attempt[]> {
  return db
    .select()
    .from(contestAttempts)
    .where(and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.userId, userId)))
    .orderBy(asc(contestAttempts.number));
}

/** A question as it was on the contestant's screen, with the options in the shown order. */
function shownContent(content: QuestionContent, order: readonly number[]): QuestionContent {
  if (order.length === 0) return content;
  const options = order.map((index) => content.options[index] ?? '');
  const shownIndex = (original: number): number => order.indexOf(original);
  const answer =
    content.answer.type === 'single'
      ? { type: 'single' as const, option: shownIndex(content.answer.option) }
      : content.answer.type === 'multiple'
        ? { type: 'multiple' as const, options: content.answer.options.map(shownIndex).sort((a, b) => a - b) }
        : content.answer;
  return { ...content, options, answer };
}

export interface ReviewedQuestion extends ShownQuestion {
  /** Only with the answers: 0 points on a 判断 would tell the answer as surely as the key. */
  points: number | null;
  /** Only when the contest's rules show answers now. */
  key: { correct: boolean; answer: string; explanation: string } | null;
}

/**
 * A submitted attempt for its contestant: each question with the answer given and the points, and
 * the right answer and 解析 only when `showAnswers` (the contest's rules decide, see showsAnswers).
 */
export async function attemptReview(db: Db, attemptId: number, userId: number, showAnswers: boolean): Promise<ReviewedQuestion[] | undefined> {
  const attempt = await ownAttempt(db, attemptId, userId);
  if (!attempt || attempt.submittedAt === null) return undefined;
  const items = await attemptItems(db, attemptId);
  return items.map(({ row, content }) => {
    const order = JSON.parse(row.optionOrder) as number[];
    const shown = shownContent(content, order);
    const stored = row.response ? (JSON.parse(row.response) as QuestionResponse) : null;
    const response = stored ? toShownResponse(stored, order) : null;
    return {
      position: row.position,
      type: shown.type,
      stem: shown.stem,
      options: shown.options,
      response,
      points: showAnswers ? (row.points ?? 0) / 100 : null,
      key: showAnswers ? { correct: response !== null && isCorrect(shown, response), answer: answerForPeople(shown), explanation: shown.explanation } : null,
    };
  });
}

export interface AttemptListing {
  id: number;
  userId: number;
  name: string;
  phone: string;
  number: number;
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  submittedBy: 'person' | 'deadline' | null;
  score: number | null;
  answered: number;
}

/** Every attempt at a contest, latest first, for the organiser's overview and audit trail. */
export async function listAttempts(db: Db, contestId: number, attemptId?: number): Promise<AttemptListing[]> {
  const rows = await db
    .select({
      id: contestAttempts.id,
      userId: contestAttempts.userId,
      name: users.displayName,
      phone: users.phone,
      number: contestAttempts.number,
      startedAt: contestAttempts.startedAt,
      deadline: contestAttempts.deadline,
      submittedAt: contestAttempts.submittedAt,
      submittedBy: contestAttempts.submittedBy,
      score: contestAttempts.score,
      answered: sql<number>`(select count(*) from ${attemptQuestions} where ${attemptQuestions.attemptId} = ${contestAttempts.id} and ${attemptQuestions.response} is not null)`,
    })
    .from(contestAttempts)
    .innerJoin(users, eq(users.id, contestAttempts.userId))
    .where(attemptId === undefined ? eq(contestAttempts.contestId, contestId) : and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.id, attemptId)))
    .orderBy(desc(contestAttempts.startedAt), desc(contestAttempts.id));
  return rows.map((row) => ({ ...row, score: row.score === null ? null : row.score / 100 }));
}

/** The audit trail of one attempt: every event in order, with what it was about. */
export async function attemptEventsOf(db: Db, attemptId: number): Promise<Array<{ at: number; kind: string; detail: Record<string, unknown> }>> {
  const rows = await db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, attemptId)).orderBy(asc(attemptEvents.at), asc(attemptEvents.id));
  return rows.map((row) => ({ at: row.at, kind: row.kind, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
