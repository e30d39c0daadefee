import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activitySignups, messages } from '../../db/schema';
import { getActivity } from '../../src/lib/server/activities';
import { cancelSignup, mySignup, roster, signUp, signUpByPhone, signUpGuest } from '../../src/lib/server/activity-signups';
import { listMessages, markRead } from '../../src/lib/server/messages';
import { cancelActivity, createActivity, moveActivity, phoneList, updateActivity } from '../../src/lib/server/activity-setup';
import { PROMOTED_TEXT } from '../../src/lib/activity-wording';
import { activityFormSchema, moveFormSchema, type ActivitySettings } from '../../src/schemas/activity';
import { toBeijingDateTimeInput } from '../../src/lib/beijing-time';
import { unwrap } from '../../src/lib/result';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0); // 10:00 Beijing time
let fixture: TestDb;
let db: Db;
let organiser: number;
let phone = 13600000000;

beforeAll(async () => {
  fixture = await freshDb('activity-setup');
  db = fixture.db;
  organiser = await insertUser(db, { phone: '13600000000', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
});
afterAll(() => fixture.close());

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

function settings(overrides: Partial<ActivitySettings> = {}): ActivitySettings {
  return {
    kind: 'film',
    title: '红色观影《上甘岭》',
    filmSlug: 'shang-gan-ling',
    destination: null,
    startsAt: NOW + 48 * HOUR,
    endsAt: NOW + 50 * HOUR,
    signupClosesAt: NOW + 46 * HOUR,
    venueName: '老年大学活动中心',
    venueAddress: '人民路1号',
    venueRoom: '二楼多功能厅',
    capacity: 4,
    talkTopic: null,
    talkSpeaker: null,
    lessonId: null,
    notes: '',
    companionsAllowed: true,
    ...overrides,
  };
}

async function created(overrides: Partial<ActivitySettings> = {}): Promise<number> {
  return unwrap(await createActivity(db, settings(overrides), organiser, NOW)).id;
}

/** The form as posted: every field a string, as a browser sends it. */
function posted(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'film',
    title: '红色观影《上甘岭》',
    filmSlug: 'shang-gan-ling',
    startsAt: toBeijingDateTimeInput(NOW + 48 * HOUR),
    endsAt: toBeijingDateTimeInput(NOW + 50 * HOUR),
    venueName: '老年大学活动中心',
    venueAddress: '人民路1号',
    capacity: '100',
    ...overrides,
  };
}

function fieldErrors(input: Record<string, string>, schema: typeof activityFormSchema | typeof moveFormSchema = activityFormSchema): Record<string, string> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? ''), issue.message]));
}

describe('the activity form', () => {
  it('reads Beijing times and puts the cut-off two hours before the start when left empty', () => {
    const parsed = activityFormSchema.parse(posted({ companionsAllowed: 'on', capacity: '１２０' }));
    expect(parsed.settings.startsAt).toBe(NOW + 48 * HOUR);
    expect(parsed.settings.signupClosesAt).toBe(NOW + 46 * HOUR);
    expect(parsed.settings.capacity).toBe(120);
    expect(parsed.settings.companionsAllowed).toBe(true);
  });

  it('names each problem on its field', () => {
    expect(fieldErrors(posted({ endsAt: toBeijingDateTimeInput(NOW + 47 * HOUR) }))).toHaveProperty('endsAt', '结束时间要晚于开始时间。');
    expect(fieldErrors(posted({ filmSlug: '' }))).toHaveProperty('filmSlug');
    expect(fieldErrors(posted({ kind: 'visit', filmSlug: '' }))).toHaveProperty('destination');
    expect(fieldErrors(posted({ talkTopic: '抗美援朝精神' }))).toHaveProperty('talkSpeaker');
    expect(fieldErrors(posted({ capacity: '0' }))).toHaveProperty('capacity');
    expect(fieldErrors(posted({ signupClosesAt: toBeijingDateTimeInput(NOW + 49 * HOUR) }))).toHaveProperty('signupClosesAt', '报名截止时间不能晚于活动开始时间。');
    expect(fieldErrors(posted({ startsAt: '2026-02-30T14:00' }))).toHaveProperty('startsAt');
    expect(fieldErrors(posted({ kind: 'party' }))).toHaveProperty('kind');
    expect(fieldErrors(posted({ lessonId: '<script>' }))).toHaveProperty('lessonId');
  });

  it('asks for a reason to move', () => {
    expect(fieldErrors({ activityId: '1', ...posted(), reason: '' }, moveFormSchema)).toHaveProperty('reason');
  });
});

describe('setting activities up', () => {
  it('refuses a start in the past and saves nothing', async () => {
    const result = await createActivity(db, settings({ startsAt: NOW - HOUR, endsAt: NOW + HOUR }), organiser, NOW);
    expect(result).toMatchObject({ ok: false, error: { field: 'startsAt' } });
  });

  it('bumps the calendar sequence when what calendars show changes, not otherwise', async () => {
    const id = await created();
    unwrap(await updateActivity(db, id, settings({ signupClosesAt: NOW + 40 * HOUR }), NOW));
    expect((await getActivity(db, id))?.sequence).toBe(0);
    unwrap(await updateActivity(db, id, settings({ title: '红色观影《上甘岭》（修复版）' }), NOW));
    expect((await getActivity(db, id))?.sequence).toBe(1);
  });

  it('refuses to lower the capacity below the seats held, counting the people affected (a pair is two)', async () => {
    const id = await created({ capacity: 4 });
    const [a, b, c] = [await person(), await person(), await person()];
    unwrap(await signUp(db, { activityId: id, userId: a, companion: false, now: NOW }));
    unwrap(await signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 1 }));
    unwrap(await signUp(db, { activityId: id, userId: c, companion: true, now: NOW + 2 }));
    const refused = await updateActivity(db, id, settings({ capacity: 2 }), NOW);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.field).toBe('capacity');
    expect(refused.error.message).toContain('座位数不能少于现在占着的 4 个：已报名 4 人');
    // The last in line is a pair: two people lose their seats, not one.
    expect(refused.error.message).toContain('会有 2 人没有座位');
    expect((await getActivity(db, id))?.capacity).toBe(4);
    // Through 改期 as well.
    const move = { ...settings({ capacity: 3, startsAt: NOW + 72 * HOUR, endsAt: NOW + 74 * HOUR }), reason: '放映设备检修' };
    const movedRefused = await moveActivity(db, id, move, NOW);
    expect(movedRefused).toMatchObject({ ok: false, error: { field: 'capacity' } });
    expect((await getActivity(db, id))?.startsAt).toBe(NOW + 48 * HOUR);
  });

  it('names the seats still held for 撤销 apart from the people signed up', async () => {
    const id = await created({ capacity: 4 });
    const [a, b, c] = [await person(), await person(), await person()];
    for (const [i, userId] of [a, b, c].entries()) unwrap(await signUp(db, { activityId: id, userId, companion: false, now: NOW + i }));
    unwrap(await cancelSignup(db, { activityId: id, userId: c, now: NOW + 10 }));
    const refused = await updateActivity(db, id, settings({ capacity: 2 }), NOW + 20);
    expect(refused.ok ? '' : refused.error.message).toContain('已报名 2 人（同行家属也算一人），另有 1 个座位给刚取消报名的人保留着（10分钟内可以撤销，10:10以后放出）');
    expect(refused.ok ? '' : refused.error.message).toContain('已报名的人都坐得下，请在10:10以后再改');
    expect((await getActivity(db, id))?.capacity).toBe(4);
  });

  it('gives added seats to the waitlist in order at once, one message each', async () => {
    const id = await created({ capacity: 20 });
    const people: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const userId = await person();
      people.push(userId);
      unwrap(await signUp(db, { activityId: id, userId, companion: false, now: NOW + i }));
    }
    const waiting = people.slice(20);
    expect((await getActivity(db, id))?.waitlisted).toBe(10);
    // 20 → 25: the first five in line.
    unwrap(await updateActivity(db, id, settings({ capacity: 25 }), NOW + HOUR));
    const promoted = async () => (await Promise.all(waiting.map(async (userId) => (await mySignup(db, id, userId))?.status === 'confirmed'))).map(Boolean);
    expect(await promoted()).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect((await mySignup(db, id, waiting[5] as number))?.position).toBe(1);
    // 25 → 30: the rest.
    unwrap(await updateActivity(db, id, settings({ capacity: 30 }), NOW + 2 * HOUR));
    expect(await promoted()).toEqual(waiting.map(() => true));
    expect(await getActivity(db, id)).toMatchObject({ seatsTaken: 30, waitlisted: 0 });
    const told = (await db.select().from(messages).where(eq(messages.subject, `activity:${id}`))).filter((message) => message.kind === 'activity.promoted');
    expect(told.map((message) => message.userId).sort()).toEqual([...waiting].sort());
    const first = told.find((message) => message.userId === waiting[0]);
    expect(first?.body).toContain(PROMOTED_TEXT);
    expect(first?.body).toContain('老年大学活动中心 二楼多功能厅（人民路1号）');
    expect(first?.link).toBe(`/screenings/${id}/`);
  });

  it('sends a new time or place with sign-ups through 改期, not a plain edit', async () => {
    const id = await created();
    unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW }));
    const refused = await updateActivity(db, id, settings({ startsAt: NOW + 72 * HOUR, endsAt: NOW + 74 * HOUR }), NOW);
    expect(refused.ok).toBe(false);
    expect((await getActivity(db, id))?.startsAt).toBe(NOW + 48 * HOUR);
  });

  it('moves an activity keeping every sign-up, bumps the sequence and tells each person with an account', async () => {
    const id = await created({ capacity: 2 });
    const [a, b, waiting] = [await person(), await person(), await person()];
    unwrap(await signUp(db, { activityId: id, userId: a, companion: false, now: NOW }));
    unwrap(await signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 1 }));
    unwrap(await signUp(db, { activityId: id, userId: waiting, companion: false, now: NOW + 2 }));
    unwrap(await signUpGuest(db, { activityId: id, name: '王大爷', phone: '13911112222', companion: false, by: organiser, source: 'organiser', now: NOW + 3 }));
    const before = await roster(db, id);

    const moved = unwrap(await moveActivity(db, id, { ...settings({ capacity: 2, startsAt: NOW + 72 * HOUR, endsAt: NOW + 74 * HOUR, signupClosesAt: NOW + 70 * HOUR, venueRoom: '一楼报告厅' }), reason: '放映设备检修' }, NOW));
    expect(moved.told).toBe(3);
    const after = await getActivity(db, id);
    expect(after).toMatchObject({ status: 'moved', statusReason: '放映设备检修', sequence: 1, startsAt: NOW + 72 * HOUR, venueRoom: '一楼报告厅' });
    expect((await roster(db, id)).map((row) => [row.signupId, row.status])).toEqual(before.map((row) => [row.signupId, row.status]));
    const inbox = await listMessages(db, waiting);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'activity.moved', subject: `activity:${id}`, link: `/screenings/${id}/` });
    expect(inbox[0]?.body).toContain('放映设备检修');
    expect(inbox[0]?.body).toContain('老年大学活动中心 一楼报告厅（人民路1号）');

    // The 电话通知名单: everyone who has not read it, and the guest, who has no inbox.
    expect((await phoneList(db, { id, status: 'moved' })).map((row) => row.userId)).toEqual([a, b, waiting, null]);
    await markRead(db, a);
    const list = await phoneList(db, { id, status: 'moved' });
    expect(list.map((row) => row.userId)).not.toContain(a);
    expect(list.find((row) => row.userId === null)?.phone).toBe('13911112222');
  });

  it('moves to a bigger room: the added seats go to the waitlist in order, each person told of the move and of their seat', async () => {
    const id = await created({ capacity: 1 });
    const [a, pair, single] = [await person(), await person(), await person()];
    unwrap(await signUp(db, { activityId: id, userId: a, companion: false, now: NOW }));
    unwrap(await signUp(db, { activityId: id, userId: pair, companion: true, now: NOW + 1 }));
    unwrap(await signUp(db, { activityId: id, userId: single, companion: false, now: NOW + 2 }));
    const move = { ...settings({ capacity: 3, startsAt: NOW + 72 * HOUR, endsAt: NOW + 74 * HOUR, signupClosesAt: NOW + 70 * HOUR, venueRoom: '大礼堂' }), reason: '报名的人多，换到大礼堂' };
    unwrap(await moveActivity(db, id, move, NOW + HOUR));
    expect((await mySignup(db, id, pair))?.status).toBe('confirmed');
    expect((await mySignup(db, id, single))).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await listMessages(db, pair)).map((message) => message.kind).sort()).toEqual(['activity.moved', 'activity.promoted']);
    const promotedBody = (await listMessages(db, pair)).find((message) => message.kind === 'activity.promoted')?.body;
    expect(promotedBody).toContain('已报名（2个座位，含同行家属）');
    expect(promotedBody).toContain('大礼堂');
    expect((await listMessages(db, single)).map((message) => message.kind)).toEqual(['activity.moved']);
  });

  it('cancels with a reason: each person is told once, sign-ups stay for the phone list, and it cannot be cancelled twice', async () => {
    const id = await created();
    const a = await person();
    unwrap(await signUp(db, { activityId: id, userId: a, companion: true, now: NOW }));
    const done = unwrap(await cancelActivity(db, id, '因天气原因取消', NOW));
    expect(done.told).toBe(1);
    expect(await getActivity(db, id)).toMatchObject({ status: 'cancelled', statusReason: '因天气原因取消', sequence: 1 });
    expect(await db.select().from(messages).where(eq(messages.userId, a))).toHaveLength(1);
    expect(await cancelActivity(db, id, '再取消一次', NOW)).toMatchObject({ ok: false });
    expect(await updateActivity(db, id, settings({ title: '改个名字' }), NOW)).toMatchObject({ ok: false });
    expect(await db.select().from(messages).where(eq(messages.userId, a))).toHaveLength(1);
    expect((await phoneList(db, { id, status: 'cancelled' })).map((row) => row.userId)).toEqual([a]);
  });
});

describe('an organiser signs someone up by name and phone', () => {
  const signUpPerson = (input: { activityId: number; name: string; phone: string; companion: boolean; companionName?: string; now: number }) =>
    signUpByPhone(db, { ...input, by: organiser, source: 'organiser' });

  it('puts an account holder on their own account, and anyone else as a guest', async () => {
    const id = await created({ capacity: 1 });
    const member = await person();
    const holder = unwrap(await signUpPerson({ activityId: id, name: '随便写的名字', phone: String(phone), companion: false, now: NOW }));
    expect(holder).toMatchObject({ account: true, status: 'confirmed', name: `学员${phone % 1000}` });
    const guest = unwrap(await signUpPerson({ activityId: id, name: '李奶奶', phone: '13922223333', companion: false, now: NOW + 1 }));
    expect(guest).toMatchObject({ account: false, status: 'waitlisted' });
    const rows = await db.select().from(activitySignups).where(eq(activitySignups.activityId, id));
    expect(rows.map((row) => [row.userId, row.guestName, row.source])).toEqual([
      [member, null, 'organiser'],
      [null, '李奶奶', 'organiser'],
    ]);
    expect(await signUpPerson({ activityId: id, name: '李奶奶', phone: '13922223333', companion: false, now: NOW + 2 })).toMatchObject({ ok: false });
  });

  it('tells the organiser, in the organiser’s words, that the person is already on the list', async () => {
    const id = await created({ capacity: 1 });
    await person();
    const coming = String(phone);
    await person();
    const waiting = String(phone);
    unwrap(await signUpPerson({ activityId: id, name: '', phone: coming, companion: false, now: NOW }));
    unwrap(await signUpPerson({ activityId: id, name: '', phone: waiting, companion: false, now: NOW + 1 }));
    const again = await signUpPerson({ activityId: id, name: '', phone: coming, companion: false, now: NOW + 2 });
    expect(again.ok ? '' : again.error.message).toContain('这位已经报过名了');
    const waitingAgain = await signUpPerson({ activityId: id, name: '', phone: waiting, companion: false, now: NOW + 2 });
    expect(waitingAgain.ok ? '' : waitingAgain.error.message).toContain('这位已经在候补名单上了（第1位）');
    for (const result of [again, waitingAgain]) expect(result.ok ? '' : result.error.message).not.toContain('您');
  });

  it('keeps the name of a guest’s 同行家属', async () => {
    const id = await created({ capacity: 4 });
    unwrap(await signUpPerson({ activityId: id, name: '周奶奶', phone: '13944445555', companion: true, companionName: '周大爷', now: NOW }));
    expect((await roster(db, id))[0]).toMatchObject({ name: '周奶奶', seats: 2, companionName: '周大爷' });
  });
});
