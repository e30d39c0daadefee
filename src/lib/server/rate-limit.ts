import { eq, inArray, sql } from 'drizzle-orm';
import { loginThrottle } from '../../../db/schema';
import type { Db } from './db';

export const THROTTLE_WINDOW = 15 * 60 * 1000;
/** Per account: 10 wrong passwords in 15 minutes, then wait. */
export const ACCOUNT_LIMIT = 10;
/** Per IP: generous, because a whole branch may sign in from one activity room. */
export const IP_LIMIT = 100;

export const accountKey = (phone: string): string => `phone:${phone}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/** Milliseconds until sign-in may be tried again, or 0 when it may be tried now. */
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

/** One atomic upsert per key: concurrent failures are all counted. */
export async function recordFailure(db: Db, keys: string[], now = Date.now()): Promise<void> {
  for (const key of keys) await countAttempt(db, key, now);
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
    .returning({ failures: loginThrottle.failures });
  return rows[0]?.failures ?? 1;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** 约 N 分钟, rounded up so nobody comes back a minute too early. */
export function waitMessage(ms: number): string {
  return `尝试次数太多，为了账号安全，请在 ${Math.max(1, Math.ceil(ms / 60_000))} 分钟后再试。忘记密码可以请老师或管理员帮您重置。`;
}
