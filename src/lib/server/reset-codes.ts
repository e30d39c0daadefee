import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { oneTimeCodes, userRoles, users, type Role } from '../../../db/schema';
import { newOneTimeCode, normalizeOneTimeCode } from '../one-time-code';
import type { Db, Writer } from './db';
import { fail, ok, UserFacingError, type Result } from '../result';
import { hashPassword, ServerBusyError } from './password';
import { admitGuess, clearFailures, CODE_IP_LIMIT, countAttempt, guessFailed, refundAttempt, throttleWait, waitMessage } from './rate-limit';
import { keyedHash } from './secret-box';
import { invalidateUserSessions } from './session';
import { recordAudit } from './audit';

/** A reset code is valid for 24 hours: long enough to phone a grandchild for help. */
export const RESET_CODE_LIFETIME = 24 * 60 * 60 * 1000;
/** A first sign-in code for an imported person lasts 30 days: it is printed and handed out. */
export const SIGNIN_CODE_LIFETIME = 30 * 24 * 60 * 60 * 1000;
export const WRONG_RESET = '手机号或重置码不正确。请核对后再输入，或请老师重新给您一个重置码。';


/**
 * What is stored for a code: an HMAC under the server's secret key, so a copied database alone
 * cannot be searched for the codes. The code is the normalised form (no dashes, upper case).
 */
export function codeDigest(userId: number, code: string): Buffer {
  return keyedHash(`one-time:${userId}:${code}`);
}

/** Every unused code of the person stops working. */
export async function voidCodes(tx: Pick<Db, 'update'>, userId: number, now: number): Promise<void> {
  await tx.update(oneTimeCodes).set({ usedAt: now }).where(and(eq(oneTimeCodes.userId, userId), isNull(oneTimeCodes.usedAt)));
}

/**
 * A new code for the person, in the caller's transaction; every earlier unused code (reset or first
 * sign-in) stops working. Returns the code (normalised; show it with formatOneTimeCode) once.
 */
export async function storeNewCode(
  tx: Writer,
  input: { userId: number; purpose: 'reset' | 'signin'; createdBy: number },
  now: number,
): Promise<{ code: string; expiresAt: number }> {
  const code = newOneTimeCode();
  const expiresAt = now + (input.purpose === 'reset' ? RESET_CODE_LIFETIME : SIGNIN_CODE_LIFETIME);
  await voidCodes(tx, input.userId, now);
  await tx.insert(oneTimeCodes).values({ ...input, codeHash: codeDigest(input.userId, code), expiresAt, createdAt: now });
  // Also what the person is told at their next sign-in: who issued a code for them, and when.
  await recordAudit(tx, { kind: input.purpose === 'reset' ? 'code.reset.issue' : 'code.signin.issue', actorId: input.createdBy, subjectId: input.userId }, now);
  return { code, expiresAt };
}

/** Who the code is for, as `refusal` sees them: read in the same transaction that stores the code. */
export interface CodeTarget {
  roles: Role[];
  branchId: number | null;
}

/**
 * A new 24-hour reset code for the person; their other codes stop working. `refusal` (the issuer's
 * permission) is asked inside the write transaction with the person's roles and branch as they are
 * then, so a role granted a moment earlier can never be opened by an issuer it now excludes; a
 * refusal is thrown as a UserFacingError on the phone field and nothing is written.
 */
export async function issueResetCode(
  db: Db,
  userId: number,
  createdBy: number,
  now = Date.now(),
  refusal: (target: CodeTarget) => string | undefined = () => undefined,
): Promise<{ code: string; expiresAt: number }> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ branchId: users.branchId }).from(users).where(eq(users.id, userId));
    const roles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((row) => row.role);
    const refused = person ? refusal({ roles, branchId: person.branchId }) : '没有找到这位同志的账号。';
    if (refused) throw new UserFacingError(refused, { field: 'phone' });
    return storeNewCode(tx, { userId, purpose: 'reset', createdBy }, now);
  });
}

export type ResetResult = Result;

/**
 * Sets a new password with a reset or first sign-in code (as typed: any case, dashes optional). Every try is counted against the number before the code is checked, wrong
 * ones also against the address (see rate-limit.ts). Success uses the code up, voids the person's
 * other codes and signs them out everywhere; two-step sign-in, when on, still applies afterwards.
 */
export async function resetPassword(
  db: Db,
  input: { phone: string; code: string; password: string; ip: string },
  now = Date.now(),
): Promise<ResetResult> {
  const account = `reset:${input.phone}`;
  const ip = `reset-ip:${input.ip}`;
  // Every try from an address is counted too (successes are taken back), so one address cannot try
  // codes across many numbers without end; resets are rare, so a hall never reaches the cap.
  const addressTries = `reset-ip-tries:${input.ip}`;
  if ((await countAttempt(db, addressTries, now)) > CODE_IP_LIMIT) {
    return fail(waitMessage(await throttleWait(db, [{ key: addressTries, limit: CODE_IP_LIMIT }], now), '请核对老师给您的重置码，过一会儿再输入。'));
  }
  const wait = await admitGuess(db, { account, ip }, now);
  if (wait > 0) return fail(waitMessage(wait, '请核对老师给您的重置码，过一会儿再输入。'));
  const user = (await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone)))[0];
  const stored = user
    ? (
        await db
          .select()
          .from(oneTimeCodes)
          .where(and(eq(oneTimeCodes.userId, user.id), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
          .orderBy(desc(oneTimeCodes.createdAt))
          .limit(1)
      )[0]
    : undefined;
  // Hashed even for an unknown number, so the answer takes the same time.
  const typed = codeDigest(user?.id ?? 0, normalizeOneTimeCode(input.code) ?? input.code);
  if (!user || !stored || !constantTimeEqual(typed, new Uint8Array(stored.codeHash))) {
    await guessFailed(db, ip, now);
    return fail(WRONG_RESET);
  }
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password);
  } catch (error) {
    if (error instanceof ServerBusyError) {
      await refundAttempt(db, account);
      await refundAttempt(db, addressTries);
    }
    throw error;
  }
  const used = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, stored.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (claimed.length === 0) return false;
    await voidCodes(tx, user.id, now);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await recordAudit(tx, { kind: 'code.use', actorId: user.id, subjectId: user.id, detail: { purpose: stored.purpose } }, now);
    // Signed out everywhere in the same transaction: a new password never leaves old sessions open.
    await invalidateUserSessions(tx, user.id);
    return true;
  });
  if (!used) return fail(WRONG_RESET);
  await clearFailures(db, account);
  await refundAttempt(db, addressTries);
  return ok();
}
