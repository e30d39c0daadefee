import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { activities, activitySignups, calendarFeeds } from '../../../db/schema';
import { getActivity, type Activity } from './activities';
import { settleDue } from './activity-signups';
import { buildCalendar, type CalendarEntry } from './calendar';
import type { Db } from './db';
import { open, seal } from './secret-box';
import { activityIdFrom } from '../activity-agenda';
import { UNDO_MS } from '../activity-rules';

/** 160 random bits, written in lower-case base32 (32 letters and digits, safe in any URL). */
const TOKEN_BYTES = 20;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** Activities that ended longer ago than this drop out of the feed (phones keep what they had). */
const FEED_HISTORY_MS = 60 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

function sealed(token: string): string {
  return seal(new TextEncoder().encode(token)).toString('base64');
}

function unsealed(box: string): string | null {
  const plain = open(Buffer.from(box, 'base64'));
  return plain ? new TextDecoder().decode(plain) : null;
}

function tokenRow(token: string, userId: number, now: number): typeof calendarFeeds.$inferInsert {
  return { userId, tokenHash: hashToken(token), tokenSealed: sealed(token), createdAt: now };
}

/** The stored token, or null (none yet, or sealed under a secret key that has since been replaced). */
async function storedToken(db: Db, userId: number): Promise<string | null> {
  const row = (await db.select({ tokenSealed: calendarFeeds.tokenSealed }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)))[0];
  const token = row ? unsealed(row.tokenSealed) : null;
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

/** The person's calendar feed token, created on first use. */
export async function feedToken(db: Db, userId: number, now = Date.now()): Promise<string> {
  const current = await storedToken(db, userId);
  if (current) return current;
  // Two first visits at once: one insert wins and both read back the same token.
  await db.insert(calendarFeeds).values(tokenRow(newToken(), userId, now)).onConflictDoNothing();
  return (await storedToken(db, userId)) ?? resetFeedToken(db, userId, now);
}

/** What the person is told after a reset. */
export const FEED_RESET_MESSAGE = '已换成新的订阅地址，旧地址已经停用。请用下面的新地址在手机上重新订阅。';

/** A new token: the old address stops working at once. */
export async function resetFeedToken(db: Db, userId: number, now = Date.now()): Promise<string> {
  const token = newToken();
  const row = tokenRow(token, userId, now);
  await db
    .insert(calendarFeeds)
    .values(row)
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: row.tokenHash, tokenSealed: row.tokenSealed, createdAt: now } });
  return token;
}

/** Whose feed this token opens, or undefined (unknown, reset, or not a token at all). */
export async function userForToken(db: Db, token: string): Promise<number | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = (await db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token))))[0];
  return row?.userId;
}

/**
 * What the person's feed holds: every activity they have a confirmed seat for (a cancelled activity
 * stays, written as cancelled, so phones remove it), and activities whose confirmed seat they gave
 * up themselves (also as cancelled, once 撤销 can no longer restore it: until then the seat is
 * still theirs). Waitlisted sign-ups are not in it until promoted. Each seat given up raises the
 * entry's SEQUENCE by one, and taking a seat again after that by one more, so a phone always takes
 * the newer copy.
 */
export async function feedEntries(db: Db, userId: number, now = Date.now()): Promise<CalendarEntry[]> {
  const rows = await db
    .select({ activity: activities, status: activitySignups.status, cancelledFrom: activitySignups.cancelledFrom, cancelledAt: activitySignups.cancelledAt })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(
      and(
        eq(activitySignups.userId, userId),
        inArray(activitySignups.status, ['confirmed', 'cancelled']),
        gte(activities.endsAt, now - FEED_HISTORY_MS),
      ),
    )
    .orderBy(activities.startsAt, activities.id);
  // Seats given up for good (past the 撤销 time), per activity.
  const givenUp = new Map<number, number>();
  const seatHeld = new Set<number>();
  for (const row of rows) {
    const undoable = row.cancelledAt !== null && row.cancelledAt + UNDO_MS > now;
    if (row.status === 'confirmed' || (row.cancelledFrom === 'confirmed' && undoable)) seatHeld.add(row.activity.id);
    else if (row.cancelledFrom === 'confirmed') givenUp.set(row.activity.id, (givenUp.get(row.activity.id) ?? 0) + 1);
  }
  const entries = new Map<number, CalendarEntry>();
  for (const { activity } of rows) {
    const times = givenUp.get(activity.id) ?? 0;
    if (seatHeld.has(activity.id)) entries.set(activity.id, { activity, ownChanges: 2 * times });
    else if (times > 0) entries.set(activity.id, { activity, withdrawn: true, ownChanges: 2 * times - 1 });
  }
  return [...entries.values()];
}

/** The activity named by a URL's id, or undefined for anything else (a forged or unknown id). */
export async function activityForCalendar(db: Db, param: string | undefined): Promise<Activity | undefined> {
  const id = activityIdFrom(param);
  return id === undefined ? undefined : getActivity(db, id);
}

/**
 * The person's feed as a calendar file. Holds past their 撤销 time are settled first, so a seat
 * that has just gone to someone on the waitlist is in that person's calendar at the next refresh.
 */
export async function personalFeed(db: Db, userId: number, siteUrl: URL, now = Date.now()): Promise<string> {
  await settleDue(db, now);
  return buildCalendar(await feedEntries(db, userId, now), { siteUrl, name: '霞光学堂·我的活动' });
}
