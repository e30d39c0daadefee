import { eq, inArray, sql } from 'drizzle-orm';
import { loginThrottle } from '../../../db/schema';
import type { Db, Writer } from './db';

export const THROTTLE_WINDOW = 15 * 60 * 1000;
/** Per account: 10 tries at a password or a code in 15 minutes, then wait. */
export const ACCOUNT_LIMIT = 10;
/**
 * Failures from one address in a window after which it counts as noisy. A noisy address is not
 * refused: a whole branch may sign in from one activity room, and one mischief-maker (or 200
 * contestants mistyping at once) must not lock the room out. Instead every account tried from it
 * gets only NOISY_ACCOUNT_LIMIT tries per window, so spraying guesses over many accounts from one
 * address is slowed to a few per account, while a person who mistypes once or twice still gets in.
 */
export const IP_NOISY = 100;
export const NOISY_ACCOUNT_LIMIT = 3;
/** Per address: wrong invitation codes (or other registration failures) in 15 minutes, then wait. */
export const REGISTER_IP_LIMIT = 30;
/** Per address: tries at reset and first sign-in codes in 15 minutes, whichever numbers they name. */
export const CODE_IP_LIMIT = 30;

export const accountKey = (phone: string): string => `phone:${phone}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/** Milliseconds until the keys' windows end, for those over their limit; 0 when none is. */
export async function throttleWait(db: Db, keys: Array<{ key: string; limit: number }>, now = Date.now()): Promise<number> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys.map((k) => k.key)));
  let wait = 0;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)?.limit ?? Number.POSITIVE_INFINITY;
    const endsAt = row.windowStartedAt + THROTTLE_WINDOW;
    if (row.failures >= limit && now < endsAt) wait = Math.max(wait, endsAt - now);
  }
  return wait;
}

/** How many attempts `key` has in the current window (0 when none or the window is over). */
async function countIn(db: Db, key: string, now: number): Promise<number> {
  const row = (await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0];
  return row && row.windowStartedAt + THROTTLE_WINDOW > now ? row.failures : 0;
}

/**
 * Counts an attempt before it is checked and returns how many there have been in the window, so
 * many guesses sent at once cannot all slip in before the first failure is written.
 */
export async function countAttempt(db: Db, key: string, now = Date.now()): Promise<number> {
  const expired = now - THROTTLE_WINDOW;
  const rows = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} <= ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} <= ${expired} then ${now} else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning({ failures: loginThrottle.failures, windowStartedAt: loginThrottle.windowStartedAt });
  return rows[0]?.failures ?? 1;
}

/** Takes back one counted attempt that turned out fine (or was never checked). */
export async function refundAttempt(db: Db, key: string): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: sql`max(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

/**
 * Counts a try at an account's secret (password, reset or first sign-in code) before it is checked.
 * Returns 0 when it may be checked, or the milliseconds to wait: the account has had its tries in
 * this window (fewer when the address it comes from is noisy, see IP_NOISY). The caller records a
 * wrong guess against the address with `guessFailed` and clears the account with `clearFailures`
 * on success.
 */
export async function admitGuess(db: Db, keys: { account: string; ip: string }, now = Date.now()): Promise<number> {
  // The address's count is read, not counted first: it only chooses how strict the account limit is,
  // and the account limit itself is counted first, so parallel guesses at one account stay bounded.
  const noisy = (await countIn(db, keys.ip, now)) >= IP_NOISY;
  const limit = noisy ? NOISY_ACCOUNT_LIMIT : ACCOUNT_LIMIT;
  const tries = await countAttempt(db, keys.account, now);
  if (tries <= limit) return 0;
  const row = (await db.select().from(loginThrottle).where(eq(loginThrottle.key, keys.account)))[0];
  return Math.max(1, (row?.windowStartedAt ?? now) + THROTTLE_WINDOW - now);
}

/** A wrong guess from `ipKeyValue`: counts towards making that address noisy. */
export async function guessFailed(db: Db, ipKeyValue: string, now = Date.now()): Promise<void> {
  await countAttempt(db, ipKeyValue, now);
}

export async function clearFailures(db: Writer, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** 约 N 分钟, rounded up so nobody comes back a minute too early. */
export function waitMessage(ms: number, help = '忘记密码可以请老师或管理员帮您重置。'): string {
  return `尝试次数太多，为了账号安全，请在 ${Math.max(1, Math.ceil(ms / 60_000))} 分钟后再试。${help}`;
}
