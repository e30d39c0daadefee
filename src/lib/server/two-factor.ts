import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { recoveryCodes, totpCredentials } from '../../../db/schema';
import { isRecoveryCodeShape, matchingStep, RECOVERY_CODE_DIGITS } from '../two-factor-rules';
import type { Db } from './db';
import { fail, ok, type Result } from '../result';
import { ACCOUNT_LIMIT, clearFailures, countAttempt, throttleWait, waitMessage } from './rate-limit';
import { keyedHash, open, seal } from './secret-box';
import { invalidateUserSessions, markSessionTwoFactorVerified } from './session';
import { recordAudit } from './audit';

/** How many recovery codes a person gets; each works once. */
export const RECOVERY_CODE_COUNT = 8;
const KEY_BYTES = 20;

export const WRONG_TOTP = '验证码不对。请打开手机上的验证器，输入“霞光学堂”下面正在显示的6位数字。';
export const USED_TOTP = '这个验证码刚刚用过了。请等手机上的数字换成新的，再输入新的数字。';
export const WRONG_RECOVERY = '恢复码不对，或已经用过了。请核对您抄下的恢复码，每个只能用一次。';
const BROKEN_KEY = '验证器的设置已失效。请用恢复码登录，或请管理员帮您重新设置两步验证。';

type Outcome = Result;

const throttleKey = (userId: number): string => `2fa:${userId}`;
const hashRecovery = (userId: number, code: string): Buffer => keyedHash(`recovery:${userId}:${code}`);

/** A fresh 160-bit key for a new authenticator app (RFC 4226's recommended length). */
export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

function newRecoveryCode(): string {
  let code = '';
  while (code.length < RECOVERY_CODE_DIGITS) {
    for (const byte of crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_DIGITS))) {
      // 250 = 25 × 10: rejecting 250–255 keeps every digit equally likely.
      if (byte < 250 && code.length < RECOVERY_CODE_DIGITS) code += String(byte % 10);
    }
  }
  return code;
}

/**
 * Stores the key (encrypted) and a new set of recovery codes, replacing any earlier ones, in the
 * caller's transaction. Returns the recovery codes: the only time they exist in plain text.
 */
export async function installTotp(tx: Pick<Db, 'insert' | 'delete'>, userId: number, key: Uint8Array, usedStep: number, now: number): Promise<string[]> {
  const encryptedKey = seal(key);
  await tx
    .insert(totpCredentials)
    .values({ userId, encryptedKey, lastUsedStep: usedStep, createdAt: now })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: { encryptedKey, lastUsedStep: usedStep, createdAt: now } });
  return replaceRecoveryCodes(tx, userId, now);
}

async function replaceRecoveryCodes(tx: Pick<Db, 'insert' | 'delete'>, userId: number, now: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecovery(userId, code), createdAt: now })));
  return codes;
}

/**
 * Runs `attempt` unless the person is throttled. Every attempt is counted before it is checked
 * (and the count cleared on success), so codes guessed in parallel are limited all the same.
 */
async function throttled(db: Db, userId: number, now: number, attempt: () => Promise<Outcome>): Promise<Outcome> {
  const key = throttleKey(userId);
  if ((await countAttempt(db, key, now)) > ACCOUNT_LIMIT) {
    return fail(waitMessage(await throttleWait(db, [{ key, limit: ACCOUNT_LIMIT }], now)));
  }
  const outcome = await attempt();
  if (outcome.ok) await clearFailures(db, key);
  return outcome;
}

export const CURRENT_CODE_NEEDED = '换手机前，请先输入旧手机验证器上正在显示的6位数字；旧手机不在身边，可以输入一个恢复码。';

/**
 * First set-up (or a new phone): the code proves the app holds `key`. Replacing an authenticator
 * already set up also needs `currentCode`, from the old app or a recovery code (used up), so a
 * session left open on someone else's screen cannot move the second factor to a new phone.
 */
export async function enableTotp(
  db: Db,
  input: { userId: number; sessionId: string; key: Uint8Array; code: string; currentCode?: string | undefined },
  now = Date.now(),
): Promise<Result<{ recoveryCodes: string[]; replaced: boolean }>> {
  let codes: string[] = [];
  let replaced = false;
  const outcome = await throttled(db, input.userId, now, async () => {
    const existing = (await db.select({ lastUsedStep: totpCredentials.lastUsedStep }).from(totpCredentials).where(eq(totpCredentials.userId, input.userId)))[0];
    // The new app's code first, so a mistyped one never uses up the old code or a recovery code.
    const step = matchingStep(input.key, input.code, now, existing?.lastUsedStep ?? -1);
    if (step === null) return fail(existing && matchingStep(input.key, input.code, now, -1) !== null ? USED_TOTP : WRONG_TOTP);
    if (existing) {
      replaced = true;
      const current = (input.currentCode ?? '').replace(/\s/g, '');
      const proven = current === '' ? fail(CURRENT_CODE_NEEDED) : isRecoveryCodeShape(current) ? await spendRecoveryCode(db, input.userId, current, now) : await acceptTotp(db, input.userId, current, now);
      if (!proven.ok) return fail(proven.error.message, 'currentCode');
    }
    codes = await db.transaction(async (tx) => {
      const installed = await installTotp(tx, input.userId, input.key, step, now);
      await markSessionTwoFactorVerified(tx, input.sessionId);
      await recordAudit(tx, { kind: replaced ? 'twoFactor.change' : 'twoFactor.enable', actorId: input.userId, subjectId: input.userId }, now);
      return installed;
    });
    return ok();
  });
  return outcome.ok ? ok({ recoveryCodes: codes, replaced }) : outcome;
}

/** Uses up one of the person's recovery codes. */
async function spendRecoveryCode(db: Pick<Db, 'update'>, userId: number, code: string, now: number): Promise<Outcome> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecovery(userId, code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0 ? ok() : fail(WRONG_RECOVERY);
}

/**
 * Accepts the current authenticator code once. Claiming the step is one conditional update, so
 * the same code sent twice at once is accepted only once.
 */
async function acceptTotp(db: Db, userId: number, code: string, now: number): Promise<Outcome> {
  const row = (await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)))[0];
  if (!row) return fail('您还没有开启两步验证。');
  const key = open(row.encryptedKey);
  if (!key) return fail(BROKEN_KEY);
  const step = matchingStep(key, code, now, row.lastUsedStep);
  if (step === null) return fail(matchingStep(key, code, now, -1) === null ? WRONG_TOTP : USED_TOTP);
  const claimed = await db
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(and(eq(totpCredentials.userId, userId), lt(totpCredentials.lastUsedStep, step)));
  return claimed.rowsAffected > 0 ? ok() : fail(WRONG_TOTP);
}

/** The second step of signing in, with the authenticator code. */
export async function verifyTotp(db: Db, input: { userId: number; sessionId: string; code: string }, now = Date.now()): Promise<Outcome> {
  return throttled(db, input.userId, now, async () => {
    const accepted = await acceptTotp(db, input.userId, input.code, now);
    if (accepted.ok) await markSessionTwoFactorVerified(db, input.sessionId);
    return accepted;
  });
}

/** The second step of signing in with a recovery code instead; the code is used up. */
export async function useRecoveryCode(
  db: Db,
  input: { userId: number; sessionId: string; code: string },
  now = Date.now(),
): Promise<Result<{ left: number }>> {
  const outcome = await throttled(db, input.userId, now, async () => {
    if (!isRecoveryCodeShape(input.code)) return fail(WRONG_RECOVERY);
    // One transaction: a code is never used up without the session being marked (and audited).
    return db.transaction(async (tx) => {
      const spent = await spendRecoveryCode(tx, input.userId, input.code, now);
      if (!spent.ok) return spent;
      await markSessionTwoFactorVerified(tx, input.sessionId);
      await recordAudit(tx, { kind: 'recoveryCode.use', actorId: input.userId, subjectId: input.userId }, now);
      return ok();
    });
  });
  if (!outcome.ok) return outcome;
  return ok({ left: (await twoFactorStatus(db, input.userId)).recoveryCodesLeft });
}

/** New recovery codes (the old ones stop working), after the current authenticator code. */
export async function regenerateRecoveryCodes(
  db: Db,
  input: { userId: number; code: string },
  now = Date.now(),
): Promise<Result<{ recoveryCodes: string[] }>> {
  let codes: string[] = [];
  const outcome = await throttled(db, input.userId, now, async () => {
    const accepted = await acceptTotp(db, input.userId, input.code, now);
    if (accepted.ok) {
      codes = await db.transaction(async (tx) => {
        await recordAudit(tx, { kind: 'recoveryCodes.regenerate', actorId: input.userId, subjectId: input.userId }, now);
        return replaceRecoveryCodes(tx, input.userId, now);
      });
    }
    return accepted;
  });
  return outcome.ok ? ok({ recoveryCodes: codes }) : outcome;
}

/** Turns two-step sign-in off, after the current authenticator code. */
export async function disableTotp(db: Db, input: { userId: number; code: string }, now = Date.now()): Promise<Outcome> {
  return throttled(db, input.userId, now, async () => {
    const accepted = await acceptTotp(db, input.userId, input.code, now);
    if (accepted.ok) {
      await db.transaction(async (tx) => {
        await removeTwoFactor(tx, input.userId);
        await recordAudit(tx, { kind: 'twoFactor.disable', actorId: input.userId, subjectId: input.userId }, now);
      });
    }
    return accepted;
  });
}

/** In the caller's transaction: the authenticator and its recovery codes go together. */
async function removeTwoFactor(tx: Pick<Db, 'delete'>, userId: number): Promise<void> {
  await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * An admin helps someone who lost their phone and their recovery codes: two-step sign-in is
 * removed and the person is signed out everywhere (the lost phone may be signed in).
 */
export async function resetTwoFactor(db: Db, userId: number, actorId: number | null, now = Date.now()): Promise<void> {
  // One transaction: two-step sign-in is never gone while the lost phone stays signed in.
  await db.transaction(async (tx) => {
    await removeTwoFactor(tx, userId);
    await invalidateUserSessions(tx, userId);
    await recordAudit(tx, { kind: 'twoFactor.reset', actorId, subjectId: userId }, now);
  });
}

export async function twoFactorStatus(db: Db, userId: number): Promise<{ enabled: boolean; recoveryCodesLeft: number; since: number | null }> {
  const rows = await db
    .select({
      since: totpCredentials.createdAt,
      left: sql<number>`(select count(*) from ${recoveryCodes} where ${recoveryCodes.userId} = ${userId} and ${recoveryCodes.usedAt} is null)`,
    })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId));
  const row = rows[0];
  return row ? { enabled: true, recoveryCodesLeft: Number(row.left), since: row.since } : { enabled: false, recoveryCodesLeft: 0, since: null };
}
