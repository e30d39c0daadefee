import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { closeAccount, registerWithInvitation, signIn, WRONG_CREDENTIALS, WRONG_INVITATION } from '../../src/lib/server/auth';
import { issueResetCode, resetPassword, WRONG_RESET } from '../../src/lib/server/reset-codes';
import { hashPassword, MAX_WAITING_HASHES, ServerBusyError } from '../../src/lib/server/password';
import { installTotp, newTotpKey } from '../../src/lib/server/two-factor';
import { validateSessionToken } from '../../src/lib/server/session';
import { ACCOUNT_LIMIT, CODE_IP_LIMIT, IP_NOISY, NOISY_ACCOUNT_LIMIT, REGISTER_IP_LIMIT } from '../../src/lib/server/rate-limit';
import { signInState } from '../../src/lib/sign-in-state';
import { formatOneTimeCode, newOneTimeCode } from '../../src/lib/one-time-code';
import { invitations, oneTimeCodes, users } from '../../db/schema';

// Spies on the real functions: how many passwords and codes were actually checked.
const checked = vi.hoisted(() => ({ passwords: 0, codes: 0, hashes: 0 }));
vi.mock('../../src/lib/server/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/server/password')>();
  return {
    ...real,
    verifyPassword: (stored: string, password: string) => {
      checked.passwords += 1;
      return real.verifyPassword(stored, password);
    },
    hashPassword: (password: string) => {
      checked.hashes += 1;
      return real.hashPassword(password);
    },
  };
});
vi.mock('../../src/lib/server/secret-box', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/server/secret-box')>();
  return {
    ...real,
    keyedHash: (text: string) => {
      if (text.startsWith('one-time:')) checked.codes += 1;
      return real.keyedHash(text);
    },
  };
});

let testDb: TestDb;
let db: Db;
let sharedHash: string;
const PASSWORD = '我家门前有棵枣树';
let phoneCounter = 0;

beforeAll(async () => {
  testDb = await freshDb('guess');
  ({ db } = testDb);
  sharedHash = await hashPassword(PASSWORD);
});
afterAll(() => testDb.close());

async function person(passwordHash: string | null = sharedHash): Promise<{ id: number; phone: string }> {
  phoneCounter += 1;
  const phone = `1380000${String(phoneCounter).padStart(4, '0')}`;
  const id = await insertUser(db, { phone, displayName: `学员${phoneCounter}`, branchId: null, passwordHash, roles: ['learner'] });
  return { id, phone };
}

const signInFrom = (phone: string, password: string, ip: string, now = Date.now()) => signIn(db, { phone, password, ip, device: '测试' }, now);

describe('a burst of guesses sent at once', () => {
  it('at one password: no more than the limit are checked, the rest are told to wait', async () => {
    const { phone } = await person();
    checked.passwords = 0;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signInFrom(phone, `wrong-${i}`, `10.20.0.${i}`)));
    expect(checked.passwords).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    expect(results.filter((r) => !r.ok && r.error.message === WRONG_CREDENTIALS)).toHaveLength(checked.passwords);
    expect(results.filter((r) => !r.ok && /分钟后再试/.test(r.error.message))).toHaveLength(50 - checked.passwords);
    expect((await signInFrom(phone, PASSWORD, '10.20.1.1')).ok).toBe(false);
  });

  it('at one reset code: no more than the limit are checked, and the right code then waits too', async () => {
    const { id, phone } = await person();
    const { code } = await issueResetCode(db, id, id);
    checked.codes = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => resetPassword(db, { phone, code: newOneTimeCode(), password: '新的密码很好记', ip: `10.21.0.${i}` })),
    );
    expect(checked.codes).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    expect(results.filter((r) => !r.ok && r.error.message === WRONG_RESET).length).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    const late = await resetPassword(db, { phone, code, password: '新的密码很好记', ip: '10.21.1.1' });
    expect(late.ok ? '' : late.error.message).toMatch(/分钟后再试/);
  });

  it('at the password that closes an account: no more than the limit are checked, and the account stays', async () => {
    const { id } = await person();
    checked.passwords = 0;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => closeAccount(db, { userId: id, password: `wrong-${i}`, ip: '10.23.0.1' })));
    expect(checked.passwords).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, id))).toHaveLength(1);
  });

  it('at invitation codes from one address: no more than the limit are checked, and no password is hashed for a wrong code', async () => {
    checked.hashes = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => registerWithInvitation(db, { code: `GUESS${i}`, phone: `1370001${String(i).padStart(4, '0')}`, displayName: '猜码', password: PASSWORD, ip: '10.22.0.1' })),
    );
    expect(results.filter((r) => !r.ok && r.error.message === WRONG_INVITATION)).toHaveLength(REGISTER_IP_LIMIT);
    expect(results.filter((r) => !r.ok && /分钟后再试/.test(r.error.message))).toHaveLength(50 - REGISTER_IP_LIMIT);
    expect(checked.hashes).toBe(0);
    // Another address is not held up by it.
    await db.insert(invitations).values({ code: 'HALL', branchId: null, maxUses: 5, expiresAt: Date.now() + 86_400_000, createdAt: Date.now() });
    expect(await registerWithInvitation(db, { code: 'HALL', phone: '13700020001', displayName: '新学员', password: PASSWORD, ip: '10.22.0.2' })).toEqual({ ok: true });
  });
});

describe('a busy hall behind one address', () => {
  it('200 people sign in with 150 mistyped attempts among them, and every one gets in with the right password', async () => {
    const ip = '10.30.0.1';
    const people = await Promise.all(Array.from({ length: 200 }, () => person()));
    // 50 people mistype twice, 50 once: 150 wrong passwords, well past the old per-address limit of 100.
    const mistakes = (index: number): number => (index < 50 ? 2 : index < 100 ? 1 : 0);
    const start = Date.now();
    const signedIn = new Set<string>();
    for (let batch = 0; batch < 200; batch += 20) {
      await Promise.all(
        people.slice(batch, batch + 20).map(async ({ phone }, offset) => {
          for (let m = 0; m < mistakes(batch + offset); m++) {
            expect(await signInFrom(phone, `${PASSWORD}${m}`, ip, start + batch * 1000)).toEqual({ ok: false, error: { message: WRONG_CREDENTIALS } });
          }
          const result = await signInFrom(phone, PASSWORD, ip, start + batch * 1000 + 500);
          expect(result.ok ? '' : result.error.message).toBe('');
          signedIn.add(phone);
        }),
      );
    }
    expect(signedIn.size).toBe(200);
  });

  it('still holds one account to its limit, and slows spraying many accounts from a noisy address to a few tries each', async () => {
    const ip = '10.31.0.1';
    const now = Date.now();
    // Make the address noisy with wrong passwords for unknown numbers.
    for (let i = 0; i < IP_NOISY; i++) await signInFrom(`1399${String(i).padStart(7, '0')}`, 'wrong-password', ip, now);
    const targets = await Promise.all(Array.from({ length: 5 }, () => person()));
    checked.passwords = 0;
    for (const { phone } of targets) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => signInFrom(phone, `guess-${i}`, ip, now + 1000)));
    }
    expect(checked.passwords).toBeLessThanOrEqual(targets.length * NOISY_ACCOUNT_LIMIT);
    // The owners, elsewhere, still have tries left on a quiet address.
    expect((await signInFrom(targets[0]!.phone, PASSWORD, '10.31.9.9', now + 2000)).ok).toBe(true);
  });
});

describe('codes and two-step sign-in', () => {
  it('a reset keeps two-step sign-in: the new session still asks for the authenticator code', async () => {
    const { id, phone } = await person();
    await db.transaction((tx) => installTotp(tx, id, newTotpKey(), 0, Date.now()));
    const { code } = await issueResetCode(db, id, id);
    expect(await resetPassword(db, { phone, code: formatOneTimeCode(code).toLowerCase(), password: '新的密码很好记', ip: '10.40.0.1' })).toEqual({ ok: true });
    const signedIn = await signInFrom(phone, '新的密码很好记', '10.40.0.1');
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const valid = await validateSessionToken(db, signedIn.value.token);
    if (!valid) throw new Error('no session');
    expect(signInState(valid.user, valid.session).kind).toBe('second-step');
  });

  it('using a code voids the others; a first sign-in code stops working once a staff role is granted', async () => {
    const { id, phone } = await person(null);
    const { code } = await issueResetCode(db, id, id);
    const { updateUser } = await import('../../src/lib/server/admin');
    const admin = await person();
    expect(await updateUser(db, admin.id, { userId: id, roles: ['learner', 'instructor'], branchId: null, disabled: false })).toMatchObject({ ok: true });
    expect(await resetPassword(db, { phone, code, password: '新的密码很好记', ip: '10.41.0.1' })).toEqual({ ok: false, error: { message: WRONG_RESET } });
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(row?.passwordHash).toBeNull();
  });
});

describe('codes guessed from one address, and codes for someone just made staff', () => {
  it('cuts one address off after CODE_IP_LIMIT tries, whichever numbers they name', async () => {
    const people = await Promise.all(Array.from({ length: CODE_IP_LIMIT + 5 }, () => person(null)));
    const results = [];
    for (const { phone } of people) results.push(await resetPassword(db, { phone, code: newOneTimeCode(), password: '新的密码很好记', ip: '10.60.0.1' }));
    expect(results.filter((r) => !r.ok && r.error.message === WRONG_RESET)).toHaveLength(CODE_IP_LIMIT);
    expect(results.slice(CODE_IP_LIMIT).every((r) => !r.ok && /分钟后再试/.test(r.error.message))).toBe(true);
    // Another address is not affected.
    const [first] = people;
    expect(await resetPassword(db, { phone: first?.phone ?? '', code: newOneTimeCode(), password: '新的密码很好记', ip: '10.60.0.2' })).toEqual({ ok: false, error: { message: WRONG_RESET } });
  });

  it('asks the issuer’s rule with the roles as they are inside the transaction that stores the code', async () => {
    const { id } = await person(null);
    const { updateUser } = await import('../../src/lib/server/admin');
    const admin = await person();
    expect(await updateUser(db, admin.id, { userId: id, roles: ['learner', 'organiser'], branchId: null, disabled: false })).toMatchObject({ ok: true });
    const learnersOnly = (target: { roles: string[] }): string | undefined => (target.roles.some((role) => role !== 'learner') ? '只能为学员发' : undefined);
    await expect(issueResetCode(db, id, admin.id, Date.now(), learnersOnly)).rejects.toThrow('只能为学员发');
    const codes = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, id));
    expect(codes).toEqual([]);
  });
});

describe('the password hash queue', () => {
  it('refuses at once beyond its waiting list instead of queueing without end', async () => {
    const results = await Promise.allSettled(Array.from({ length: MAX_WAITING_HASHES + 20 }, () => hashPassword('一个够长的密码')));
    const busy = results.filter((r) => r.status === 'rejected');
    expect(busy.length).toBeGreaterThanOrEqual(19);
    expect(busy.every((r) => r.status === 'rejected' && r.reason instanceof ServerBusyError)).toBe(true);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(MAX_WAITING_HASHES + 1);
    // Once the queue has drained, hashing works again.
    await expect(hashPassword('一个够长的密码')).resolves.toMatch(/^\$argon2id\$/);
  });
});
