import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { guideFeedback, guideReads } from '../../../db/schema';
import type { Db } from './db';

/**
 * How the help guides are read and judged: the read counter behind /help/'s most-read order and
 * 这篇有帮助吗 behind the admins' list of the guides that help least.
 */

/** One more read of a guide: a single upsert, so reads at the same moment all count. */
export async function recordRead(db: Db, guideId: string, now = Date.now()): Promise<void> {
  await db
    .insert(guideReads)
    .values({ guideId, reads: 1, updatedAt: now })
    .onConflictDoUpdate({ target: guideReads.guideId, set: { reads: sql`${guideReads.reads} + 1`, updatedAt: now } });
}

/** Reads per guide id (a guide never opened is absent). */
export async function readCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ guideId: guideReads.guideId, reads: guideReads.reads }).from(guideReads);
  return new Map(rows.map((row) => [row.guideId, row.reads]));
}

/**
 * 这篇有帮助吗. A signed-in person's answer replaces their earlier one about the same guide (the
 * unique index); a visitor's is always a new row.
 */
export async function recordFeedback(db: Db, input: { guideId: string; userId: number | null; helpful: boolean; comment: string }, now = Date.now()): Promise<void> {
  const row = { ...input, createdAt: now };
  if (input.userId === null) {
    await db.insert(guideFeedback).values(row);
    return;
  }
  await db
    .insert(guideFeedback)
    .values(row)
    .onConflictDoUpdate({ target: [guideFeedback.guideId, guideFeedback.userId], set: { helpful: input.helpful, comment: input.comment, createdAt: now } });
}

export interface GuideVerdict {
  guideId: string;
  helpful: number;
  notHelpful: number;
  /** The latest comments of readers it did not help, newest first. */
  comments: Array<{ comment: string; createdAt: number }>;
}

const COMMENTS_SHOWN = 5;

const shareNotHelped = (verdict: GuideVerdict): number => verdict.notHelpful / (verdict.helpful + verdict.notHelpful);

/**
 * Guides that at least one reader said did not help, those that help least first (the largest
 * share of 没帮上, then the most of them), with what those readers wrote.
 */
export async function leastHelpful(db: Db): Promise<GuideVerdict[]> {
  const tallies = await db
    .select({
      guideId: guideFeedback.guideId,
      helpful: sql<number>`sum(case when ${guideFeedback.helpful} then 1 else 0 end)`,
      notHelpful: sql<number>`sum(case when ${guideFeedback.helpful} then 0 else 1 end)`,
    })
    .from(guideFeedback)
    .groupBy(guideFeedback.guideId);
  const comments = await db
    .select({ guideId: guideFeedback.guideId, comment: guideFeedback.comment, createdAt: guideFeedback.createdAt })
    .from(guideFeedback)
    .where(and(eq(guideFeedback.helpful, false), ne(guideFeedback.comment, '')))
    .orderBy(desc(guideFeedback.createdAt), desc(guideFeedback.id));
  return tallies
    .filter((tally) => Number(tally.notHelpful) > 0)
    .map((tally) => ({
      guideId: tally.guideId,
      helpful: Number(tally.helpful),
      notHelpful: Number(tally.notHelpful),
      comments: comments
        .filter((row) => row.guideId === tally.guideId)
        .slice(0, COMMENTS_SHOWN)
        .map(({ comment, createdAt }) => ({ comment, createdAt })),
    }))
    .sort((a, b) => shareNotHelped(b) - shareNotHelped(a) || b.notHelpful - a.notHelpful || a.guideId.localeCompare(b.guideId));
}
