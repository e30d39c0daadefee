import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { purgeExpiredImportBatches, purgeExpiredThrottles } from '../../db/retention.mjs';
import { countAttempt, throttleWait } from '../../src/lib/server/rate-limit';
import { freshDb, type TestDb } from './fixture';
import { acceptPrivacyNotice, getUser, insertUser } from '../../src/lib/server/users';
import { claimImportBatch, holdImportBatch, IMPORT_BATCH_LIFETIME, purgeImportBatches } from '../../src/lib/server/import-batches';
import { confirmImport, previewImport } from '../../src/lib/server/learner-import-store';
import { registerWithInvitation } from '../../src/lib/server/auth';
import { myStudyRecordCsv } from '../../src/lib/server/my-record';
import { answerPractice, dailySet, setPracticeBank } from '../../src/lib/server/practice';
import { parseCsv } from '../../src/lib/spreadsheet';
import { auditLog, branches, contestAttempts, contestAwards, contests, importBatches, invitations, users } from '../../db/schema';
import { importedBank, templateRow } from './bank-fixture';

let test: TestDb;
let db: Db;
let admin: number;

beforeAll(async () => {
  test = await freshDb('privacy');
  ({ db } = test);
  admin = await insertUser(db, { phone: '13600000001', displayName: '管理员', branchId: null, passwordHash: null, roles: ['admin', 'organiser'] });
});
afterAll(() => test.close());

const DAY = 24 * 60 * 60 * 1000;
const batchIds = async (): Promise<number[]> => (await db.select({ id: importBatches.id }).from(importBatches)).map((row) => row.id);
const hold = (now: number): Promise<number | null> =>
  holdImportBatch(db, { kind: 'learners', targetId: null, actorId: admin, fileName: '名单.csv', rows: [{ phone: '13700000000' }], invalidCount: 0 }, now);

describe('import batches (names and phone numbers) are kept one day', () => {
  it('cannot be confirmed after 24 hours, and are deleted by the next preview, confirmed or not', async () => {
    const t0 = Date.UTC(2026, 0, 5);
    const stale = (await hold(t0)) ?? 0;
    const confirmed = (await hold(t0)) ?? 0;
    expect(await db.transaction((tx) => claimImportBatch(tx, { kind: 'learners', targetId: null, actorId: admin, batchId: confirmed }, t0 + 1000))).not.toBeNull();
    // A day later the preview can no longer be confirmed, and it is gone.
    expect(await db.transaction((tx) => claimImportBatch(tx, { kind: 'learners', targetId: null, actorId: admin, batchId: stale }, t0 + IMPORT_BATCH_LIFETIME))).toBeNull();
    expect(await batchIds()).toEqual([]);
    const fresh = (await hold(t0 + DAY + 5000)) ?? 0;
    const later = (await hold(t0 + 2 * DAY + 4000)) ?? 0;
    expect(await batchIds()).toEqual([fresh, later]);
    expect(await hold(t0 + 2 * DAY + 6000)).not.toBeNull();
    expect(await batchIds()).not.toContain(fresh);
  });

  it('are deleted by the server start step, not by opening the database', async () => {
    await purgeImportBatches(db, Date.now() + 10 * DAY);
    // Held in this order, so that holding one does not already purge the other.
    const recent = (await hold(Date.now() - 1000)) ?? 0;
    const old = (await hold(Date.now() - IMPORT_BATCH_LIFETIME - 1000)) ?? 0;
    const second = await openDatabase(test.url);
    try {
      // Opening connects and nothing else.
      expect((await second.db.select({ id: importBatches.id }).from(importBatches)).map((row) => row.id)).toEqual([recent, old]);
      // src/cluster.mjs runs this before the server processes start.
      expect(await purgeExpiredImportBatches(second.client)).toBe(1);
      expect((await second.db.select({ id: importBatches.id }).from(importBatches)).map((row) => row.id)).toEqual([recent]);
    } finally {
      second.client.close();
    }
  });
});

describe('throttle rows (phone numbers, addresses)', () => {
  it('are deleted by the server start step a day after their window began, and only then, changing no decision', async () => {
    const now = Date.now();
    await countAttempt(db, 'privacy-old:10.9.0.1', now - DAY - 1000);
    await countAttempt(db, 'privacy-recent:10.9.0.1', now - 60_000);
    expect(await throttleWait(db, [{ key: 'privacy-recent:10.9.0.1', limit: 1 }], now)).toBeGreaterThan(0);
    expect(await purgeExpiredThrottles(test.client, now)).toBeGreaterThanOrEqual(1);
    const keys = (await test.client.execute("select key from login_throttle where key like 'privacy-%'")).rows.map((row) => row['key']);
    expect(keys).toEqual(['privacy-recent:10.9.0.1']);
    expect(await throttleWait(db, [{ key: 'privacy-recent:10.9.0.1', limit: 1 }], now)).toBeGreaterThan(0);
  });
});

describe('consent to the 个人信息保护说明', () => {
  it('is stored with its time at registration, and asked of imported people until they acknowledge it', async () => {
    const now = Date.now();
    await db.insert(invitations).values({ code: 'PRIVACY1', branchId: null, maxUses: 5, expiresAt: now + DAY, createdAt: now });
    const registered = await registerWithInvitation(db, { code: 'PRIVACY1', phone: '13600000010', displayName: '新学员', password: '我家门前有棵枣树', ip: '10.7.0.1' }, now);
    if (!registered.ok) throw new Error(registered.error.message);
    const newId = (await db.select({ id: users.id }).from(users).where(eq(users.phone, '13600000010')))[0]?.id ?? 0;
    expect((await getUser(db, newId))?.privacyAcceptedAt).toBe(now);
    // Using an invitation code is a security event too.
    expect((await db.select().from(auditLog).where(eq(auditLog.subjectId, newId))).map((entry) => entry.kind)).toEqual(['invitation.use']);

    await db.insert(branches).values({ name: '隐私支部', createdAt: now });
    const { batchId } = await previewImport(db, admin, '名单.csv', [['姓名', '手机号', '党支部'], ['导入的', '13600000011', '隐私支部']]);
    const done = await confirmImport(db, admin, batchId ?? 0);
    if (!done.ok) throw new Error(done.error.message);
    const id = (await db.select({ id: users.id }).from(users).where(eq(users.phone, '13600000011')))[0]?.id ?? 0;
    expect((await getUser(db, id))?.privacyAcceptedAt).toBeNull();
    await acceptPrivacyNotice(db, id, now + 5);
    await acceptPrivacyNotice(db, id, now + 9);
    expect((await getUser(db, id))?.privacyAcceptedAt).toBe(now + 5);
  });
});

describe('the personal data export', () => {
  it('holds contest attempts, awards and practice answers, and never a live formula', async () => {
    const bankId = await importedBank(db, admin, '导出练习库', [templateRow({ 题型: '判断', 题干: '=1+1 是入党誓词吗', 答案: '错' })]);
    await setPracticeBank(db, bankId, true);
    const learner = await insertUser(db, { phone: '13600000020', displayName: '=HYPERLINK("http://x")', branchId: null, passwordHash: null, roles: ['learner'] });
    const [question] = await dailySet(db, learner);
    if (!question) throw new Error('no practice question');
    await answerPractice(db, { userId: learner, versionId: question.versionId, raw: { type: 'truefalse', value: true } });
    const now = Date.now();
    const [contest] = await db
      .insert(contests)
      .values({ title: '党史知识竞赛', bankId, opensAt: now - DAY, closesAt: now - 1000, drawRules: '[]', points: '{}', createdAt: now - 2 * DAY })
      .returning({ id: contests.id });
    const contestId = contest?.id ?? 0;
    await db.insert(contestAttempts).values({ contestId, userId: learner, number: 1, startedAt: now - DAY + 60_000, deadline: now, submittedAt: now - DAY + 600_000, submittedBy: 'person', score: 850, correct: 17 });
    await db.insert(contestAwards).values({ code: 'XG-AAAA-BBBB-CC', contestId, userId: learner, contestTitle: '党史知识竞赛', award: '一等奖', rank: 1, scoreHundredths: 850, issuedAt: now });
    const user = await getUser(db, learner);
    if (!user) throw new Error('no user');

    const csv = await myStudyRecordCsv(db, user, (id) => id);
    const rows = parseCsv(csv);
    const row = (first: string): string[] | undefined => rows.find((cells) => cells[0] === first);
    // The name a person typed is escaped, so Excel shows it as text instead of running it.
    expect(row('姓名')?.[1]).toBe(`'=HYPERLINK("http://x")`);
    expect(row('手机号')?.[1]).toBe('13600000020');
    expect(row('党史知识竞赛')?.slice(1, 2)).toEqual(['1']);
    expect(row('党史知识竞赛')?.slice(4)).toEqual(['8.5', '17']);
    expect(row('XG-AAAA-BBBB-CC')?.slice(1, 4)).toEqual(['党史知识竞赛', '一等奖', '1']);
    const practice = rows.find((cells) => cells[1]?.includes('是入党誓词吗'));
    expect(practice?.slice(1)).toEqual([`'=1+1 是入党誓词吗`, '对', '答错']);
    expect(csv.split('\r\n').some((line) => /^[=+\-@]|,[=+\-@]/.test(line))).toBe(false);
  });
});
