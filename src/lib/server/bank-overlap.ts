import { aliasedTable, and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { contests, questionBanks, questions, questionVersions } from '../../../db/schema';
import { GRACE_MS } from '../contest-time';
import type { SharedQuestion } from '../question-rules';
import type { Db } from './db';

/*
 * Questions that sit in two banks at once (the same stem, as stemKey compares them), where one is
 * open for practice and the other feeds a contest: 每日一练 shows every answer, so such a question
 * is answered for the contestants before the contest. The organiser is warned, naming the
 * questions, and may go ahead knowingly (a well-known question can be fair to everyone).
 */
export type { SharedQuestion };

const other = aliasedTable(questions, 'other_question');
const mine = aliasedTable(questionVersions, 'my_version');

/** Rows of (stem in `bankId`, other bank's id) for each active question sharing a stem with another bank's active question. */
async function sharedStems(db: Db, bankId: number): Promise<Array<{ stem: string; otherBankId: number; questionId: number }>> {
  return db
    .select({ stem: mine.stem, otherBankId: other.bankId, questionId: questions.id })
    .from(questions)
    .innerJoin(mine, eq(mine.id, questions.currentVersionId))
    .innerJoin(other, and(eq(other.stemKey, questions.stemKey), ne(other.bankId, questions.bankId), isNull(other.retiredAt)))
    .where(and(eq(questions.bankId, bankId), isNull(questions.retiredAt)))
    .orderBy(asc(questions.id));
}

/** Groups rows by question, in the bank's order, each with the names of where else it is. */
function byQuestion(rows: ReadonlyArray<{ questionId: number; stem: string; where: string }>): SharedQuestion[] {
  const found = new Map<number, SharedQuestion>();
  for (const row of rows) {
    const entry = found.get(row.questionId) ?? { stem: row.stem, elsewhere: [] };
    if (!entry.elsewhere.includes(row.where)) entry.elsewhere.push(row.where);
    found.set(row.questionId, entry);
  }
  return [...found.values()];
}

/** A contest bank's questions that are also in a bank open for practice (for the contest's pages). */
export async function questionsAlsoInPractice(db: Db, contestBankId: number): Promise<SharedQuestion[]> {
  const rows = await sharedStems(db, contestBankId);
  if (rows.length === 0) return [];
  const practice = await db.select({ id: questionBanks.id, name: questionBanks.name }).from(questionBanks).where(eq(questionBanks.practice, true));
  const names = new Map(practice.map((bank) => [bank.id, `练习题库“${bank.name}”`]));
  return byQuestion(rows.flatMap((row) => {
    const where = names.get(row.otherBankId);
    return where === undefined ? [] : [{ ...row, where }];
  }));
}

/**
 * A bank's questions that contests which have not ended draw from their own banks (for opening the
 * bank for practice). A contest on this very bank is refused elsewhere (setPracticeBank).
 */
export async function questionsInRunningContests(db: Db, bankId: number, now = Date.now()): Promise<SharedQuestion[]> {
  const rows = await sharedStems(db, bankId);
  if (rows.length === 0) return [];
  const running = await db
    .select({ bankId: contests.bankId, title: contests.title })
    .from(contests)
    .where(and(gt(sql`${contests.closesAt} + ${GRACE_MS}`, now), ne(contests.bankId, bankId)))
    .orderBy(asc(contests.opensAt));
  return byQuestion(rows.flatMap((row) => running.filter((contest) => contest.bankId === row.otherBankId).map((contest) => ({ ...row, where: `竞赛“${contest.title}”` }))));
}
