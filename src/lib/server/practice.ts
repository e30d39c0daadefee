import { and, desc, eq, gt, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { contests, dailySets, practiceAnswers, questionBanks, questions, questionVersions } from '../../../db/schema';
import { beijingDay, beijingDayStart } from '../beijing-time';
import { DAILY_COUNT, isCorrect, responseForPeople, validateResponse, type PracticeQuestion } from '../question-rules';

export type { PracticeQuestion };
import type { Db } from './db';
import { fail, ok, type Result } from '../result';
import { toContent } from './question-bank';

export { DAILY_COUNT };
/** Questions answered this recently are drawn only when nothing else is left. */
const RECENT_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

/** Current versions of active questions in practice banks; optionally only these question ids. */
function practiceQuestions(db: Db) {
  return db
    .select({ questionId: questions.id, version: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .$dynamic();
}

const practiceOnly = and(isNull(questions.retiredAt), eq(questionBanks.practice, true));

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Today's five questions for this person, drawn once a day: first from questions not answered in
 * the last two weeks, then from the rest. Two tabs opening it at once get the same set.
 */
export async function dailySet(db: Db, userId: number, now = Date.now()): Promise<PracticeQuestion[]> {
  const day = beijingDay(now);
  let stored = (await db.select().from(dailySets).where(and(eq(dailySets.userId, userId), eq(dailySets.day, day))))[0];
  if (!stored) {
    const recent = db
      .select({ id: practiceAnswers.questionId })
      .from(practiceAnswers)
      .where(and(eq(practiceAnswers.userId, userId), gt(practiceAnswers.answeredAt, now - RECENT_DAYS * DAY)));
    const fresh = await practiceQuestions(db).where(and(practiceOnly, notInArray(questions.id, recent)));
    let picked = shuffled(fresh).slice(0, DAILY_COUNT);
    if (picked.length < DAILY_COUNT) {
      const rest = await practiceQuestions(db).where(practiceOnly);
      const chosen = new Set(picked.map((row) => row.questionId));
      picked = [...picked, ...shuffled(rest.filter((row) => !chosen.has(row.questionId)))].slice(0, DAILY_COUNT);
    }
    // Nothing to draw yet: store nothing, so the set is drawn once a bank is opened today.
    if (picked.length === 0) return [];
    await db
      .insert(dailySets)
      .values({ userId, day, versionIds: JSON.stringify(picked.map((row) => row.version.id)), createdAt: now })
      .onConflictDoNothing();
    stored = (await db.select().from(dailySets).where(and(eq(dailySets.userId, userId), eq(dailySets.day, day))))[0];
  }
  return versionsInOrder(db, JSON.parse(stored?.versionIds ?? '[]') as number[]);
}

/** The stored set, leaving out questions since retired or whose bank was closed for practice. */
async function versionsInOrder(db: Db, versionIds: number[]): Promise<PracticeQuestion[]> {
  if (versionIds.length === 0) return [];
  const rows = (await practiceQuestions(db).where(and(practiceOnly, inArray(questionVersions.id, versionIds)))).map((row) => row.version);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return versionIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ questionId: row.questionId, versionId: row.id, content: toContent(row) }] : [];
  });
}

/** Which of these versions this person has answered since `since`, and whether rightly. */
export async function answeredSince(db: Db, userId: number, versionIds: number[], since: number): Promise<Map<number, boolean>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ versionId: practiceAnswers.versionId, correct: practiceAnswers.correct })
    .from(practiceAnswers)
    .where(and(eq(practiceAnswers.userId, userId), inArray(practiceAnswers.versionId, versionIds), gt(practiceAnswers.answeredAt, since)))
    .orderBy(practiceAnswers.answeredAt);
  return new Map(rows.map((row) => [row.versionId, row.correct]));
}

/** Today's set and which of it this person has answered today (version id → answered right). */
export async function dailyProgress(db: Db, userId: number, now = Date.now()): Promise<{ set: PracticeQuestion[]; answered: Map<number, boolean> }> {
  const set = await dailySet(db, userId, now);
  const answered = await answeredSince(db, userId, set.map((q) => q.versionId), beijingDayStart(now));
  return { set, answered };
}

/** `given` is the answer as the person gave it (what they typed, or B. 1921年), shown beside the accepted one. */
export type PracticeResult = Result<{ correct: boolean; questionId: number; versionId: number; given: string }>;

/**
 * Judges and records one practice answer. Only questions of practice banks can be answered here,
 * so this can never reveal a contest bank's answers.
 */
export async function answerPractice(db: Db, input: { userId: number; versionId: number; raw: unknown }, now = Date.now()): Promise<PracticeResult> {
  const rows = await db
    .select({ version: questionVersions })
    .from(questionVersions)
    .innerJoin(questions, eq(questions.id, questionVersions.questionId))
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(and(eq(questionVersions.id, input.versionId), practiceOnly));
  const row = rows[0];
  if (!row) return fail('这道题现在不能练习了，请换一道。');
  const content = toContent(row.version);
  const response = validateResponse(content, input.raw);
  if (typeof response === 'string') return fail(response);
  const correct = isCorrect(content, response);
  await db.insert(practiceAnswers).values({
    userId: input.userId,
    questionId: row.version.questionId,
    versionId: row.version.id,
    response: JSON.stringify(response),
    correct,
    answeredAt: now,
  });
  return ok({ correct, questionId: row.version.questionId, versionId: row.version.id, given: responseForPeople(content.options, response) });
}

/** 错题本: practice questions whose latest answer by this person was wrong, latest first. */
export async function wrongBook(db: Db, userId: number): Promise<Array<PracticeQuestion & { answeredAt: number }>> {
  const latest = db
    .select({
      questionId: practiceAnswers.questionId,
      correct: practiceAnswers.correct,
      answeredAt: practiceAnswers.answeredAt,
      rank: sql<number>`row_number() over (partition by ${practiceAnswers.questionId} order by ${practiceAnswers.answeredAt} desc, ${practiceAnswers.id} desc)`.as('rank'),
    })
    .from(practiceAnswers)
    .where(eq(practiceAnswers.userId, userId))
    .as('latest');
  const rows = await db
    .select({ questionId: questions.id, version: questionVersions, answeredAt: latest.answeredAt })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .innerJoin(latest, eq(latest.questionId, questions.id))
    .where(and(practiceOnly, eq(latest.rank, 1), eq(latest.correct, false)))
    .orderBy(desc(latest.answeredAt));
  return rows.map((row) => ({ questionId: row.questionId, versionId: row.version.id, content: toContent(row.version), answeredAt: row.answeredAt }));
}

/** A lesson's quiz: at most this many questions. */
export const QUIZ_LIMIT = 10;

/**
 * The questions of a lesson's quiz (<LessonQuiz>): practice questions carrying `tag`, or the
 * listed question ids, in a stable order.
 */
export async function quizQuestions(db: Db, pick: { tag?: string | undefined; ids?: number[] | undefined }): Promise<PracticeQuestion[]> {
  const chosen = pick.ids?.length
    ? inArray(questions.id, pick.ids)
    : pick.tag
      ? sql`exists (select 1 from json_each(${questionVersions.tags}) where value = ${pick.tag})`
      : undefined;
  if (!chosen) return [];
  const rows = await practiceQuestions(db).where(and(practiceOnly, chosen)).orderBy(questions.id).limit(QUIZ_LIMIT);
  return rows.map((row) => ({ questionId: row.questionId, versionId: row.version.id, content: toContent(row.version) }));
}

/** The current version of one practice question (for redoing it from the 错题本). */
export async function practiceQuestion(db: Db, questionId: number): Promise<PracticeQuestion | undefined> {
  const rows = await practiceQuestions(db).where(and(practiceOnly, eq(questions.id, questionId)));
  const row = rows[0];
  return row ? { questionId: row.questionId, versionId: row.version.id, content: toContent(row.version) } : undefined;
}

/**
 * An organiser opens or closes a bank for practice. A bank that a contest draws from stays closed
 * while that contest's answers must stay unseen (not yet closed, or answers never shown).
 */
export async function setPracticeBank(db: Db, bankId: number, practice: boolean, now = Date.now()): Promise<Result> {
  if (!practice) {
    await db.update(questionBanks).set({ practice: false }).where(eq(questionBanks.id, bankId));
    return ok();
  }
  const opened = await db
    .update(questionBanks)
    .set({ practice: true })
    .where(
      and(
        eq(questionBanks.id, bankId),
        sql`not exists (select 1 from ${contests} where ${contests.bankId} = ${bankId} and (${contests.closesAt} > ${now} or ${contests.answersVisible} = 'never'))`,
      ),
    );
  return opened.rowsAffected > 0
    ? ok()
    : fail('这个题库正用于知识竞赛（还没结束，或答案不公开），不能用于日常练习，以免答案提前被看到。');
}
