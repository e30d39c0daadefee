import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { oneTimeCodes, users } from '../../../db/schema';
import type { Db } from './db';
import { fail, ok, type Result } from '../result';
import { hashPassword } from './password';
import { clearFailures, recordFailure, throttleWait, waitMessage } from './rate-limit';
import { invalidateUserSessions } from './session';
import { recordAudit } from './audit';

/** A reset code is valid for 24 hours: long enough to phone a grandchild for help. */
export const RESET_CODE_LIFETIME = 24 * 60 * 60 * 1000;
/** A first sign-in code for an imported person lasts 30 days: it is printed and handed out. */
export const SIGNIN_CODE_LIFETIME = 30 * 24 * 60 * 60 * 1000;
const RESET_LIMIT = 10;
export const WRONG_RESET = '手机号或重置码不正确。请核对后再输入，或请老师重新给您一个重置码。';

export function hashCode(userId: number, code: string): Uint8Array {
  return sha256(new TextEncoder().encode(`${userId}:${code}`));
}

export function sixDigits(): string {
  const values = new Uint32Array(1);
  crypto.getRandomValues(values);
  return String((values[0] ?? 0) % 1_000_000).padStart(6, '0');
}

/** A new 6-digit code for the person; earlier unused codes stop working. Returns the code once. */
export async function issueResetCode(db: Db, userId: number, createdBy: number, now = Date.now()): Promise<{ code: string; expiresAt: number }> {
  const code = sixDigits();
  const expiresAt = now + RESET_CODE_LIFETIME;
  await db.transaction(async (tx) => {
    await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'reset'), isNull(oneTimeCodes.usedAt)));
    await tx.insert(oneTimeCodes).values({ userId, purpose: 'reset', codeHash: Buffer.from(hashCode(userId, code)), expiresAt, createdBy, createdAt: now });
    // Also what the person is told at their next sign-in: who issued a code for them, and when.
    await recordAudit(tx, { kind: 'code.reset.issue', actorId: createdBy, subjectId: userId }, now);
  });
  return { code, expiresAt };
}

export type ResetResult = Result;

/**
 * Sets a new password with a reset code. Wrong attempts are throttled per number; success uses the
 * code up and signs the person out everywhere.
 */
export async function resetPassword(
  db: Db,
  input: { phone: string; code: string; password: string },
  now = Date.now(),
): Promise<ResetResult> {
  const key = `reset:${input.phone}`;
  const wait = await throttleWait(db, [{ key, limit: RESET_LIMIT }], now);
  if (wait > 0) return fail(waitMessage(wait));
  const user = (await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone)))[0];
  const stored = user
    ? (
        await db
          .select()
          .from(oneTimeCodes)
          .where(
            and(
              eq(oneTimeCodes.userId, user.id),
              inArray(oneTimeCodes.purpose, ['reset', 'signin']),
              isNull(oneTimeCodes.usedAt),
              gt(oneTimeCodes.expiresAt, now),
            ),
          )
          .orderBy(desc(oneTimeCodes.createdAt))
          .limit(1)
      )[0]
    : undefined;
  const matches = !!user && !!stored && constantTimeEqual(hashCode(user.id, input.code), new Uint8Array(stored.codeHash));
  if (!user || !stored || !matches) {
    await recordFailure(db, [key], now);
    return fail(WRONG_RESET);
  }
  const passwordHash = await hashPassword(input.password);
  const used = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, stored.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (claimed.length === 0) return false;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await recordAudit(tx, { kind: 'code.use', actorId: user.id, subjectId: user.id, detail: { purpose: stored.purpose } }, now);
    return true;
  });
  if (!used) return fail(WRONG_RESET);
  await invalidateUserSessions(db, user.id);
  await clearFailures(db, key);
  return ok();
}
