import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { getUser, insertUser } from '../../src/lib/server/users';
import { hashPassword, verifyPassword } from '../../src/lib/server/password';
import { ADMIN_SESSION, createSession, rotateVerifiedSession, SECOND_STEP_LIFETIME, STAFF_SESSION, validateSessionToken } from '../../src/lib/server/session';
import { changePassword, WRONG_CURRENT_PASSWORD } from '../../src/lib/server/password-change';
import { CURRENT_CODE_NEEDED, enableTotp, newTotpKey } from '../../src/lib/server/two-factor';
import { codeAt } from '../../src/lib/two-factor-rules';
import { AUDIT_PAGE_SIZE, AUDIT_RETENTION, listAudit, recordAudit, takeNotices } from '../../src/lib/server/audit';
import { describeAuditEvent, describeNotice } from '../../src/lib/audit-text';
import { createInvitation, updateUser } from '../../src/lib/server/admin';
import { issueResetCode, resetPassword } from '../../src/lib/server/reset-codes';
import { branchProgress } from '../../src/lib/server/branch-progress';
import { auditLog, branches, sessions, users } from '../../db/schema';

let test: TestDb;
let db: Db;
let hash: string;
let phone = 13300000000;
const PASSWORD = '我家门前有棵枣树';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  test = await freshDb('staff');
  ({ db } = test);
  hash = await hashPassword(PASSWORD);
});
afterAll(() => test.close());

const person = (roles: Array<'learner' | 'instructor' | 'organiser' | 'admin' | 'liaison'>, displayName = '某同志', branchId: number | null = null): Promise<number> =>
  insertUser(db, { phone: String((phone += 1)), displayName, branchId, passwordHash: hash, roles, privacyAcceptedAt: 1 });

describe('session lifetimes by role', () => {
  it('end an admin session after 2 idle hours, and after 12 hours however busy', async () => {
    const t0 = Date.now();
    const admin = await person(['learner', 'admin']);
    const idle = await createSession(db, admin, '电脑', t0);
    expect(await validateSessionToken(db, idle.token, t0 + 2 * HOUR - MINUTE)).not.toBeNull();
    expect(await validateSessionToken(db, idle.token, t0 + 4 * HOUR)).toBeNull();

    const busy = await createSession(db, admin, '电脑', t0);
    for (let at = t0 + HOUR; at < t0 + 12 * HOUR; at += HOUR) expect(await validateSessionToken(db, busy.token, at), `at ${(at - t0) / HOUR} h`).not.toBeNull();
    expect(await validateSessionToken(db, busy.token, t0 + 12 * HOUR)).toBeNull();
  });

  it("keep an organiser's refreshing hall screen signed in, writing activity only every few minutes", async () => {
    const t0 = Date.now();
    const organiser = await person(['learner', 'organiser']);
    const screen = await createSession(db, organiser, '大屏幕', t0);
    let writes = 0;
    // Refreshed every minute for a whole day: never signed out, and far fewer writes than requests.
    for (let at = t0 + MINUTE; at <= t0 + 24 * HOUR; at += MINUTE) {
      const valid = await validateSessionToken(db, screen.token, at);
      expect(valid).not.toBeNull();
      if (valid?.renewed) writes += 1;
    }
    expect(writes).toBeLessThanOrEqual((24 * HOUR) / STAFF_SESSION.renewAfter);
    // Left alone for 12 hours, it ends.
    const left = await createSession(db, organiser, '门口平板', t0);
    expect(await validateSessionToken(db, left.token, t0 + 11 * HOUR)).not.toBeNull();
    expect(await validateSessionToken(db, left.token, t0 + 23 * HOUR + MINUTE)).toBeNull();
    expect(ADMIN_SESSION.renewAfter).toBeLessThan(ADMIN_SESSION.idle);
  });

  it('leave learners as they were: a day away changes nothing', async () => {
    const t0 = Date.now();
    const learner = await person(['learner']);
    const { token } = await createSession(db, learner, '手机', t0);
    expect(await validateSessionToken(db, token, t0 + 3 * 24 * HOUR)).not.toBeNull();
  });
});

describe('the second sign-in step', () => {
  it('lapses 10 minutes after the password, and a new token replaces the old one', async () => {
    const t0 = Date.now();
    const userId = await person(['learner']);
    const key = newTotpKey();
    const first = await createSession(db, userId, '手机', t0);
    const enabled = await enableTotp(db, { userId, sessionId: first.session.id, key, code: codeAt(key, t0) }, t0);
    expect(enabled.ok).toBe(true);

    const pending = await createSession(db, userId, '平板', t0);
    expect((await validateSessionToken(db, pending.token, t0 + SECOND_STEP_LIFETIME - 1000))?.session.twoFactorVerified).toBe(false);
    expect(await validateSessionToken(db, pending.token, t0 + SECOND_STEP_LIFETIME)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.id, pending.session.id))).toHaveLength(0);

    const again = await createSession(db, userId, '平板', t0);
    const rotated = await rotateVerifiedSession(db, again.session, t0 + MINUTE);
    expect(await validateSessionToken(db, again.token, t0 + MINUTE)).toBeNull();
    const fresh = await validateSessionToken(db, rotated.token, t0 + SECOND_STEP_LIFETIME + MINUTE);
    expect(fresh?.session.twoFactorVerified).toBe(true);
    expect(rotated.token.split('.')[0]).not.toBe(again.session.id);
  });

  it('moves to a new phone only with a code from the old one or a recovery code', async () => {
    const t0 = Date.now();
    const userId = await person(['learner']);
    const { session } = await createSession(db, userId, '手机', t0);
    const oldKey = newTotpKey();
    const enabled = await enableTotp(db, { userId, sessionId: session.id, key: oldKey, code: codeAt(oldKey, t0) }, t0);
    if (!enabled.ok) throw new Error(enabled.error.message);
    const newKey = newTotpKey();
    const later = t0 + 60_000;
    expect(await enableTotp(db, { userId, sessionId: session.id, key: newKey, code: codeAt(newKey, later) }, later)).toMatchObject({ ok: false, error: { message: CURRENT_CODE_NEEDED, field: 'currentCode' } });
    expect(await enableTotp(db, { userId, sessionId: session.id, key: newKey, code: codeAt(newKey, later), currentCode: '000000' }, later)).toMatchObject({ ok: false, error: { field: 'currentCode' } });
    const moved = await enableTotp(db, { userId, sessionId: session.id, key: newKey, code: codeAt(newKey, later), currentCode: enabled.value.recoveryCodes[0] ?? '' }, later);
    expect(moved).toMatchObject({ ok: true, value: { replaced: true } });
    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, userId));
    expect(entries.map((entry) => entry.kind)).toEqual(['twoFactor.enable', 'twoFactor.change']);
  });
});

describe('changing a password', () => {
  it('needs the current password, signs out the other devices only, and is audited', async () => {
    const userId = await person(['learner'], '改密码');
    const here = await createSession(db, userId, '这台');
    const there = await createSession(db, userId, '那台');
    const wrong = await changePassword(db, { userId, sessionId: here.session.id, current: '不是这个密码', password: '新的一句话密码', ip: '10.8.0.1' });
    expect(wrong).toEqual({ ok: false, error: { field: 'current', message: WRONG_CURRENT_PASSWORD } });
    expect(await validateSessionToken(db, there.token)).not.toBeNull();

    expect(await changePassword(db, { userId, sessionId: here.session.id, current: PASSWORD, password: '新的一句话密码', ip: '10.8.0.1' })).toEqual({ ok: true, value: undefined });
    const stored = (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]?.hash ?? '';
    expect(await verifyPassword(stored, '新的一句话密码')).toBe(true);
    expect(await validateSessionToken(db, here.token)).not.toBeNull();
    expect(await validateSessionToken(db, there.token)).toBeNull();
    const { entries } = await listAudit(db, 1);
    expect(entries.find((entry) => entry.kind === 'password.change' && entry.subjectName === '改密码')).toBeDefined();
  });

  it('counts guesses sent all at once before checking any', async () => {
    const userId = await person(['learner']);
    const { session } = await createSession(db, userId, '这台');
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => changePassword(db, { userId, sessionId: session.id, current: `猜的密码${i}`, password: '新的一句话密码', ip: '10.8.0.1' })));
    expect(guesses.filter((result) => !result.ok && result.error.message === WRONG_CURRENT_PASSWORD).length).toBeLessThanOrEqual(10);
    expect(await changePassword(db, { userId, sessionId: session.id, current: PASSWORD, password: '新的一句话密码', ip: '10.8.0.1' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/分钟后再试/) } });
  });
});

describe('the audit log', () => {
  it('records role changes, disabling and codes in plain Chinese, newest first, a page at a time', async () => {
    const admin = await person(['learner', 'admin'], '管理员甲');
    const learner = await person(['learner'], '学员乙');
    await updateUser(db, admin, { userId: learner, roles: ['learner', 'liaison'], branchId: null, disabled: false });
    await updateUser(db, admin, { userId: learner, roles: ['learner', 'liaison'], branchId: null, disabled: true });
    const { entries } = await listAudit(db, 1);
    expect(entries.filter((entry) => entry.subjectName === '学员乙').map((entry) => describeAuditEvent(entry))).toEqual([
      '管理员甲停用了学员乙的账号',
      '管理员甲把学员乙的角色从“学员”改为“学员、支部联络员”',
    ]);
    for (let i = 0; i < AUDIT_PAGE_SIZE; i++) await recordAudit(db, { kind: 'password.change', actorId: learner, subjectId: learner });
    const second = await listAudit(db, 2);
    expect(second.pages).toBeGreaterThanOrEqual(2);
    expect(second.entries.some((entry) => entry.kind === 'account.disable')).toBe(true);
  });

  it('tells the owner who issued a code and when, once, and drops entries after a year', async () => {
    const t0 = Date.now();
    const instructor = await person(['learner', 'instructor'], '讲师丙');
    const learner = await person(['learner'], '学员丁');
    expect((await getUser(db, learner))?.unseenNoticeAt).toBeNull();
    const { code } = await issueResetCode(db, learner, instructor, t0);
    expect((await getUser(db, learner))?.unseenNoticeAt).toBe(t0);
    const learnerPhone = (await db.select({ phone: users.phone }).from(users).where(eq(users.id, learner)))[0]?.phone ?? '';
    expect(await resetPassword(db, { phone: learnerPhone, code, password: '新的一句话密码', ip: '10.7.0.2' }, t0 + 1000)).toEqual({ ok: true });
    const notices = await takeNotices(db, learner, t0 + 2000);
    expect(notices.map((notice) => describeNotice(notice, '11月30日 9:00'))).toEqual(['讲师丙在11月30日 9:00为您发了密码重置码。']);
    expect((await getUser(db, learner))?.unseenNoticeAt).toBeNull();
    expect(await takeNotices(db, learner, t0 + 3000)).toEqual([]);
    const kinds = (await db.select().from(auditLog).where(eq(auditLog.subjectId, learner))).map((entry) => entry.kind);
    expect(kinds).toEqual(['code.reset.issue', 'code.use']);

    await recordAudit(db, { kind: 'password.change', actorId: instructor, subjectId: instructor }, t0 + AUDIT_RETENTION + 5000);
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, learner))).toHaveLength(0);
  });
});

describe('a 支部联络员', () => {
  it('issues invitation codes into their branch and sees only that branch, phones masked', async () => {
    const now = Date.now();
    const [mine, other] = await db.insert(branches).values([{ name: '联络一支部', createdAt: now }, { name: '联络二支部', createdAt: now }]).returning({ id: branches.id });
    const liaison = await person(['learner', 'liaison'], '联络员戊', mine?.id ?? null);
    const member = await person(['learner'], '本支部学员', mine?.id ?? null);
    await person(['learner'], '别的支部学员', other?.id ?? null);
    await createInvitation(db, { branchId: mine?.id ?? null, maxUses: 20, days: 30, createdBy: liaison });
    const { entries } = await listAudit(db, 1);
    expect(entries.filter((entry) => entry.actorName === '联络员戊').map((entry) => describeAuditEvent(entry))).toEqual(['联络员戊生成了邀请码（归入联络一支部，可用 20 人）']);
    const members = await branchProgress(db, mine?.id ?? 0);
    expect(members.map((row) => row.name)).toEqual(['本支部学员', '联络员戊']);
    expect(members.every((row) => /^1\d{2}\*{4}\d{4}$/.test(row.maskedPhone))).toBe(true);
    expect(members.find((row) => row.userId === member)).toMatchObject({ lessonsCompleted: 0, studySeconds: 0, lastStudyDay: null, signedIn: false });
  });
});
