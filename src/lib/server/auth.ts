import { and, eq, gt, sql } from 'drizzle-orm';
import { invitations, users } from '../../../db/schema';
import type { Db } from './db';
import { getConfig } from './config';
import { fail, ok, type Result } from '../result';
import { hashPassword, ServerBusyError, verifyAgainstDummy, verifyPassword } from './password';
import {
  accountKey,
  admitGuess,
  clearFailures,
  countAttempt,
  guessFailed,
  ipKey,
  refundAttempt,
  REGISTER_IP_LIMIT,
  throttleWait,
  waitMessage,
} from './rate-limit';
import { createSession, sessionExpiresAt, sessionPolicy } from './session';
import { getUser, insertUser, type User } from './users';
import { recordAudit } from './audit';

export const WRONG_CREDENTIALS = '手机号或密码不正确。';

export type SignInResult = Result<{ token: string; expiresAt: number; user: User }>;

/**
 * Checks the password. Every try is counted against the account before the password is checked
 * (so a burst of parallel guesses is cut off at the limit), wrong ones also against the address
 * (rate-limit.ts: a noisy address tightens the account limit instead of refusing everyone). An
 * unknown number and a wrong password get the same message and take the same time. Throws
 * ServerBusyError, with the try taken back, when the hash queue is full.
 */
export async function signIn(
  db: Db,
  input: { phone: string; password: string; ip: string; device: string },
  now = Date.now(),
): Promise<SignInResult> {
  const account = accountKey(input.phone);
  const ip = ipKey(input.ip);
  const wait = await admitGuess(db, { account, ip }, now);
  if (wait > 0) return fail(waitMessage(wait));

  const user = (await db.select().from(users).where(eq(users.phone, input.phone)))[0];
  let valid: boolean;
  try {
    valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  } catch (error) {
    if (error instanceof ServerBusyError) await refundAttempt(db, account);
    throw error;
  }
  if (!user || !valid) {
    await guessFailed(db, ip, now);
    return fail(WRONG_CREDENTIALS);
  }
  if (user.disabledAt !== null) return fail('这个账号已停用。如有疑问，请联系老年大学的管理员。');

  // One write transaction for the three writes of a sign-in: when a contest's contestants all sign
  // in at once, each write is a wait for SQLite's one write lock (shared by every server process).
  const { session, token } = await db.transaction(async (tx) => {
    await clearFailures(tx, account);
    await tx.update(users).set({ lastSeenAt: now }).where(eq(users.id, user.id));
    return createSession(tx, user.id, input.device, now);
  });
  const signedIn = await getUser(db, user.id);
  if (!signedIn) return fail(WRONG_CREDENTIALS);
  return ok({ token, expiresAt: sessionExpiresAt(session, sessionPolicy(signedIn.roles)), user: signedIn });
}

/** OPEN_REGISTRATION=1 lets people register without an invitation code (no branch then). */
export function registrationIsOpen(): boolean {
  return getConfig().openRegistration;
}

export const WRONG_INVITATION = '邀请码不对或已过期。请核对后重新输入，或向支部联络员要一个新的。';

/**
 * `ok: true` whether the number was new (an account is created) or already had an account (nothing
 * is created or changed): the page says the same either way, so registration never tells anybody
 * whether a number is registered. The owner of an existing account signs in, or uses 忘记密码.
 */
export type RegisterResult = Result;

const registerKey = (ip: string): string => `register:${ip}`;

/**
 * Registration with an invitation code. The code is checked with a cheap query before the password
 * is hashed, and every attempt from an address is counted first (successes are taken back), so
 * guessing codes or flooding the hash from one address is cut off at REGISTER_IP_LIMIT. The code's
 * use count and the new account are written in one write transaction, so a code is never used
 * more times than allowed, even at once. Throws ServerBusyError when the hash queue is full.
 */
export async function registerWithInvitation(
  db: Db,
  input: { code: string; phone: string; displayName: string; password: string; ip: string },
  now = Date.now(),
): Promise<RegisterResult> {
  if (!input.code && !registrationIsOpen()) {
    return fail('请填写邀请码。邀请码由老年大学或支部联络员发给您。', 'code');
  }
  const key = registerKey(input.ip);
  const tries = await countAttempt(db, key, now);
  if (tries > REGISTER_IP_LIMIT) {
    const wait = await throttleWait(db, [{ key, limit: REGISTER_IP_LIMIT }], now);
    return fail(waitMessage(wait, '请稍后再注册，或请支部联络员帮忙。'), 'code');
  }
  const usableInvitation = and(eq(invitations.code, input.code), gt(invitations.expiresAt, now), sql`${invitations.uses} < ${invitations.maxUses}`);
  if (input.code) {
    const usable = await db.select({ code: invitations.code }).from(invitations).where(usableInvitation);
    if (usable.length === 0) return fail(WRONG_INVITATION, 'code');
  }

  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password);
  } catch (error) {
    if (error instanceof ServerBusyError) await refundAttempt(db, key);
    throw error;
  }
  const outcome = await db
    .transaction(async (tx) => {
      const claimed = !input.code
        ? [{ branchId: null }]
        : await tx.update(invitations).set({ uses: sql`${invitations.uses} + 1` }).where(usableInvitation).returning({ branchId: invitations.branchId });
      const invitation = claimed[0];
      if (!invitation) return 'code' as const;
      // An existing account is left as it is; the code's use still counts, so trying numbers one by one
      // costs an invitation each.
      const existing = await tx.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
      if (existing.length > 0) return 'exists' as const;
      const userId = await insertUser(
        tx,
        // The register action refuses a form without the consent tick, so reaching here means it was given.
        { phone: input.phone, displayName: input.displayName, branchId: invitation.branchId, passwordHash, roles: ['learner'], privacyAcceptedAt: now },
        now,
      );
      if (input.code) await recordAudit(tx, { kind: 'invitation.use', actorId: userId, subjectId: userId }, now);
      return 'created' as const;
    })
    .catch((error: unknown) => {
      // Two registrations of one new number at once: the second loses the unique index.
      if (isUniqueViolation(error)) return 'exists' as const;
      throw error;
    });
  if (outcome === 'code') return fail(WRONG_INVITATION, 'code');
  await refundAttempt(db, key);
  return ok();
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return /UNIQUE constraint failed/.test(text) || /SQLITE_CONSTRAINT_UNIQUE/.test(text);
}

const WRONG_CLOSE = '密码不对，账号没有注销。';

/**
 * A signed-in person's own password, asked again before something that cannot be undone (closing
 * the account, changing the password): counted against the account before it is checked, like a
 * sign-in, so a borrowed session cannot guess it without limit or in a burst. `wrong` is the
 * caller's message for a wrong password; success clears the account's count.
 */
export async function confirmOwnPassword(
  db: Db,
  input: { userId: number; password: string; ip: string; wrong: string },
  now = Date.now(),
): Promise<Result> {
  const user = (await db.select({ phone: users.phone, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)))[0];
  if (!user?.passwordHash) return fail(input.wrong);
  const account = accountKey(user.phone);
  const wait = await admitGuess(db, { account, ip: ipKey(input.ip) }, now);
  if (wait > 0) return fail(waitMessage(wait));
  let valid: boolean;
  try {
    valid = await verifyPassword(user.passwordHash, input.password);
  } catch (error) {
    if (error instanceof ServerBusyError) await refundAttempt(db, account);
    throw error;
  }
  if (!valid) {
    await guessFailed(db, ipKey(input.ip), now);
    return fail(input.wrong);
  }
  await clearFailures(db, account);
  return ok();
}

/**
 * Deletes the account and, through the foreign keys, its sessions, progress, study time and
 * certificates. Needs the person's password (confirmOwnPassword).
 */
export async function closeAccount(
  db: Db,
  input: { userId: number; password: string; ip: string },
  now = Date.now(),
): Promise<Result> {
  const confirmed = await confirmOwnPassword(db, { ...input, wrong: WRONG_CLOSE }, now);
  if (!confirmed.ok) return confirmed;
  await db.delete(users).where(eq(users.id, input.userId));
  return ok();
}
