import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import { insertActivity } from './activity-fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups, messages } from '../../db/schema';
import { getActivity } from '../../src/lib/server/activities';
import { cancelSignup, mySignup, mySignups, roster, settleDue, signUp, signUpGuest, undoCancel } from '../../src/lib/server/activity-signups';
import { listMessages, remindTomorrow, unreadCount } from '../../src/lib/server/messages';
import { UNDO_MS } from '../../src/lib/activity-rules';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0); // 10:00 Beijing time
let fixture: TestDb;
let db: Db;
let phone = 13500000000;

beforeAll(async () => {
  fixture = await freshDb('activities');
  db = fixture.db;
});
afterAll(() => fixture.close());

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function activity(overrides: Partial<typeof activities.$inferInsert> = {}): Promise<number> {
  return insertActivity(db, {
    title: '上甘岭',
    filmSlug: 'shangganling',
    startsAt: NOW + 48 * HOUR,
    endsAt: NOW + 50 * HOUR,
    venueName: '老年大学活动中心',
    venueRoom: '',
    talkTopic: null,
    talkSpeaker: null,
    notes: '',
    capacity: 10,
    signupClosesAt: NOW + 46 * HOUR,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  });
}

async function held(activityId: number): Promise<number> {
  const rows = await db.select({ n: sql<number>`coalesce(sum(seats_held), 0)` }).from(activitySignups).where(eq(activitySignups.activityId, activityId));
  return rows[0]?.n ?? 0;
}

describe('sign-ups', () => {
  it('never overbooks: N + 5 simultaneous sign-ups with companions end with N seats taken and the rest waitlisted in order', async () => {
    const id = await activity({ capacity: 12 });
    const people = await Promise.all(Array.from({ length: 17 }, () => person()));
    const results = await Promise.all(people.map((userId, i) => signUp(db, { activityId: id, userId, companion: i % 3 === 0, now: NOW })));
    expect(results.filter((result) => !result.ok)).toEqual([]);
    const list = await roster(db, id);
    const confirmedSeats = list.filter((row) => row.status === 'confirmed').reduce((sum, row) => sum + row.seats, 0);
    expect(await held(id)).toBe(confirmedSeats);
    expect(confirmedSeats).toBeLessThanOrEqual(12);
    expect(confirmedSeats).toBeGreaterThanOrEqual(11);
    const waiting = list.filter((row) => row.status === 'waitlisted');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.map((row) => row.position)).toEqual(waiting.map((_, i) => i + 1));
    expect(list.length).toBe(17);
  });

  it('refuses twice, after the cut-off, cancelled, moved-and-full, companions not allowed, a forged id: and changes nothing', async () => {
    const id = await activity({ capacity: 1, companionsAllowed: false });
    const a = await person();
    const b = await person();
    expect((await signUp(db, { activityId: id, userId: a, companion: false, now: NOW })).ok).toBe(true);
    const twice = await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    expect(twice.ok ? '' : twice.error.message).toContain('已经报过名');
    const pair = await signUp(db, { activityId: id, userId: b, companion: true, now: NOW });
    expect(pair.ok ? '' : pair.error.message).toContain('同行家属');
    const late = await signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 47 * HOUR });
    expect(late.ok ? '' : late.error.message).toContain('截止');
    const forged = await signUp(db, { activityId: 999_999, userId: b, companion: false, now: NOW });
    expect(forged.ok ? '' : forged.error.message).toContain('没有找到');
    await db.update(activities).set({ status: 'moved' }).where(eq(activities.id, id));
    const movedFull = await signUp(db, { activityId: id, userId: b, companion: false, now: NOW });
    expect(movedFull.ok ? '' : movedFull.error.message).toContain('改期');
    await db.update(activities).set({ status: 'cancelled' }).where(eq(activities.id, id));
    const cancelled = await signUp(db, { activityId: id, userId: b, companion: false, now: NOW });
    expect(cancelled.ok ? '' : cancelled.error.message).toContain('取消');
    expect((await roster(db, id)).length).toBe(1);
  });

  it('holds a cancelled seat for 撤销, then gives it to the first waitlisted sign-up that fits, exactly once', async () => {
    const id = await activity({ capacity: 2 });
    const [a, b, pair, single] = [await person(), await person(), await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 1 });
    expect(await signUp(db, { activityId: id, userId: pair, companion: true, now: NOW + 2 })).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
    expect(await signUp(db, { activityId: id, userId: single, companion: false, now: NOW + 3 })).toMatchObject({ ok: true, value: { status: 'waitlisted' } });

    expect((await cancelSignup(db, { activityId: id, userId: a, now: NOW + 10 })).ok).toBe(true);
    // Within the 撤销 time the seat stays held; 撤销 restores it.
    await settleDue(db, NOW + 10 + UNDO_MS - 1);
    expect((await getActivity(db, id))?.seatsFree).toBe(0);
    expect(await undoCancel(db, { activityId: id, userId: a, now: NOW + 20 })).toMatchObject({ ok: true, value: { status: 'confirmed' } });

    // Two cancellations race: each seat is released once, and promotion happens once.
    await Promise.all([cancelSignup(db, { activityId: id, userId: a, now: NOW + 30 }), cancelSignup(db, { activityId: id, userId: b, now: NOW + 31 })]);
    await Promise.all([settleDue(db, NOW + 40 + UNDO_MS), settleDue(db, NOW + 40 + UNDO_MS)]);
    const late = await undoCancel(db, { activityId: id, userId: a, now: NOW + 41 + UNDO_MS });
    expect(late.ok ? '' : late.error.message).toContain('撤销的时间');
    expect((await mySignup(db, id, pair, NOW + 50 + UNDO_MS))?.status).toBe('confirmed');
    expect((await mySignup(db, id, single, NOW + 50 + UNDO_MS))).toMatchObject({ status: 'waitlisted', position: 1 });
    const promoted = (await listMessages(db, pair)).filter((message) => message.kind === 'activity.promoted');
    expect(promoted.length).toBe(1);
    expect(await unreadCount(db, pair)).toBe(1);
    expect(await held(id)).toBe(2);
  });

  it('lets a single behind a waiting pair take one freed seat while the pair keeps its place', async () => {
    const id = await activity({ capacity: 3 });
    const [a, b, pair, single] = [await person(), await person(), await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: true, now: NOW });
    await signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 1 });
    await signUp(db, { activityId: id, userId: pair, companion: true, now: NOW + 2 });
    await signUp(db, { activityId: id, userId: single, companion: false, now: NOW + 3 });
    await cancelSignup(db, { activityId: id, userId: b, now: NOW + 5 });
    await settleDue(db, NOW + 5 + UNDO_MS);
    expect((await mySignup(db, id, single, NOW + 6 + UNDO_MS))?.status).toBe('confirmed');
    expect(await mySignup(db, id, pair, NOW + 6 + UNDO_MS)).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('lets an organiser sign up a guest by name and phone, with clear messages for bad input', async () => {
    const id = await activity({ capacity: 5 });
    const organiser = await person();
    const bad = await signUpGuest(db, { activityId: id, name: '王大爷', phone: '12345', companion: false, by: organiser, source: 'organiser', now: NOW });
    expect(bad).toMatchObject({ ok: false, error: { field: 'phone' } });
    expect((await signUpGuest(db, { activityId: id, name: '王大爷', phone: '138 0000 1111', companion: true, by: organiser, source: 'organiser', now: NOW + 47 * HOUR })).ok).toBe(true);
    const again = await signUpGuest(db, { activityId: id, name: '王大爷', phone: '13800001111', companion: false, by: organiser, source: 'organiser', now: NOW });
    expect(again.ok).toBe(false);
    const walkIn = await signUpGuest(db, { activityId: id, name: '李阿姨', phone: '13800002222', companion: false, by: organiser, source: 'walk-in', now: NOW + 48 * HOUR });
    expect(walkIn.ok).toBe(true);
    const list = await roster(db, id);
    expect(list.map((row) => [row.name, row.phone, row.seats, row.checkedInAt !== null])).toEqual([
      ['王大爷', '13800001111', 2, false],
      ['李阿姨', '13800002222', 1, true],
    ]);
  });

  it('lists my activities, and writes the reminder the day before once', async () => {
    const id = await activity({ startsAt: NOW + 26 * HOUR, endsAt: NOW + 28 * HOUR, signupClosesAt: NOW + 25 * HOUR });
    const me = await person();
    await signUp(db, { activityId: id, userId: me, companion: false, now: NOW });
    expect((await mySignups(db, me, NOW)).map((row) => row.activity.id)).toEqual([id]);
    await remindTomorrow(db, me, NOW);
    await remindTomorrow(db, me, NOW + 1);
    const reminders = (await db.select().from(messages).where(eq(messages.userId, me))).filter((message) => message.kind === 'activity.reminder');
    expect(reminders.length).toBe(1);
    expect(reminders[0]?.title).toContain('上甘岭');
  });
});
