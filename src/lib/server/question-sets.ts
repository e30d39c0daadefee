import { eq } from 'drizzle-orm';
import { questionBanks } from '../../../db/schema';
import { stemKey } from '../question-rules';
import { questionSetById, type QuestionSet } from '../question-sets';
import { fail, ok, type Result } from '../result';
import { isUniqueViolation } from './auth';
import type { Db, Tx } from './db';
import { activeStemKeys, insertQuestions } from './question-bank';

export interface SetAdded {
  /** Questions of the set that were added now. */
  added: number;
  /** Questions of the set the bank already held (an active question with the same stem). */
  already: number;
}

/**
 * Adds to a bank the questions of a ready-made set that it does not hold yet, inside the caller's
 * write transaction: adding a set twice adds nothing the second time. The demo seed calls this too.
 */
export async function addQuestionSetIn(tx: Tx, bankId: number, set: QuestionSet, actorId: number, now: number): Promise<SetAdded> {
  const held = await activeStemKeys(tx, bankId);
  const missing = set.questions.filter((question) => !held.has(stemKey(question.stem)));
  await insertQuestions(tx, bankId, missing, actorId, now);
  return { added: missing.length, already: set.questions.length - missing.length };
}

/** An organiser's 加入这套题: one write transaction; says what was added and what was there already. */
export async function addQuestionSet(db: Db, input: { bankId: number; setId: string; actorId: number }, now = Date.now()): Promise<Result<string>> {
  const set = questionSetById(input.setId);
  if (!set) return fail('没有这套题，请从列表里选。');
  try {
    const outcome = await db.transaction(async (tx) => {
      const bank = (await tx.select({ practice: questionBanks.practice }).from(questionBanks).where(eq(questionBanks.id, input.bankId)))[0];
      if (!bank) return undefined;
      return { ...(await addQuestionSetIn(tx, input.bankId, set, input.actorId, now)), practice: bank.practice };
    });
    if (!outcome) return fail('没有找到这个题库。');
    const done =
      outcome.added === 0
        ? `“${set.name}”的 ${outcome.already} 道题都已经在这个题库里了，没有重复加入。`
        : outcome.already === 0
          ? `已加入“${set.name}” ${outcome.added} 道题。`
          : `已加入“${set.name}” ${outcome.added} 道题，另外 ${outcome.already} 道题库里已经有了，没有重复加入。`;
    return ok(outcome.practice ? done : `${done}这个题库还没有用于日常练习：点“用于日常练习”以后，学员才能在每日一练里做到这些题。`);
  } catch (error) {
    // Someone added the same questions at the same moment: theirs stand, nothing of ours was kept.
    if (isUniqueViolation(error)) return fail('刚才有人同时往这个题库加了同样的题，这次没有加入。请刷新页面看一看。');
    throw error;
  }
}
