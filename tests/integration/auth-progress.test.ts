import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { createSession, validateSessionToken, INACTIVITY_TIMEOUT, ABSOLUTE_LIFETIME } from '../../src/lib/server/session';
import { registerWithInvitation, signIn, WRONG_CREDENTIALS } from '../../src/lib/server/auth';
import { ACCOUNT_LIMIT } from '../../src/lib/server/rate-limit';
import { mergeLocalProgress, recordComplete, recordHeartbeat, recordOpen } from '../../src/lib/server/progress';
import { certificates, invitations, lessonProgress, studyDays, users } from '../../db/schema';
import { findCertificate } from '../../src/lib/server/certificates';
import { issueResetCode, resetPassword, WRONG_RESET } from '../../src/lib/server/reset-codes';
import type { Client } from '@libsql/client';
import { resetConfig } from '../../src/lib/server/config';
import { ok, fail } from '../../src/lib/result';

let db: Db;
let client: Client;
let fixture: TestDb;
let userId: number;
const PHONE = '13900000001';
const PASSWORD = '我家门前有棵枣树';

beforeAll(async () => {
  ({ db, client } = fixture = await freshDb('auth'));
  userId = await insertUser(db, { phone: PHONE, displayName: '测试学员', branchId: null, passwordHash: await hashPassword(PASSWORD), roles: ['learner'] });
});
afterAll(() => {
  fixture.close();
});

const lesson = { lessonId: 'red-spirit/red-boat-spirit', courseId: 'red-spirit', minutes: 12 };
const attempt = (password: string, ip = '10.0.0.1', now = Date.now()) => signIn(db, { phone: PHONE, password, ip, device: '测试' }, now);

describe('sessions', () => {
  it('accept their own token only, and store no secret', async () => {
    const { token, session } = await createSession(db, userId, '测试');
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    expect((await validateSessionToken(db, token))?.session.id).toBe(session.id);
    const [id, secret] = token.split('.');
    expect(await validateSessionToken(db, `${id}.${'a'.repeat(32)}`)).toBeNull();
    expect(await validateSessionToken(db, 'garbage')).toBeNull();
    const stored = await client.execute({ sql: 'select * from sessions where id = ?', args: [id ?? ''] });
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
  });

  it('slide on activity, expire after 30 idle days and after 180 days in all', async () => {
    const start = Date.now();
    const { token } = await createSession(db, userId, '测试', start);
    const later = start + INACTIVITY_TIMEOUT - 1000;
    expect((await validateSessionToken(db, token, later))?.renewed).toBe(true);
    // Active every 25 days: still valid until the absolute lifetime runs out.
    let now = later;
    while (now + 25 * 86_400_000 < start + ABSOLUTE_LIFETIME) {
      now += 25 * 86_400_000;
      expect(await validateSessionToken(db, token, now)).not.toBeNull();
    }
    expect(await validateSessionToken(db, token, start + ABSOLUTE_LIFETIME + 1)).toBeNull();
    const idle = await createSession(db, userId, '测试', start);
    expect(await validateSessionToken(db, idle.token, start + INACTIVITY_TIMEOUT + 1)).toBeNull();
  });
});

describe('signing in', () => {
  it('says the same for an unknown number and a wrong password', async () => {
    const unknown = await signIn(db, { phone: '13900009999', password: 'whatever1', ip: '10.0.0.9', device: '' });
    const wrong = await signIn(db, { phone: PHONE, password: 'not-the-one', ip: '10.0.0.9', device: '' });
    expect(unknown).toEqual(fail(WRONG_CREDENTIALS));
    expect(wrong).toEqual(fail(WRONG_CREDENTIALS));
    expect((await attempt(PASSWORD, '10.0.0.9')).ok).toBe(true);
  });

  it('locks an account for 15 minutes after 10 failures, even with the right password, and says how long', async () => {
    const now = Date.now();
    await Promise.all(Array.from({ length: ACCOUNT_LIMIT }, (_, i) => attempt(`wrong-${i}`, `10.1.0.${i}`, now)));
    const locked = await attempt(PASSWORD, '10.2.0.1', now + 60_000);
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.error.message).toMatch(/请在 14 分钟后再试/);
    expect((await attempt(PASSWORD, '10.2.0.1', now + 15 * 60_000 + 1)).ok).toBe(true);
  });

  it('refuses a disabled account', async () => {
    const id = await insertUser(db, { phone: '13900000002', displayName: '停用', branchId: null, passwordHash: await hashPassword(PASSWORD), roles: [] });
    await db.update(users).set({ disabledAt: Date.now() }).where(eq(users.id, id));
    const result = await signIn(db, { phone: '13900000002', password: PASSWORD, ip: '10.3.0.1', device: '' });
    expect(!result.ok && result.error.message).toMatch(/已停用/);
  });
});

describe('registration with an invitation', () => {
  it('never uses a code more often than allowed, even all at once', async () => {
    await db.insert(invitations).values({ code: 'RACE', branchId: null, maxUses: 2, expiresAt: Date.now() + 86_400_000, createdAt: Date.now() });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => registerWithInvitation(db, { code: 'RACE', phone: `1370000000${i}`, displayName: `学员${i}`, password: PASSWORD })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    const [row] = await db.select().from(invitations).where(eq(invitations.code, 'RACE'));
    expect(row?.uses).toBe(2);
  });

  it('refuses an expired code or a registered number, and writes nothing', async () => {
    await db.insert(invitations).values({ code: 'OLD', branchId: null, maxUses: 5, expiresAt: Date.now() - 1, createdAt: Date.now() });
    expect(await registerWithInvitation(db, { code: 'OLD', phone: '13600000001', displayName: '甲', password: PASSWORD })).toMatchObject({ ok: false, error: { field: 'code' } });
    await db.insert(invitations).values({ code: 'OK', branchId: null, maxUses: 5, expiresAt: Date.now() + 86_400_000, createdAt: Date.now() });
    expect(await registerWithInvitation(db, { code: 'OK', phone: PHONE, displayName: '乙', password: PASSWORD })).toMatchObject({ ok: false, error: { field: 'phone' } });
    const [row] = await db.select().from(invitations).where(eq(invitations.code, 'OK'));
    expect(row?.uses).toBe(0);
  });
});

describe('open registration', () => {
  it('needs a code unless the site is configured for open registration', async () => {
    const input = { code: '', phone: '13600000099', displayName: '自己注册', password: PASSWORD };
    expect(await registerWithInvitation(db, input)).toMatchObject({ ok: false, error: { field: 'code' } });
    process.env.OPEN_REGISTRATION = '1';
    resetConfig();
    try {
      expect(await registerWithInvitation(db, input)).toMatchObject({ ok: true });
    } finally {
      delete process.env.OPEN_REGISTRATION;
      resetConfig();
    }
  });
});

describe('progress', () => {
  it('two tabs beating at once never count the same seconds twice', async () => {
    const t0 = 1_790_000_000_000;
    await recordOpen(db, userId, lesson, t0);
    // Two tabs, each beating every 15 s for two minutes.
    for (let t = t0 + 15_000; t <= t0 + 120_000; t += 15_000) {
      await Promise.all([recordHeartbeat(db, userId, lesson, false, t), recordHeartbeat(db, userId, lesson, false, t + 500)]);
    }
    const [row] = await db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
    expect(row?.seconds).toBeGreaterThanOrEqual(119);
    expect(row?.seconds).toBeLessThanOrEqual(121);
    const days = await db.select().from(studyDays).where(eq(studyDays.userId, userId));
    expect(days.reduce((sum, d) => sum + d.seconds, 0)).toBe(row?.seconds);
  });

  it('completes at the end after enough time, and keeps the first completion time', async () => {
    const t0 = 1_790_100_000_000;
    const other = { lessonId: 'red-spirit/long-march-spirit', courseId: 'red-spirit', minutes: 3 };
    await recordOpen(db, userId, other, t0);
    let state = await recordHeartbeat(db, userId, other, true, t0 + 30_000);
    expect(state.completedAt).toBeNull();
    // A 3-minute lesson needs a minute of reading: the second 30-second credit completes it.
    state = await recordHeartbeat(db, userId, other, true, t0 + 60_000);
    expect(state.completedAt).toBe(t0 + 60_000);
    expect((await recordComplete(db, userId, other, t0 + 999_999)).completedAt).toBe(t0 + 60_000);
  });

  it('merges progress made while signed out without losing what was saved', async () => {
    const merged = { lessonId: 'integrity/family-tradition', courseId: 'integrity', minutes: 12 };
    await recordOpen(db, userId, merged, 1_790_200_000_000);
    await recordComplete(db, userId, merged, 1_790_200_100_000);
    await mergeLocalProgress(db, userId, [
      { lessonId: merged.lessonId, courseId: 'integrity', openedAt: 1_790_100_000_000, completedAt: null, seconds: 300 },
      { lessonId: 'integrity/eight-point-regulation', courseId: 'integrity', openedAt: 1_790_100_000_000, completedAt: 1_790_100_500_000, seconds: 400 },
    ]);
    const rows = await db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
    const family = rows.find((r) => r.lessonId === merged.lessonId);
    expect(family).toMatchObject({ openedAt: 1_790_100_000_000, completedAt: 1_790_200_100_000, seconds: 300 });
    expect(rows.find((r) => r.lessonId === 'integrity/eight-point-regulation')).toMatchObject({ completedAt: 1_790_100_500_000, seconds: 400 });
  });
});

describe('certificates', () => {
  it('are issued once, when the last lesson of a course is completed, and show nothing private', async () => {
    const course = { courseId: 'cert-course', courseTitle: '测试课程', hours: 1.5, lessonIds: ['cert-course/a', 'cert-course/b'] };
    const ref = (lessonId: string) => ({ lessonId, courseId: 'cert-course', minutes: 10, course });
    await recordComplete(db, userId, ref('cert-course/a'));
    expect(await db.select().from(certificates).where(eq(certificates.userId, userId))).toHaveLength(0);
    await Promise.all([recordComplete(db, userId, ref('cert-course/b')), recordComplete(db, userId, ref('cert-course/b'))]);
    const issued = await db.select().from(certificates).where(eq(certificates.userId, userId));
    expect(issued).toHaveLength(1);
    const code = issued[0]?.code ?? '';
    expect(code).toMatch(/^XG-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}$/);
    const shown = await findCertificate(db, code);
    expect(shown).toEqual({ code, name: '测试学员', courseTitle: '测试课程', hours: 1.5, issuedAt: expect.any(Number) });
    expect(JSON.stringify(shown)).not.toContain(PHONE);
  });
});

describe('password reset codes', () => {
  it('work once, within 24 hours, sign the person out everywhere, and replace older codes', async () => {
    const phone = '13900000077';
    const id = await insertUser(db, { phone, displayName: '忘记密码', branchId: null, passwordHash: await hashPassword(PASSWORD), roles: ['learner'] });
    const { token } = await createSession(db, id, '旧手机');
    const first = await issueResetCode(db, id, userId);
    const second = await issueResetCode(db, id, userId);
    expect(second.code).toMatch(/^\d{6}$/);
    if (first.code !== second.code) {
      expect(await resetPassword(db, { phone, code: first.code, password: '新的密码很好记' })).toEqual(fail(WRONG_RESET));
    }
    expect(await resetPassword(db, { phone: '13900000078', code: second.code, password: '新的密码很好记' })).toEqual(fail(WRONG_RESET));
    expect(await resetPassword(db, { phone, code: second.code, password: '新的密码很好记' })).toEqual(ok());
    expect(await validateSessionToken(db, token)).toBeNull();
    expect((await signIn(db, { phone, password: '新的密码很好记', ip: '10.9.0.1', device: '' })).ok).toBe(true);
    expect((await resetPassword(db, { phone, code: second.code, password: '再换一个密码吧' })).ok).toBe(false);
    const late = await issueResetCode(db, id, userId, Date.now() - 25 * 60 * 60 * 1000);
    expect((await resetPassword(db, { phone, code: late.code, password: '再换一个密码吧' })).ok).toBe(false);
  });
});
