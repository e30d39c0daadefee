import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { createSession, validateSessionToken } from '../../src/lib/server/session';
import {
  disableTotp,
  enableTotp,
  newTotpKey,
  regenerateRecoveryCodes,
  resetTwoFactor,
  twoFactorStatus,
  useRecoveryCode,
  verifyTotp,
  USED_TOTP,
  WRONG_RECOVERY,
  WRONG_TOTP,
} from '../../src/lib/server/two-factor';
import { open, seal } from '../../src/lib/server/secret-box';
import { codeAt, timeStep } from '../../src/lib/two-factor-rules';
import { ACCOUNT_LIMIT } from '../../src/lib/server/rate-limit';
import { recoveryCodes, sessions, totpCredentials } from '../../db/schema';
import { ok, fail, unwrap } from '../../src/lib/result';

let db: Db;
let fixture: TestDb;
let phoneCounter = 0;

beforeAll(async () => {
  ({ db } = fixture = await freshDb('2fa'));
});
afterAll(() => {
  fixture.close();
});

async function person(roles: Array<'learner' | 'admin'> = ['learner']): Promise<{ userId: number; sessionId: string; token: string }> {
  phoneCounter += 1;
  const userId = await insertUser(db, { phone: `1370000${String(phoneCounter).padStart(4, '0')}`, displayName: '测试', branchId: null, passwordHash: null, roles });
  const { session, token } = await createSession(db, userId, '测试');
  return { userId, sessionId: session.id, token };
}

/** The start of a 30-second step, close to now (sessions made now must not look expired). */
const T0 = Math.floor(Date.now() / 30_000) * 30_000;
const codeAtStep = (key: Uint8Array, step: number): string => generateHOTP(key, BigInt(step), 6);

describe('the secret box', () => {
  it('opens what it sealed, and refuses anything changed', () => {
    const sealed = seal(new Uint8Array([1, 2, 3]));
    expect(open(sealed)).toEqual(new Uint8Array([1, 2, 3]));
    const tampered = Buffer.from(sealed);
    tampered[14] = (tampered[14] ?? 0) ^ 1;
    expect(open(tampered)).toBeNull();
    expect(open(new Uint8Array(5))).toBeNull();
  });
});

describe('two-step sign-in', () => {
  it('is turned on only with a right code, stores no plain key, and verifies that session', async () => {
    const { userId, sessionId, token } = await person();
    const key = newTotpKey();
    expect(await enableTotp(db, { userId, sessionId, key, code: '000000' }, T0)).toMatchObject(fail(WRONG_TOTP));
    expect((await twoFactorStatus(db, userId)).enabled).toBe(false);

    const enabled = unwrap(await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0));
    expect(enabled.recoveryCodes).toHaveLength(8);
    expect(new Set(enabled.recoveryCodes).size).toBe(8);
    for (const code of enabled.recoveryCodes) expect(code).toMatch(/^\d{12}$/);

    const [stored] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
    expect(Buffer.from(stored?.encryptedKey ?? []).includes(Buffer.from(key))).toBe(false);
    const codes = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    expect(codes.map((row) => Buffer.from(row.codeHash).toString())).not.toContain(enabled.recoveryCodes[0]);

    const validated = await validateSessionToken(db, token, T0);
    expect(validated?.session.twoFactorVerified).toBe(true);
    expect(validated?.user.twoFactorEnabled).toBe(true);
  });

  it('asks a new session for the code, accepts it once, and never the same code again', async () => {
    const { userId, sessionId } = await person();
    const key = newTotpKey();
    await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0);
    const later = await createSession(db, userId, '另一台');
    expect((await validateSessionToken(db, later.token, T0))?.session.twoFactorVerified).toBe(false);

    const step = timeStep(T0);
    // The code used to turn it on cannot sign anyone in.
    expect(await verifyTotp(db, { userId, sessionId: later.session.id, code: codeAt(key, T0) }, T0)).toMatchObject({ ok: false });
    // Two requests with the next code at the same moment: exactly one wins.
    const code = codeAtStep(key, step + 1);
    const both = await Promise.all([
      verifyTotp(db, { userId, sessionId: later.session.id, code }, T0 + 30_000),
      verifyTotp(db, { userId, sessionId: later.session.id, code }, T0 + 30_000),
    ]);
    expect(both.filter((result) => result.ok)).toHaveLength(1);
    expect((await validateSessionToken(db, later.token, T0 + 30_000))?.session.twoFactorVerified).toBe(true);
  });

  it('is throttled after repeated wrong codes, with a wait in Chinese', async () => {
    const { userId, sessionId } = await person();
    const key = newTotpKey();
    await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await verifyTotp(db, { userId, sessionId, code: '000000' }, T0 + 60_000);
    const blocked = await verifyTotp(db, { userId, sessionId, code: codeAt(key, T0 + 60_000) }, T0 + 60_000);
    expect(blocked).toMatchObject({ ok: false });
    expect(blocked.ok ? '' : blocked.error.message).toMatch(/分钟后再试/);
  });

  it('counts guesses sent all at once, and says when a right code was already used', async () => {
    const { userId, sessionId } = await person();
    const key = newTotpKey();
    await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0);
    expect(await verifyTotp(db, { userId, sessionId, code: codeAt(key, T0) }, T0)).toEqual(fail(USED_TOTP));
    await Promise.all(Array.from({ length: 30 }, () => verifyTotp(db, { userId, sessionId, code: '000000' }, T0 + 30_000)));
    const blocked = await verifyTotp(db, { userId, sessionId, code: codeAtStep(key, timeStep(T0) + 1) }, T0 + 30_000);
    expect(blocked.ok ? '' : blocked.error.message).toMatch(/分钟后再试/);
  });

  it('takes each recovery code once, and new ones replace the old', async () => {
    const { userId, sessionId } = await person();
    const key = newTotpKey();
    const enabled = unwrap(await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0));
    const [first = '', second = ''] = enabled.recoveryCodes;
    const fresh = await createSession(db, userId, '新手机');
    expect(await useRecoveryCode(db, { userId, sessionId: fresh.session.id, code: first }, T0)).toEqual(ok({ left: 7 }));
    expect(await useRecoveryCode(db, { userId, sessionId: fresh.session.id, code: first }, T0)).toEqual(fail(WRONG_RECOVERY));
    expect(await useRecoveryCode(db, { userId, sessionId: fresh.session.id, code: '12345' }, T0)).toEqual(fail(WRONG_RECOVERY));

    unwrap(await regenerateRecoveryCodes(db, { userId, code: codeAtStep(key, timeStep(T0) + 1) }, T0 + 30_000));
    expect(await useRecoveryCode(db, { userId, sessionId: fresh.session.id, code: second }, T0)).toMatchObject({ ok: false });
    expect((await twoFactorStatus(db, userId)).recoveryCodesLeft).toBe(8);
  });

  it('is turned off with a code, or reset by an admin who also signs the person out', async () => {
    const { userId, sessionId } = await person();
    const key = newTotpKey();
    await enableTotp(db, { userId, sessionId, key, code: codeAt(key, T0) }, T0);
    expect(await disableTotp(db, { userId, code: '000000' }, T0 + 30_000)).toMatchObject({ ok: false });
    expect(await disableTotp(db, { userId, code: codeAtStep(key, timeStep(T0) + 1) }, T0 + 30_000)).toEqual(ok());
    expect(await twoFactorStatus(db, userId)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });

    const other = await person(['learner', 'admin']);
    await enableTotp(db, { userId: other.userId, sessionId: other.sessionId, key, code: codeAt(key, T0) }, T0);
    await resetTwoFactor(db, other.userId, null);
    expect((await twoFactorStatus(db, other.userId)).enabled).toBe(false);
    expect(await db.select().from(sessions).where(eq(sessions.userId, other.userId))).toHaveLength(0);
  });
});
