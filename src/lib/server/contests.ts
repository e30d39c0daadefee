import { and, eq, isNull } from 'drizzle-orm';
import { contestBranches, contests, questionBanks, questions, questionVersions } from '../../../db/schema';
import { validateDrawRules, type Candidate, type DrawRule } from '../contest-draw';
import type { PointsRule } from '../contest-results';
import type { Db } from './db';

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
  answersVisible: 'after_submit' | 'after_close' | 'never';
  awards: Array<{ name: string; upToRank: number }>;
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

/** Sets up a contest after checking that its draw rules can be met by the bank. */
export async function createContest(db: Db, input: NewContest, actorId: number, now = Date.now()): Promise<{ ok: true; id: number } | { ok: false; problems: string[] }> {
  const problems = validateDrawRules(input.drawRules, await drawCandidates(db, input.bankId));
  const bank = (await db.select({ practice: questionBanks.practice }).from(questionBanks).where(eq(questionBanks.id, input.bankId)))[0];
  if (bank?.practice) problems.push('这个题库用于日常练习，学员已经能看到答案。竞赛请用单独的题库。');
  if (input.closesAt <= input.opensAt) problems.push('结束时间要晚于开始时间。');
  if (problems.length > 0) return { ok: false, problems };
  const id = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(contests)
      .values({
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
        eligibility: input.branchIds.length > 0 ? 'branches' : 'all',
        answersVisible: input.answersVisible,
        awards: JSON.stringify(input.awards),
        createdBy: actorId,
        createdAt: now,
      })
      .returning({ id: contests.id });
    const contestId = inserted[0]?.id as number;
    if (input.branchIds.length > 0) await tx.insert(contestBranches).values(input.branchIds.map((branchId) => ({ contestId, branchId })));
    return contestId;
  });
  return { ok: true, id };
}
