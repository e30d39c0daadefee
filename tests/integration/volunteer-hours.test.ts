import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { desc, eq } from 'drizzle-orm';
import { auditLog, branches, helpRequests, users, volunteerHours } from '../../db/schema';
import { closeAccount } from '../../src/lib/server/auth';
import { hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { claimRequest, closeRequest, createRequest } from '../../src/lib/server/help-requests';
import {
  activityHelp,
  correctRequestHours,
  deleteActivityHelp,
  recentlyDeletedHelp,
  recordActivityHelp,
  restoreActivityHelp,
  totalsPerBranch,
  totalsPerVolunteer,
  volunteerHoursBook,
} from '../../src/lib/server/volunteer-hours';
import { CLOSED_VOLUNTEER } from '../../src/lib/volunteer-hours-rows';
import { describeAuditEvent } from '../../src/lib/audit-text';
import { UNDO_MS } from '../../src/lib/activity-rules';
import type { Db } from '../../src/lib/server/db';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { insertActivity } from './activity-fixture';

const PASSWORD = 'xiaguang-2026';
const HOUR = 60 * 60_000;
let fixture: TestDb;
let db: Db;
let organiser: number;
let admin: number;
let helper: number;
let leaver: number;
let learner: number;
let activity: number;

beforeAll(async () => {
  fixture = await freshDb('hours');
  db = fixture.db;
  const now = Date.now();
  const branch = (await db.insert(branches).values({ name: '第二党支部', createdAt: now }).returning({ id: branches.id }))[0]!.id;
  const passwordHash = await hashPassword(PASSWORD);
  organiser = await insertUser(db, { phone: '13900000440', displayName: '组织者老王', branchId: null, passwordHash: null, roles: ['organiser'], volunteer: true });
  admin = await insertUser(db, { phone: '13900000441', displayName: '管理员老周', branchId: null, passwordHash: null, roles: ['admin'], volunteer: true });
  helper = await insertUser(db, { phone: '13900000442', displayName: '辅导员刘姐', branchId: branch, passwordHash: null, roles: ['learner'], volunteer: true });
  leaver = await insertUser(db, { phone: '13900000443', displayName: '辅导员陈叔', branchId: branch, passwordHash, roles: ['learner'], volunteer: true });
  learner = await insertUser(db, { phone: '13900000444', displayName: '学员赵阿姨', branchId: branch, passwordHash: null, roles: ['learner'] });
  activity = await insertActivity(db, { title: '手机课堂', startsAt: now - 2 * HOUR });
});
afterAll(() => fixture.close());

const record = (phone: string, minutes: number, recordedBy = organiser, recorderIsAdmin = false) =>
  recordActivityHelp(db, { activityId: activity, phone, minutes, note: '', recordedBy, recorderIsAdmin });

async function lastAudit() {
  return (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
}

describe('who may be credited at an activity', () => {
  it('refuses the organiser’s own phone, but an admin may record their own help', async () => {
    const own = await record('13900000440', 60);
    expect(!own.ok && own.error).toMatchObject({ field: 'volunteerPhone', message: expect.stringContaining('不能给自己') });
    unwrap(await record('13900000441', 60, admin, true));
    expect((await activityHelp(db, activity)).map((line) => line.name)).toEqual(['管理员老周']);
  });

  it('refuses an account without the 志愿者 flag, and changes nothing', async () => {
    const refused = await record('13900000444', 60);
    expect(!refused.ok && refused.error).toMatchObject({ field: 'volunteerPhone', message: expect.stringContaining('还没有“志愿者”标记') });
    expect((await db.select().from(volunteerHours).where(eq(volunteerHours.volunteerId, learner)))).toHaveLength(0);
  });

  it('writes an audit entry for each entry, and a second entry says it corrected the first', async () => {
    expect(unwrap(await record('13900000442', 120))).toBe('已记录辅导员刘姐的志愿服务时长。');
    const first = await lastAudit();
    expect(first).toMatchObject({ kind: 'volunteer.hours', actorId: organiser, subjectId: helper });
    expect(describeAuditEvent({ ...first, detail: JSON.parse(first.detail) })).toBe('组织者老王给辅导员刘姐记录了在活动“手机课堂”中的志愿服务时长：2小时');

    expect(unwrap(await record('13900000442', 90))).toContain('这次记的1.5小时代替了之前记的2小时');
    const second = await lastAudit();
    expect(describeAuditEvent({ ...second, detail: JSON.parse(second.detail) })).toBe('组织者老王更正了辅导员刘姐在活动“手机课堂”中的志愿服务时长：从2小时改为1.5小时');
    expect((await activityHelp(db, activity)).find((line) => line.volunteerId === helper)?.minutes).toBe(90);
  });
});

describe('删除这条记录 and 撤销', () => {
  it('a deleted line leaves the totals at once and comes back with 撤销 within 10 minutes', async () => {
    const now = Date.now();
    const minutesOf = async () => (await totalsPerVolunteer(db)).find((row) => row.volunteerId === helper)?.minutes;
    expect(await minutesOf()).toBe(90);
    expect(unwrap(await deleteActivityHelp(db, { activityId: activity, volunteerId: helper, actorId: organiser, now }))).toContain('可以撤销');
    expect(await minutesOf()).toBeUndefined();
    expect(await recentlyDeletedHelp(db, activity, now + 60_000)).toEqual([{ volunteerId: helper, name: '辅导员刘姐', minutes: 90, undoUntil: now + UNDO_MS }]);
    expect((await lastAudit()).kind).toBe('volunteer.hours.delete');

    unwrap(await restoreActivityHelp(db, { activityId: activity, volunteerId: helper, actorId: organiser, now: now + UNDO_MS - 1 }));
    expect(await minutesOf()).toBe(90);
    expect((await lastAudit()).kind).toBe('volunteer.hours.restore');
  });

  it('after 10 minutes 撤销 is refused and the line stays out of the totals', async () => {
    const now = Date.now();
    unwrap(await deleteActivityHelp(db, { activityId: activity, volunteerId: helper, actorId: organiser, now }));
    const late = await restoreActivityHelp(db, { activityId: activity, volunteerId: helper, actorId: organiser, now: now + UNDO_MS + 1 });
    expect(!late.ok && late.error.message).toContain('不能撤销');
    expect(await recentlyDeletedHelp(db, activity, now + UNDO_MS + 1)).toEqual([]);
    expect((await totalsPerVolunteer(db)).find((row) => row.volunteerId === helper)).toBeUndefined();
    // Recording the person again brings a fresh line, not a correction of the deleted one.
    expect(unwrap(await record('13900000442', 60))).toBe('已记录辅导员刘姐的志愿服务时长。');
  });
});

async function closedRequest(volunteer: number, minutes: number): Promise<number> {
  const id = unwrap(await createRequest(db, { requesterId: learner, topic: null, problem: '手机字太小看不清', way: 'phone', preferredTime: '上午' })).id;
  unwrap(await claimRequest(db, { id, volunteerId: volunteer, volunteerName: '' }));
  unwrap(await closeRequest(db, { id, actor: { id: volunteer, admin: false }, answer: '已经电话教会了调大字体。', minutes }));
  return id;
}

describe('an admin corrects a closed request’s hours', () => {
  it('changes the request and the time bank together, and the audit log keeps the time before', async () => {
    const id = await closedRequest(helper, 480);
    expect(unwrap(await correctRequestHours(db, { requestId: id, minutes: 48, actorId: admin }))).toContain('从8小时改为48分钟');
    expect((await db.select({ minutes: helpRequests.minutes }).from(helpRequests).where(eq(helpRequests.id, id)))[0]?.minutes).toBe(48);
    expect((await db.select({ minutes: volunteerHours.minutes }).from(volunteerHours).where(eq(volunteerHours.requestId, id)))[0]?.minutes).toBe(48);
    const entry = await lastAudit();
    expect(describeAuditEvent({ ...entry, detail: JSON.parse(entry.detail) })).toBe(`管理员老周更正了第${id}号求助的服务时长（辅导员刘姐）：从8小时改为48分钟`);
    const outOfRange = await correctRequestHours(db, { requestId: id, minutes: 600, actorId: admin });
    expect(!outOfRange.ok && outOfRange.error.field).toBe('hours');
  });
});

describe('closing an account', () => {
  it('leaves every total as it was; the hours show as 已注销的志愿者', async () => {
    unwrap(await record('13900000443', 150));
    await closedRequest(leaver, 45);
    const branchesBefore = await totalsPerBranch(db);
    const second = (rows: typeof branchesBefore) => rows.find((row) => row.branchName === '第二党支部');
    expect(second(branchesBefore)).toMatchObject({ volunteers: 2 });

    unwrap(await closeAccount(db, { userId: leaver, password: PASSWORD, ip: '10.44.0.1' }));
    expect(await db.select().from(users).where(eq(users.id, leaver))).toHaveLength(0);
    // The rows stay, without the person's name.
    expect(await db.select({ name: volunteerHours.volunteerName }).from(volunteerHours).where(eq(volunteerHours.volunteerName, '辅导员陈叔'))).toEqual([]);

    expect(await totalsPerBranch(db)).toEqual(branchesBefore);
    const closed = (await totalsPerVolunteer(db)).find((row) => row.volunteerId === null);
    expect(closed).toEqual({ volunteerId: null, name: CLOSED_VOLUNTEER, phone: '', branchName: '第二党支部', minutes: 195, requests: 1, activities: 1 });
    expect((await activityHelp(db, activity)).map((line) => line.name)).toContain(CLOSED_VOLUNTEER);
  });
});

describe('the Excel export', () => {
  it('has one row per volunteer and per 党支部, with the hours the page shows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await volunteerHoursBook(db)).buffer);
    const sheet = (name: string): unknown[][] =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((values) => (Array.isArray(values) ? values.slice(1) : []));
    const people = sheet('按志愿者');
    expect(people[0]).toEqual(['姓名', '手机号', '党支部', '服务时长（小时）', '解决求助（条）', '活动服务（次）']);
    expect(people).toContainEqual(['辅导员刘姐', '13900000442', '第二党支部', 1.8, 1, 1]);
    expect(people).toContainEqual([CLOSED_VOLUNTEER, '', '第二党支部', 3.3, 1, 1]);
    expect(people).toHaveLength(1 + (await totalsPerVolunteer(db)).length);
    const groups = sheet('按党支部');
    expect(groups).toContainEqual(['第二党支部', 5.1, 2]);
  });
});

describe('migration 0011', () => {
  it('copies each existing row’s name and 党支部, lets the row outlive its account, and keeps the 0–8 hour check', async () => {
    const dir = mkdtempSync(join('tests/.tmp', 'hours-migrate-'));
    try {
      const upTo10 = join(dir, 'migrations');
      cpSync('db/migrations', upTo10, { recursive: true });
      const journalFile = join(upTo10, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
      journal.entries = journal.entries.filter((entry) => entry.tag < '0011');
      writeFileSync(journalFile, JSON.stringify(journal));
      const client = createClient({ url: `file:${join(dir, 'old.db')}` });
      try {
        await migrate(drizzle(client), { migrationsFolder: upTo10 });
        await client.execute("insert into branches (id, name, created_at) values (1, '第三党支部', 0)");
        await client.execute("insert into users (id, phone, display_name, branch_id, created_at) values (7, '13900000450', '老党员孙伯', 1, 0)");
        await client.execute("insert into users (id, phone, display_name, created_at) values (8, '13900000451', '志愿者吴姨', 0)");
        await client.execute('insert into volunteer_hours (volunteer_id, minutes, served_at, created_at) values (7, 60, 0, 0), (8, 30, 0, 0)');
        await migrate(drizzle(client), { migrationsFolder: 'db/migrations' });
        const rows = await client.execute('select volunteer_id, volunteer_name, branch_name, minutes from volunteer_hours order by volunteer_id');
        expect(rows.rows.map((row) => ({ ...row }))).toEqual([
          { volunteer_id: 7, volunteer_name: '老党员孙伯', branch_name: '第三党支部', minutes: 60 },
          { volunteer_id: 8, volunteer_name: '志愿者吴姨', branch_name: null, minutes: 30 },
        ]);
        await client.execute('pragma foreign_keys = on');
        await client.execute('delete from users where id = 7');
        expect((await client.execute('select volunteer_id, volunteer_name, minutes from volunteer_hours where minutes = 60')).rows.map((row) => ({ ...row }))).toEqual([{ volunteer_id: null, volunteer_name: '已注销#7', minutes: 60 }]);
        await expect(client.execute('update volunteer_hours set minutes = 481 where volunteer_id = 8')).rejects.toThrow(/volunteer_minutes_out_of_range/);
        await expect(client.execute('insert into volunteer_hours (volunteer_id, minutes, served_at, created_at) values (8, -1, 0, 0)')).rejects.toThrow(/volunteer_minutes_out_of_range/);
      } finally {
        client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
