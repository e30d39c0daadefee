import { and, eq, gt, sql } from 'drizzle-orm';
import { invitations, users } from '../../../db/schema';
import type { Db } from './db';
import { getConfig } from './config';
import { fail, ok, type Result } from '../result';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { accountKey, ACCOUNT_LIMIT, clearFailures, ipKey, IP_LIMIT, recordFailure, throttleWait, waitMessage } from './rate-limit';
import { createSession, sessionExpiresAt, sessionPolicy } from './session';
import { getUser, insertUser, type User } from './users';
import { recordAudit } from './audit';

export const WRONG_CREDENTIALS = '手机号或密码不正确。';

export type SignInResult = Result<{ token: string; expiresAt: number; user: User }>;

/**
 * Checks the password with per-account and per-IP throttling kept in the database. An unknown
 * number and a wrong password get the same message and take the same time.
 */
export async function signIn(
  db: Db,
  input: { phone: string; password: string; ip: string; device: string },
  now = Date.now(),
): Promise<SignInResult> {
  const keys = [
    { key: accountKey(input.phone), limit: ACCOUNT_LIMIT },
    { key: ipKey(input.ip), limit: IP_LIMIT },
  ];
  const wait = await throttleWait(db, keys, now);
  if (wait > 0) return fail(waitMessage(wait));

  const user = (await db.select().from(users).where(eq(users.phone, input.phone)))[0];
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await recordFailure(db, keys.map((k) => k.key), now);
    return fail(WRONG_CREDENTIALS);
  }
  if (user.disabledAt !== null) return fail('这个账号已停用。如有疑问，请联系老年大学的管理员。');

  await clearFailures(db, accountKey(input.phone));
  await db.update(users).set({ lastSeenAt: now }).where(eq(users.id, user.id));
  const { session, token } = await createSession(db, user.id, input.device, now);
  const signedIn = await getUser(db, user.id);
  if (!signedIn) return fail(WRONG_CREDENTIALS);
  return ok({ token, expiresAt: sessionExpiresAt(session, sessionPolicy(signedIn.roles)), user: signedIn });
}

/** OPEN_REGISTRATION=1 lets people register without an invitation code (no branch then). */
export function registrationIsOpen(): boolean {
  return getConfig().openRegistration;
}

/** A refusal names the field it is about ('code' or 'phone'). */
export type RegisterResult = Result<{ userId: number }>;

/**
 * Registration with an invitation code. The code's use count and the new account are written in
 * one write transaction, so a code is never used more times than allowed, even at once.
 */
export async function registerWithInvitation(
  db: Db,
  input: { code: string; phone: string; displayName: string; password: string },
  now = Date.now(),
): Promise<RegisterResult> {
  if (!input.code && !registrationIsOpen()) {
    return fail('请填写邀请码。邀请码由老年大学或支部联络员发给您。', 'code');
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const claimed = !input.code
      ? [{ branchId: null }]
      : await tx
      .update(invitations)
      .set({ uses: sql`${invitations.uses} + 1` })
      .where(
        and(
          eq(invitations.code, input.code),
          gt(invitations.expiresAt, now),
          sql`${invitations.uses} < ${invitations.maxUses}`,
        ),
      )
      .returning({ branchId: invitations.branchId });
    const invitation = claimed[0];
    if (!invitation) {
      return fail('邀请码不对或已过期。请核对后重新输入，或向支部联络员要一个新的。', 'code');
    }
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
    if (existing.length > 0) {
      tx.rollback();
    }
    const userId = await insertUser(tx, {
      phone: input.phone,
      displayName: input.displayName,
      branchId: invitation.branchId,
      passwordHash,
      roles: ['learner'],
      // The register action refuses a form without the consent tick, so reaching here means it was given.
      privacyAcceptedAt: now,
    }, now);
    if (input.code) await recordAudit(tx, { kind: 'invitation.use', actorId: userId, subjectId: userId }, now);
    return ok({ userId });
  }).catch((error: unknown) => {
    if (isRollback(error) || isUniqueViolation(error)) {
      return fail('这个手机号已经注册过了，请直接登录；忘记密码可以请老师帮您重置。', 'phone');
    }
    throw error;
  });
}

function isRollback(error: unknown): boolean {
  return error instanceof Error && error.constructor.name === 'TransactionRollbackError';
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return /UNIQUE constraint failed/.test(text) || /SQLITE_CONSTRAINT_UNIQUE/.test(text);
}

/**
 * Deletes the account and, through the foreign keys, its sessions, progress, study time and
 * certificates. Needs the person's password.
 */
export async function closeAccount(db: Db, userId: number, password: string): Promise<boolean> {
  const user = (await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)))[0];
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) return false;
  await db.delete(users).where(eq(users.id, userId));
  return true;
}
