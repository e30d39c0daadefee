import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { Db } from './db';
import { hashPassword } from './password';
import { confirmOwnPassword } from './auth';
import { invalidateOtherSessions } from './session';
import { recordAudit } from './audit';
import { fail, ok, type Result } from '../result';

export const WRONG_CURRENT_PASSWORD = '现在的密码不对。请再输入一次；忘记了可以退出登录，用“忘记密码”请老师帮您重置。';

/**
 * A signed-in person changes their password: the current one is required, counted like a sign-in
 * against the same account before it is checked (a borrowed session cannot guess it without limit,
 * nor in a burst), every other device is signed out, and the change is written to the audit log. The
 * device in use stays signed in.
 */
export async function changePassword(
  db: Db,
  input: { userId: number; sessionId: string; current: string; password: string; ip: string },
  now = Date.now(),
): Promise<Result> {
  const confirmed = await confirmOwnPassword(db, { userId: input.userId, password: input.current, ip: input.ip, wrong: WRONG_CURRENT_PASSWORD }, now);
  if (!confirmed.ok) return fail(confirmed.error.message, 'current');
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    await invalidateOtherSessions(tx, input.userId, input.sessionId);
    await recordAudit(tx, { kind: 'password.change', actorId: input.userId, subjectId: input.userId }, now);
  });
  return ok();
}
