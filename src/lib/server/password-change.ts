import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { Db } from './db';
import { hashPassword, verifyPassword } from './password';
import { ACCOUNT_LIMIT, clearFailures, countAttempt, THROTTLE_WINDOW, waitMessage } from './rate-limit';
import { invalidateOtherSessions } from './session';
import { recordAudit } from './audit';
import { fail, ok, type Result } from '../result';

export const WRONG_CURRENT_PASSWORD = '现在的密码不对。请再输入一次；忘记了可以退出登录，用“忘记密码”请老师帮您重置。';

/**
 * A signed-in person changes their password: the current one is required (counted before it is
 * checked, so guesses sent at once are limited too), every other device is signed out, and the
 * change is written to the audit log. The device in use stays signed in.
 */
export async function changePassword(
  db: Db,
  input: { userId: number; sessionId: string; current: string; password: string },
  now = Date.now(),
): Promise<Result> {
  const key = `password:${input.userId}`;
  if ((await countAttempt(db, key, now)) > ACCOUNT_LIMIT) return fail(waitMessage(THROTTLE_WINDOW), 'current');
  const stored = (await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)))[0];
  if (!stored?.passwordHash || !(await verifyPassword(stored.passwordHash, input.current))) {
    return fail(WRONG_CURRENT_PASSWORD, 'current');
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    await invalidateOtherSessions(tx, input.userId, input.sessionId);
    await recordAudit(tx, { kind: 'password.change', actorId: input.userId, subjectId: input.userId }, now);
  });
  await clearFailures(db, key);
  return ok();
}
