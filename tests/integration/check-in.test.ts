import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import { insertActivity } from './activity-fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups } from '../../db/schema';
import { cancelSignupAsOrganiser, roster, signUp, signUpByPhone, signUpGuest } from '../../src/lib/server/activity-signups';
import { attendanceByKind, attendedActivities, checkIn, uncheck } from '../../src/lib/server/check-in';
import { cancelActivity } from '../../src/lib/server/activity-setup';
import { getActivity } from '../../src/lib/server/activities';
import { UNDO_MS } from '../../src/lib/activity-rules';
import { myStudyRecordCsv } from '../../src/lib/server/my-record';
import { getUser } from '../../src/lib/server/users';
import { unwrap } from '../../src/lib/result';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0); // 10:00 Beijing time
let fixture: TestDb;
let db: Db;
let organiser: number;
let phone = 13700000000;

beforeAll(async () => {
  fixture = await freshDb('check-in');
  db = fixture.db;
  organiser = await insertUser(db, { phone: '13700000000', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
});
afterAll(() => fixture.close());

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function activity(overrides: Partial<typeof activities.$inferInsert> = {}): Promise<number> {
  return insertActivity(db, {
    title: '上甘岭',
    filmSlug: null,
    startsAt: NOW + HOUR,
    endsAt: NOW + 3 * HOUR,
    venueName: '老年大学活动中心',
    venueRoom: '',
    talkTopic: null,
    talkSpeaker: null,
    notes: '',
    capacity: 3,
    signupClosesAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  });
}

describe('check-in at the door', () => {
  it('two tablets ticking the same person at once: one check-in, no error, the second says 已签到', async () => {
    const id = await activity();
    const userId = await person();
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId, companion: false, now: NOW - HOUR }));
    const [first, second] = await Promise.all([
      checkIn(db, { activityId: id, signupId, by: organiser, now: NOW + 10 }),
      checkIn(db, { activityId: id, signupId, by: organiser, now: NOW + 20 }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    const outcomes = [first, second].map((result) => (result.ok ? result.value.already : null)).sort();
    expect(outcomes).toEqual([false, true]);
    const row = (await db.select().from(activitySignups).where(eq(activitySignups.id, signupId)))[0];
    expect(row?.checkedInAt).toBe(NOW + 10);
  });

  it('takes a tick back, and refuses forged ids', async () => {
    const id = await activity({ capacity: 1 });
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    unwrap(await checkIn(db, { activityId: id, signupId, by: organiser, now: NOW }));
    unwrap(await uncheck(db, { activityId: id, signupId }));
    expect((await roster(db, id))[0]?.checkedInAt).toBeNull();
    const other = await activity();
    expect(await checkIn(db, { activityId: other, signupId, by: organiser, now: NOW })).toMatchObject({ ok: false });
    expect(await checkIn(db, { activityId: 999_999, signupId, by: organiser, now: NOW })).toMatchObject({ ok: false });
  });

  it('adds walk-ins as attending: a guest even when full, an account holder on their own record', async () => {
    const id = await activity({ capacity: 1 });
    unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    const walkIn = (name: string, phoneNumber: string) => signUpByPhone(db, { activityId: id, name, phone: phoneNumber, companion: false, by: organiser, source: 'walk-in', now: NOW });
    unwrap(await walkIn('张大爷', '13933334444'));
    expect((await roster(db, id)).find((row) => row.name === '张大爷')).toMatchObject({ source: 'walk-in', checkedInAt: NOW, status: 'confirmed' });
    // The account holder whose phone it is, at the same full activity: attending on their own record.
    const member = await person();
    expect(unwrap(await walkIn('', String(phone))).name).toBe(`学员${phone % 1000}`);
    expect((await roster(db, id)).find((row) => row.userId === member)).toMatchObject({ source: 'walk-in', checkedInAt: NOW, status: 'confirmed' });
    expect(await attendedActivities(db, member)).toHaveLength(1);
    // Nobody is overbooked: the walk-ins without a seat hold none.
    const seats = await db.select({ held: activitySignups.seatsHeld }).from(activitySignups).where(eq(activitySignups.activityId, id));
    expect(seats.reduce((sum, row) => sum + row.held, 0)).toBe(1);
  });
});

/** Seats held at an activity: never above its capacity. */
async function seatsHeld(activityId: number): Promise<number> {
  const rows = await db.select({ held: activitySignups.seatsHeld }).from(activitySignups).where(eq(activitySignups.activityId, activityId));
  return rows.reduce((sum, row) => sum + row.held, 0);
}

describe('someone on the waitlist who comes to the door', () => {
  const STARTS = NOW + HOUR;

  /** Full (one seat), one person coming and `waiting` more on the waitlist; after the start the organiser cancels the one coming (they rang), and the seat is free once 撤销's time is over. */
  async function fullThenFreed(waiting: number): Promise<{ id: number; waitlisted: number[] }> {
    const id = await activity({ capacity: 1, startsAt: STARTS, endsAt: STARTS + 2 * HOUR });
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - 2 * HOUR }));
    const waitlisted: number[] = [];
    for (let i = 0; i < waiting; i += 1) waitlisted.push(unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - 2 * HOUR })).signupId);
    unwrap(await cancelSignupAsOrganiser(db, { activityId: id, signupId, now: STARTS + 5 * MINUTE }));
    return { id, waitlisted };
  }

  it('is let in by a tick: the free seat if there is one, else attending without a seat; never overbooked', async () => {
    const { id, waitlisted } = await fullThenFreed(2);
    const [first, second] = waitlisted as [number, number];
    const at = STARTS + 5 * MINUTE + UNDO_MS + MINUTE;
    // The second in line comes first: the free seat is theirs (after the start nobody else is promoted).
    expect(unwrap(await checkIn(db, { activityId: id, signupId: second, by: organiser, now: at }))).toMatchObject({ already: false, seated: true, was: 'waitlisted' });
    expect(unwrap(await checkIn(db, { activityId: id, signupId: first, by: organiser, now: at + 1 }))).toMatchObject({ already: false, seated: false, was: 'waitlisted' });
    const rows = await roster(db, id);
    for (const signupId of waitlisted) expect(rows.find((row) => row.signupId === signupId)).toMatchObject({ status: 'confirmed', checkedInAt: expect.any(Number) });
    expect(await seatsHeld(id)).toBe(1);
    expect((await getActivity(db, id))?.waitlisted).toBe(0);
  });

  it('two tablets ticking the same waitlisted person at once: let in once, the other told 已签到', async () => {
    const { id, waitlisted } = await fullThenFreed(1);
    const signupId = waitlisted[0] as number;
    const at = STARTS + 30 * MINUTE;
    const both = await Promise.all([checkIn(db, { activityId: id, signupId, by: organiser, now: at }), checkIn(db, { activityId: id, signupId, by: organiser, now: at + 1 })]);
    expect(both.map((result) => (result.ok ? result.value.already : null)).sort()).toEqual([false, true]);
    expect(await seatsHeld(id)).toBe(1);
  });

  it('is let in through 现场报名 too, an account holder and a guest alike, the guest’s 同行家属 kept', async () => {
    const id = await activity({ capacity: 2, startsAt: STARTS, endsAt: STARTS + 2 * HOUR, companionsAllowed: true });
    unwrap(await signUp(db, { activityId: id, userId: await person(), companion: true, now: NOW - 2 * HOUR }));
    const member = await person();
    const memberPhone = String(phone);
    expect(unwrap(await signUp(db, { activityId: id, userId: member, companion: false, now: NOW - 2 * HOUR })).status).toBe('waitlisted');
    const guest = unwrap(
      await signUpByPhone(db, { activityId: id, name: '赵奶奶', phone: '13955556666', companion: true, companionName: '赵大爷', by: organiser, source: 'organiser', now: NOW - HOUR }),
    );
    expect(guest).toMatchObject({ status: 'waitlisted', account: false });
    const door = { activityId: id, companion: false, by: organiser, source: 'walk-in' as const, now: STARTS + 10 * MINUTE };
    expect(unwrap(await signUpByPhone(db, { ...door, name: '', phone: memberPhone }))).toMatchObject({ account: true, door: { was: 'waitlisted', seated: false } });
    expect(unwrap(await signUpByPhone(db, { ...door, name: '赵奶奶', phone: '139 5555 6666' }))).toMatchObject({ account: false, door: { was: 'waitlisted', seated: false } });
    const rows = await roster(db, id);
    expect(rows.find((row) => row.userId === member)).toMatchObject({ status: 'confirmed', checkedInAt: door.now, source: 'self' });
    expect(rows.find((row) => row.name === '赵奶奶')).toMatchObject({ status: 'confirmed', checkedInAt: door.now, seats: 2, companionName: '赵大爷' });
    expect(rows).toHaveLength(3);
    expect(await seatsHeld(id)).toBe(2);
    expect(await attendedActivities(db, member)).toHaveLength(1);
    // Someone already coming, typed in again at the door: checked in, not signed up twice.
    expect(unwrap(await signUpByPhone(db, { ...door, name: '赵奶奶', phone: '13955556666' })).door).toMatchObject({ already: true });
  });

  it('a guest walk-in keeps the name of their 同行家属', async () => {
    const id = await activity({ capacity: 5, companionsAllowed: true });
    unwrap(await signUpGuest(db, { activityId: id, name: '钱阿姨', phone: '13977778888', companion: true, companionName: '钱大爷', by: organiser, source: 'walk-in', now: NOW }));
    expect((await roster(db, id))[0]).toMatchObject({ seats: 2, companionName: '钱大爷', checkedInAt: NOW });
  });
});

describe('the day of the activity', () => {
  it('refuses a tick or a walk-in before the activity’s day (Beijing time), in words, and changes nothing', async () => {
    // Tomorrow 09:00 Beijing time.
    const tomorrow = Date.UTC(2026, 11, 1, 1, 0);
    const id = await activity({ startsAt: tomorrow, endsAt: tomorrow + 2 * HOUR });
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    const early = await checkIn(db, { activityId: id, signupId, by: organiser, now: NOW });
    expect(early.ok ? '' : early.error.message).toContain('签到要到活动当天（12月1日星期二）才能开始');
    const walked = await signUpByPhone(db, { activityId: id, name: '孙大爷', phone: '13911110000', companion: false, by: organiser, source: 'walk-in', now: NOW });
    expect(walked.ok ? '' : walked.error.message).toContain('活动当天');
    expect((await roster(db, id)).map((row) => [row.name, row.checkedInAt])).toEqual([[expect.any(String), null]]);
    // From Beijing midnight of that day on it is accepted (16:00 UTC the day before).
    expect(unwrap(await checkIn(db, { activityId: id, signupId, by: organiser, now: Date.UTC(2026, 10, 30, 16, 0) })).already).toBe(false);
  });
});

describe('attendance in the study records', () => {
  it('adds each attended activity’s hours to the person, by kind, and to the site totals and the CSV record', async () => {
    const userId = await person();
    const film = await activity({ title: '建国大业', startsAt: NOW - 4 * HOUR, endsAt: NOW - 2 * HOUR });
    const visit = await activity({ kind: 'visit', title: '参观纪念馆', startsAt: NOW - 30 * HOUR, endsAt: NOW - 26.5 * HOUR });
    const missed = await activity({ title: '没来', startsAt: NOW - 4 * HOUR, endsAt: NOW - 2 * HOUR });
    for (const activityId of [film, visit, missed]) {
      const { signupId } = unwrap(await signUp(db, { activityId, userId, companion: false, by: organiser, now: NOW - 50 * HOUR }));
      if (activityId !== missed) unwrap(await checkIn(db, { activityId, signupId, by: organiser, now: NOW - 3 * HOUR }));
    }
    const attended = await attendedActivities(db, userId);
    expect(attended.map((a) => [a.kindLabel, a.title, a.hours])).toEqual([
      ['红色观影', '建国大业', 2],
      ['红色游学', '参观纪念馆', 3.5],
    ]);
    const byKind = await attendanceByKind(db);
    expect(byKind.find((row) => row.kind === 'visit')).toMatchObject({ activities: 1, attendances: 1, hours: 3.5 });
    const user = await getUser(db, userId);
    const csv = await myStudyRecordCsv(db, user!, (id) => id);
    expect(csv).toContain('红色游学,参观纪念馆');
  });

  it('leaves out an activity cancelled after people were checked in', async () => {
    const userId = await person();
    const id = await activity({ kind: 'reading', title: '经典诵读会', startsAt: NOW - HOUR, endsAt: NOW + HOUR });
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId, companion: false, by: organiser, now: NOW - 2 * HOUR }));
    unwrap(await checkIn(db, { activityId: id, signupId, by: organiser, now: NOW - 30 * MINUTE }));
    expect(await attendedActivities(db, userId)).toHaveLength(1);
    expect((await attendanceByKind(db)).find((row) => row.kind === 'reading')).toMatchObject({ activities: 1, attendances: 1 });
    unwrap(await cancelActivity(db, id, '停电，改日再办', NOW));
    expect(await attendedActivities(db, userId)).toEqual([]);
    expect((await attendanceByKind(db)).find((row) => row.kind === 'reading')).toBeUndefined();
  });
});
