import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { guideFeedback, guideReads } from '../../../db/schema';
import type { Db } from './db';
import { countAttempt, throttleWait } from './rate-limit';

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

/**
 * Reads counted per address and guide in each throttle window (15 minutes, rate-limit.ts). Opening
 * a guide again, or a script posting reads in a loop, counts once, so one address cannot move a
 * guide up /help/'s most-read order. A whole activity room behind one address also counts once per
 * guide, which is the price of that.
 */
export const READS_PER_ADDRESS_AND_GUIDE = 1;

/**
 * A read posted from `address`: counted unless this address has already had its reads of this
 * guide in the window. Returns whether it was counted (the reader is told nothing either way).
 */
export async function recordReadFrom(db: Db, guideId: string, address: string, now = Date.now()): Promise<boolean> {
  const key = `guide-read:${address}:${guideId}`;
  const limit = READS_PER_ADDRESS_AND_GUIDE;
  // Looked up first, so a flood of repeats is answered from a read and writes nothing.
  if ((await throttleWait(db, [{ key, limit }], now)) > 0) return false;
  // Counted before the read is recorded, so reads posted at the same moment cannot all slip in.
  if ((await countAttempt(db, key, now)) > limit) return false;
  await recordRead(db, guideId, now);
  return true;
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

export interface Tally {
  helpful: number;
  notHelpful: number;
}

export interface GuideVerdict {
  guideId: string;
  /** All answers: what the list is ordered by. */
  helpful: number;
  notHelpful: number;
  /**
   * The same split by who answered. A signed-in person counts once per guide (their last answer);
   * a visitor's every answer counts, limited only per address (FEEDBACK_IP_LIMIT), so many
   * addresses could inflate it. Admins see both and can tell.
   */
  signedIn: Tally;
  visitors: Tally;
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
  const answered = (helpful: boolean, signedIn: boolean) =>
    sql<number>`sum(case when ${guideFeedback.helpful} = ${helpful ? 1 : 0} and ${guideFeedback.userId} is ${signedIn ? sql`not null` : sql`null`} then 1 else 0 end)`;
  const tallies = await db
    .select({
      guideId: guideFeedback.guideId,
      signedInHelpful: answered(true, true),
      signedInNotHelpful: answered(false, true),
      visitorsHelpful: answered(true, false),
      visitorsNotHelpful: answered(false, false),
    })
    .from(guideFeedback)
    .groupBy(guideFeedback.guideId);
  const comments = await db
    .select({ guideId: guideFeedback.guideId, comment: guideFeedback.comment, createdAt: guideFeedback.createdAt })
    .from(guideFeedback)
    .where(and(eq(guideFeedback.helpful, false), ne(guideFeedback.comment, '')))
    .orderBy(desc(guideFeedback.createdAt), desc(guideFeedback.id));
  return tallies
    .map((tally) => {
      const signedIn = { helpful: Number(tally.signedInHelpful), notHelpful: Number(tally.signedInNotHelpful) };
      const visitors = { helpful: Number(tally.visitorsHelpful), notHelpful: Number(tally.visitorsNotHelpful) };
      return {
        guideId: tally.guideId,
        helpful: signedIn.helpful + visitors.helpful,
        notHelpful: signedIn.notHelpful + visitors.notHelpful,
        signedIn,
        visitors,
        comments: comments
          .filter((row) => row.guideId === tally.guideId)
          .slice(0, COMMENTS_SHOWN)
          .map(({ comment, createdAt }) => ({ comment, createdAt })),
      };
    })
    .filter((verdict) => verdict.notHelpful > 0)
    .sort((a, b) => shareNotHelped(b) - shareNotHelped(a) || b.notHelpful - a.notHelpful || a.guideId.localeCompare(b.guideId));
}
