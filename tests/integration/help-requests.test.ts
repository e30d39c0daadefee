import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { auditLog, branches, helpRequestEvents, helpRequests, messages, users, volunteerHours } from '../../db/schema';
import { updateUser } from '../../src/lib/server/admin';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { claimRequest, closeRequest, createRequest, handBack, myClaimed, myRequests, requestView, waitingQueue, type Actor, type Viewer } from '../../src/lib/server/help-requests';
import { activityHelp, myHoursByMonth, recordActivityHelp, totalsPerBranch, totalsPerVolunteer } from '../../src/lib/server/volunteer-hours';
import { FLAG_REVOKED_NOTE, MAX_OPEN_CLAIMS, OPEN_CLAIMS_MESSAGE, PROBLEM_MAX_CHARS } from '../../src/lib/help-requests';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { insertActivity } from './activity-fixture';
import type { ClaimJob, ClaimResult } from './help-worker';
import { race, startWorkers, stopWorkers } from './server-processes';

let fixture: TestDb;
let db: Db;
let asker: number;
let otherAsker: number;
let vol1: number;
let vol2: number;
let admin: number;
let workers: ChildProcess[] = [];
const WORKERS = 2;
const as = (id: number, isAdmin = false): Actor => ({ id, admin: isAdmin });
/** Someone looking at a request page: `volunteer` is whether they hold the flag now. */
const viewer = (id: number, flags: { admin?: boolean; volunteer?: boolean } = {}): Viewer => ({ id, admin: flags.admin ?? false, volunteer: flags.volunteer ?? false });

/** Claims sent to the worker processes at once: every result. */
async function claimsAtOnce(shares: ClaimJob[][]): Promise<ClaimResult[]> {
  return (await race<ClaimJob, ClaimResult>(workers, shares)).flat();
}

beforeAll(async () => {
  fixture = await freshDb('help');
  db = fixture.db;
  const branch = (await db.insert(branches).values({ name: '第一党支部', createdAt: Date.now() }).returning({ id: branches.id }))[0]!.id;
  asker = await insertUser(db, { phone: '13900000360', displayName: '李桂兰', branchId: null, passwordHash: null, roles: ['learner'] });
  otherAsker = await insertUser(db, { phone: '13900000361', displayName: '周德福', branchId: null, passwordHash: null, roles: ['learner'] });
  vol1 = await insertUser(db, { phone: '13900000362', displayName: '志愿者甲', branchId: branch, passwordHash: null, roles: ['learner'], volunteer: true });
  vol2 = await insertUser(db, { phone: '13900000363', displayName: '志愿者乙', branchId: null, passwordHash: null, roles: ['learner'], volunteer: true });
  admin = await insertUser(db, { phone: '13900000364', displayName: '管理员', branchId: null, passwordHash: null, roles: ['admin'] });
  workers = await startWorkers('tests/integration/help-worker.ts', fixture.url, WORKERS);
});
afterAll(() => {
  stopWorkers(workers);
  fixture.close();
});

let phone = 13900000370;
/** A new person each time (each may have only a few requests open at once). */
async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `学员${phone % 100}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function ask(requesterId?: number): Promise<number> {
  const id = requesterId ?? (await person());
  return unwrap(await createRequest(db, { requesterId: id, topic: null, problem: '微信视频总是接不通', way: 'phone', preferredTime: '工作日上午' })).id;
}

async function countRows(): Promise<number> {
  return (await db.select({ id: helpRequests.id }).from(helpRequests)).length;
}

describe('asking for help', () => {
  it('puts the request in the queue with the picked problem and the person’s own words', async () => {
    const id = unwrap(await createRequest(db, { requesterId: asker, topic: 'font', problem: '菜单里找不到', way: 'in-person', preferredTime: '周末上午' })).id;
    const [mine] = await myRequests(db, asker);
    expect(mine).toMatchObject({ id, problem: '字太小，想把手机字调大。菜单里找不到', way: 'in-person', status: 'waiting', preferredTime: '周末上午' });
    expect((await waitingQueue(db)).map((r) => r.id)).toContain(id);
  });

  it('refuses an empty, an oversized, an unknown-topic request and one for another person, changing nothing', async () => {
    const before = await countRows();
    const cases = [
      { input: { problem: '   ' }, says: '请写下遇到了什么问题' },
      { input: { problem: '字'.repeat(PROBLEM_MAX_CHARS + 1) }, says: `最多写${PROBLEM_MAX_CHARS}个字` },
      { input: { problem: '', topic: 'no-such' }, says: '没有这个常见问题' },
      { input: { problem: '帮我妈妈问', forUserId: otherAsker }, says: '只能为自己提出求助' },
    ];
    for (const { input, says } of cases) {
      const result = await createRequest(db, { requesterId: asker, topic: null, way: 'phone', preferredTime: '', ...input });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.message).toContain(says);
    }
    expect(await countRows()).toBe(before);
  });
});

describe('claiming', () => {
  it('two volunteers claiming at once from two server processes: exactly one wins, the other is told', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await ask();
      const results = await claimsAtOnce([[{ requestId: id, volunteerId: vol1 }], [{ requestId: id, volunteerId: vol2 }]]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers[0]?.error).toBe('这条求助刚刚被其他志愿者接下了，请选另一条。');
      const row = (await db.select().from(helpRequests).where(eq(helpRequests.id, id)))[0];
      expect(row?.status).toBe('claimed');
      expect(row?.claimedBy).toBe(winners[0]?.job.volunteerId);
      // One claimed event and one message to the requester, not two.
      const events = await db.select().from(helpRequestEvents).where(and(eq(helpRequestEvents.requestId, id), eq(helpRequestEvents.kind, 'claimed')));
      expect(events).toHaveLength(1);
      const told = await db.select().from(messages).where(and(eq(messages.subject, `help:${id}`), eq(messages.kind, 'help.claimed')));
      expect(told).toHaveLength(1);
      // Handed back, so the winner's open claims stay under the limit for the next round.
      unwrap(await handBack(db, { id, actor: as(winners[0]!.job.volunteerId), note: '' }));
    }
  });

  it('refuses a sixth open request from one person', async () => {
    const someone = await person();
    for (let n = 0; n < 5; n += 1) await ask(someone);
    const sixth = await createRequest(db, { requesterId: someone, topic: 'wifi', problem: '', way: 'phone', preferredTime: '' });
    expect(!sixth.ok && sixth.error.message).toContain('5条求助还没有解决');
    expect(await myRequests(db, someone)).toHaveLength(5);
  });

  it('refuses claiming one’s own request', async () => {
    const id = await ask(vol2);
    const result = await claimRequest(db, { id, volunteerId: vol2, volunteerName: '志愿者乙' });
    expect(!result.ok && result.error.message).toContain('不能接自己提出的求助');
    expect((await myClaimed(db, vol2)).map((r) => r.id)).not.toContain(id);
  });
});

describe('who may see a request', () => {
  it('the requester, the volunteer holding it and admins; the phone only to the holder and admins', async () => {
    const id = await ask(asker);
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    for (const [who, allowed, phone] of [
      [viewer(asker), true, false],
      [viewer(vol1, { volunteer: true }), true, true],
      [viewer(admin, { admin: true }), true, true],
      [viewer(vol2, { volunteer: true }), false, false],
      [viewer(otherAsker), false, false],
      // The one who claimed it, once the flag is gone (before the admin's hand-back runs).
      [viewer(vol1), false, false],
    ] as const) {
      const view = await requestView(db, id, who);
      expect(view !== undefined).toBe(allowed);
      expect(view?.contact?.phone).toBe(phone ? '13900000360' : undefined);
    }
  });

  it('a missing request and someone else’s answer the same', async () => {
    const id = await ask(asker);
    expect(await requestView(db, id, viewer(otherAsker))).toBeUndefined();
    expect(await requestView(db, 999_999, viewer(otherAsker))).toBeUndefined();
    expect(await requestView(db, 999_999, viewer(admin, { admin: true }))).toBeUndefined();
  });

  it('after closing, the volunteer sees what was asked and answered, not who asked or their phone', async () => {
    const id = await ask(asker);
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    unwrap(await closeRequest(db, { id, actor: as(vol1), answer: '教会了', minutes: 30 }));
    const view = await requestView(db, id, viewer(vol1, { volunteer: true }));
    expect(view).toMatchObject({ status: 'closed', answer: '教会了', contact: null });
    expect(JSON.stringify(view)).not.toContain('13900000360');
    expect(JSON.stringify(view)).not.toContain('李桂兰');
    expect(view?.events[0]).toMatchObject({ kind: 'created', actorName: '求助的人' });
    expect(await requestView(db, id, viewer(vol2, { volunteer: true }))).toBeUndefined();
  });

  it('a hand-back note is for volunteers and admins: the requester sees that it was handed back, not why', async () => {
    const id = await ask(asker);
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    unwrap(await handBack(db, { id, actor: as(vol1), note: '对方耳背，电话里讲不清' }));
    const asked = await requestView(db, id, viewer(asker));
    expect(asked?.events.find((e) => e.kind === 'handed-back')?.note).toBe('');
    expect(JSON.stringify(asked)).not.toContain('耳背');
    const adminView = await requestView(db, id, viewer(admin, { admin: true }));
    expect(adminView?.events.find((e) => e.kind === 'handed-back')?.note).toBe('对方耳背，电话里讲不清');
    // The queue card shows it to the next volunteer; the requester's own list does not carry it.
    expect((await waitingQueue(db)).find((r) => r.id === id)?.handBackNote).toBe('对方耳背，电话里讲不清');
    expect((await myRequests(db, asker)).find((r) => r.id === id)?.handBackNote).toBeUndefined();
    unwrap(await claimRequest(db, { id, volunteerId: vol2, volunteerName: '志愿者乙' }));
    const next = await requestView(db, id, viewer(vol2, { volunteer: true }));
    expect(next?.events.find((e) => e.kind === 'handed-back')?.note).toBe('对方耳背，电话里讲不清');
    unwrap(await handBack(db, { id, actor: as(vol2), note: '' }));
  });
});

describe('how many one volunteer may hold', () => {
  it(`refuses a claim beyond ${MAX_OPEN_CLAIMS} open ones, in words, changing nothing; handing one back makes room`, async () => {
    const holder = await insertUser(db, { phone: '13911110001', displayName: '志愿者丙', branchId: null, passwordHash: null, roles: ['learner'], volunteer: true });
    const held: number[] = [];
    for (let n = 0; n < MAX_OPEN_CLAIMS; n += 1) {
      const id = await ask();
      unwrap(await claimRequest(db, { id, volunteerId: holder, volunteerName: '志愿者丙' }));
      held.push(id);
    }
    const extra = await ask();
    const refused = await claimRequest(db, { id: extra, volunteerId: holder, volunteerName: '志愿者丙' });
    expect(!refused.ok && refused.error.message).toBe(OPEN_CLAIMS_MESSAGE);
    expect(OPEN_CLAIMS_MESSAGE).toContain(`${MAX_OPEN_CLAIMS}条求助还没处理完`);
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, extra)))[0]).toMatchObject({ status: 'waiting', claimedBy: null });
    expect((await db.select().from(helpRequestEvents).where(eq(helpRequestEvents.requestId, extra))).map((e) => e.kind)).toEqual(['created']);
    unwrap(await handBack(db, { id: held[0]!, actor: as(holder), note: '' }));
    unwrap(await claimRequest(db, { id: extra, volunteerId: holder, volunteerName: '志愿者丙' }));
    expect(await myClaimed(db, holder)).toHaveLength(MAX_OPEN_CLAIMS);
  });
});

describe('closing and handing back', () => {
  it('closing records the answer, the hours in the 时间银行 and a 我的消息 message, all at once', async () => {
    const id = await ask(asker);
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    unwrap(await closeRequest(db, { id, actor: as(vol1), answer: '电话里教会了开视频', minutes: 90 }));
    const [mine] = (await myRequests(db, asker)).filter((r) => r.id === id);
    expect(mine).toMatchObject({ status: 'closed', answer: '电话里教会了开视频', minutes: 90, volunteerName: '志愿者甲' });
    const hours = await db.select().from(volunteerHours).where(eq(volunteerHours.requestId, id));
    expect(hours).toMatchObject([{ volunteerId: vol1, minutes: 90 }]);
    const told = await db.select().from(messages).where(and(eq(messages.subject, `help:${id}`), eq(messages.kind, 'help.answered')));
    expect(told[0]?.body).toContain('电话里教会了开视频');
    expect(told[0]?.userId).toBe(asker);
  });

  it('refuses closing a request one did not claim, an unclaimed one, a closed one, and hours outside 0–8, changing nothing', async () => {
    const id = await ask();
    const waiting = await closeRequest(db, { id, actor: as(vol1), answer: '好了', minutes: 30 });
    expect(!waiting.ok && waiting.error.message).toContain('还没有人接');
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    const notMine = await closeRequest(db, { id, actor: as(vol2), answer: '好了', minutes: 30 });
    expect(!notMine.ok && notMine.error.message).toContain('只有接单的志愿者才能关闭');
    const notMineBack = await handBack(db, { id, actor: as(vol2), note: '' });
    expect(!notMineBack.ok && notMineBack.error.message).toContain('只有接单的志愿者才能交回');
    for (const minutes of [-1, 481, 1.5]) {
      const result = await closeRequest(db, { id, actor: as(vol1), answer: '好了', minutes });
      expect(!result.ok && result.error).toMatchObject({ field: 'hours', message: expect.stringContaining('0到8小时') });
    }
    const empty = await closeRequest(db, { id, actor: as(vol1), answer: '  ', minutes: 30 });
    expect(!empty.ok && empty.error.field).toBe('answer');
    const row = (await db.select().from(helpRequests).where(eq(helpRequests.id, id)))[0];
    expect(row).toMatchObject({ status: 'claimed', claimedBy: vol1, answer: '', minutes: null });
    expect(await db.select().from(volunteerHours).where(eq(volunteerHours.requestId, id))).toHaveLength(0);
    // 8 hours exactly is allowed; closing twice is refused.
    unwrap(await closeRequest(db, { id, actor: as(vol1), answer: '上门帮忙一整天', minutes: 480 }));
    const again = await closeRequest(db, { id, actor: as(vol1), answer: '好了', minutes: 30 });
    expect(!again.ok && again.error.message).toContain('已经解决');
  });

  it('handing back puts the request in the queue again for anyone; an admin may close any claimed request', async () => {
    const id = await ask();
    unwrap(await claimRequest(db, { id, volunteerId: vol1, volunteerName: '志愿者甲' }));
    unwrap(await handBack(db, { id, actor: as(vol1), note: '这几天不在本地' }));
    expect((await waitingQueue(db)).map((r) => r.id)).toContain(id);
    unwrap(await claimRequest(db, { id, volunteerId: vol2, volunteerName: '志愿者乙' }));
    unwrap(await closeRequest(db, { id, actor: as(admin, true), answer: '管理员电话回访，已解决', minutes: 15 }));
    const hours = await db.select().from(volunteerHours).where(eq(volunteerHours.requestId, id));
    // The hours are the claiming volunteer's, recorded by the admin.
    expect(hours).toMatchObject([{ volunteerId: vol2, minutes: 15, recordedBy: admin }]);
  });
});

describe('volunteer hours', () => {
  it('help at an activity counts once per volunteer and activity (a second entry corrects it); refused before it starts or outside 0–8', async () => {
    const now = Date.now();
    const past = await insertActivity(db, { startsAt: now - 86_400_000, endsAt: now - 80_000_000, signupClosesAt: now - 90_000_000 });
    const future = await insertActivity(db, { startsAt: now + 86_400_000, endsAt: now + 90_000_000, signupClosesAt: now + 80_000_000 });
    unwrap(await recordActivityHelp(db, { activityId: past, phone: '139 0000 0363', minutes: 120, note: '帮忙签到', recordedBy: admin }));
    unwrap(await recordActivityHelp(db, { activityId: past, phone: '13900000363', minutes: 180, note: '帮忙签到和引导', recordedBy: admin }));
    expect(await activityHelp(db, past)).toEqual([{ volunteerId: vol2, name: '志愿者乙', minutes: 180, note: '帮忙签到和引导' }]);
    const early = await recordActivityHelp(db, { activityId: future, phone: '13900000363', minutes: 60, note: '', recordedBy: admin });
    expect(!early.ok && early.error.message).toContain('活动开始以后');
    const tooLong = await recordActivityHelp(db, { activityId: past, phone: '13900000362', minutes: 600, note: '', recordedBy: admin });
    expect(!tooLong.ok && tooLong.error.field).toBe('hours');
    const nobody = await recordActivityHelp(db, { activityId: past, phone: '13911112222', minutes: 60, note: '', recordedBy: admin });
    expect(!nobody.ok && nobody.error.field).toBe('volunteerPhone');
    expect(await activityHelp(db, past)).toHaveLength(1);
  });

  it('totals per volunteer, per 党支部 and by month add up every row', async () => {
    const all = await db.select().from(volunteerHours);
    const sum = (id: number) => all.filter((r) => r.volunteerId === id).reduce((total, r) => total + r.minutes, 0);
    const perVolunteer = await totalsPerVolunteer(db);
    expect(perVolunteer.find((t) => t.volunteerId === vol1)?.minutes).toBe(sum(vol1));
    expect(perVolunteer.find((t) => t.volunteerId === vol2)).toMatchObject({ minutes: sum(vol2), activities: 1 });
    const perBranch = await totalsPerBranch(db);
    expect(perBranch.find((b) => b.branchName === '第一党支部')?.minutes).toBe(sum(vol1));
    expect(perBranch.find((b) => b.branchName === null)?.minutes).toBe(sum(vol2));
    const months = await myHoursByMonth(db, vol2);
    expect(months.reduce((total, m) => total + m.minutes, 0)).toBe(sum(vol2));
  });

  it('the database itself refuses a row outside 0–480 minutes', async () => {
    await expect(db.insert(volunteerHours).values({ volunteerId: vol1, minutes: 481, servedAt: Date.now(), createdAt: Date.now() })).rejects.toThrow();
  });
});

describe('the volunteer flag', () => {
  it('an admin grants and takes it back on 人员与角色; each change is in the 安全记录', async () => {
    const someone = await person();
    unwrap(await updateUser(db, admin, { userId: someone, roles: ['learner'], branchId: null, disabled: false, volunteer: true }));
    expect((await db.select({ volunteer: users.volunteer }).from(users).where(eq(users.id, someone)))[0]?.volunteer).toBe(true);
    unwrap(await updateUser(db, admin, { userId: someone, roles: ['learner'], branchId: null, disabled: false, volunteer: false }));
    expect((await db.select({ volunteer: users.volunteer }).from(users).where(eq(users.id, someone)))[0]?.volunteer).toBe(false);
    const kinds = (await db.select({ kind: auditLog.kind }).from(auditLog).where(eq(auditLog.subjectId, someone))).map((row) => row.kind);
    expect(kinds).toEqual(['volunteer.grant', 'volunteer.revoke']);
  });

  it('taking it away hands back what they hold, in the same transaction, and closes the request page to them', async () => {
    const someone = await insertUser(db, { phone: '13911110002', displayName: '志愿者丁', branchId: null, passwordHash: null, roles: ['learner'], volunteer: true });
    const id = await ask(asker);
    unwrap(await claimRequest(db, { id, volunteerId: someone, volunteerName: '志愿者丁' }));
    const closedOne = await ask();
    unwrap(await claimRequest(db, { id: closedOne, volunteerId: someone, volunteerName: '志愿者丁' }));
    unwrap(await closeRequest(db, { id: closedOne, actor: as(someone), answer: '好了', minutes: 20 }));
    expect((await requestView(db, id, viewer(someone, { volunteer: true })))?.contact?.phone).toBe('13900000360');
    unwrap(await updateUser(db, admin, { userId: someone, roles: ['learner'], branchId: null, disabled: false, volunteer: false }));
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, id)))[0]).toMatchObject({ status: 'waiting', claimedBy: null, claimedAt: null });
    expect((await waitingQueue(db)).map((r) => r.id)).toContain(id);
    const back = await db.select().from(helpRequestEvents).where(and(eq(helpRequestEvents.requestId, id), eq(helpRequestEvents.kind, 'handed-back')));
    expect(back).toMatchObject([{ actorId: admin, note: FLAG_REVOKED_NOTE }]);
    // A closed request stays closed, with its hours; neither page opens to them any more.
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, closedOne)))[0]?.status).toBe('closed');
    expect(await db.select().from(volunteerHours).where(eq(volunteerHours.requestId, closedOne))).toHaveLength(1);
    expect(await requestView(db, id, viewer(someone))).toBeUndefined();
    expect(await requestView(db, closedOne, viewer(someone))).toBeUndefined();
  });

  it('a refused change of the flag hands nothing back', async () => {
    const someone = await insertUser(db, { phone: '13911110003', displayName: '志愿者戊', branchId: null, passwordHash: null, roles: ['learner'], volunteer: true });
    const id = await ask();
    unwrap(await claimRequest(db, { id, volunteerId: someone, volunteerName: '志愿者戊' }));
    const refused = await updateUser(db, admin, { userId: someone, roles: ['learner'], branchId: 999_999, disabled: false, volunteer: false });
    expect(refused.ok).toBe(false);
    expect((await db.select().from(helpRequests).where(eq(helpRequests.id, id)))[0]).toMatchObject({ status: 'claimed', claimedBy: someone });
  });
});
