import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups, messages } from '../../db/schema';
import { getActivity } from '../../src/lib/server/activities';
import { cancelSignup, cancelSignupAsOrganiser, mySignup, roster, settleDue, signUp, signUpGuest, undoCancel } from '../../src/lib/server/activity-signups';
import { remindTomorrow } from '../../src/lib/server/messages';
import { UNDO_MS } from '../../src/lib/activity-rules';
import { signUpSchema, ownSignupSchema } from '../../src/schemas/signup';
import type { Result } from '../../src/lib/result';

/** The rules of 报名 one by one: each refusal in words, and nothing saved by a refused request. */
const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0); // 10:00 Beijing time
const STARTS = NOW + 48 * HOUR;
const CLOSES = STARTS - 2 * HOUR;
let fixture: TestDb;
let db: Db;
let phone = 13400000000;

beforeAll(async () => {
  fixture = await freshDb('activity-rules');
  db = fixture.db;
});
afterAll(() => fixture.close());

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `规则学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function activity(overrides: Partial<typeof activities.$inferInsert> = {}): Promise<number> {
  const rows = await db
    .insert(activities)
    .values({
      kind: 'film',
      title: '焦裕禄',
      filmSlug: 'jiaoyulu',
      startsAt: STARTS,
      endsAt: STARTS + 2 * HOUR,
      venueName: '老年大学活动中心',
      venueAddress: '区老年大学活动中心',
      capacity: 3,
      signupClosesAt: CLOSES,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    })
    .returning({ id: activities.id });
  return (rows[0] as { id: number }).id;
}

/** Everything a refused request must leave as it was. */
async function snapshot(): Promise<string> {
  const signups = await db.select().from(activitySignups).orderBy(activitySignups.id);
  const inbox = await db.select({ n: sql<number>`count(*)` }).from(messages);
  const schedule = await db.select().from(activities).orderBy(activities.id);
  return JSON.stringify({ signups, inbox, schedule });
}

/** The refusal's words; fails the test when the request was accepted. */
function refusal(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.message;
}

async function refusedWithoutChange(request: () => Promise<Result<unknown>>, words: string | RegExp): Promise<void> {
  const before = await snapshot();
  expect(refusal(await request())).toMatch(words);
  expect(await snapshot()).toBe(before);
}

describe('refusals change nothing', () => {
  it('after the cut-off: signing up and cancelling are refused; 撤销 keeps its ten minutes even past it', async () => {
    const id = await activity();
    const [a, b, c] = [await person(), await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: c, companion: false, now: NOW });
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: b, companion: false, now: CLOSES }), /报名已在.*截止/);
    await refusedWithoutChange(() => cancelSignup(db, { activityId: id, userId: a, now: CLOSES + MINUTE }), '报名已经截止');
    // Cancelled a minute before the cut-off: the 撤销 promised on the screen still works after it.
    expect((await cancelSignup(db, { activityId: id, userId: c, now: CLOSES - MINUTE })).ok).toBe(true);
    expect(await undoCancel(db, { activityId: id, userId: c, now: CLOSES + 5 * MINUTE })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  });

  it('a cancelled activity: no sign-up, no cancelling, no 撤销', async () => {
    const id = await activity();
    const [a, b, c] = [await person(), await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: c, companion: false, now: NOW });
    await cancelSignup(db, { activityId: id, userId: c, now: NOW + MINUTE });
    await db.update(activities).set({ status: 'cancelled', statusReason: '放映设备检修' }).where(eq(activities.id, id));
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: b, companion: false, now: NOW + 2 * MINUTE }), '已经取消');
    await refusedWithoutChange(() => cancelSignup(db, { activityId: id, userId: a, now: NOW + 2 * MINUTE }), '已经取消');
    await refusedWithoutChange(() => undoCancel(db, { activityId: id, userId: c, now: NOW + 2 * MINUTE }), '已经取消');
    const organiser = await person();
    await refusedWithoutChange(() => signUpGuest(db, { activityId: id, name: '王大爷', phone: '13800003333', companion: false, by: organiser, source: 'organiser', now: NOW }), '已经取消');
  });

  it('a moved activity: full is refused (no more waitlist), with seats is accepted', async () => {
    const id = await activity({ capacity: 3, status: 'moved', statusReason: '改到下周' });
    const [a, b, pair, d] = [await person(), await person(), await person(), await person()];
    expect(await signUp(db, { activityId: id, userId: a, companion: true, now: NOW })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    // One seat left: a pair does not fit and may not wait.
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: pair, companion: true, now: NOW }), '已经改期，座位已满');
    expect(await signUp(db, { activityId: id, userId: b, companion: false, now: NOW })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: d, companion: false, now: NOW }), '已经改期，座位已满');
  });

  it('a past activity, or one under way', async () => {
    const id = await activity();
    const a = await person();
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: a, companion: false, now: STARTS }), '已经开始或结束');
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: a, companion: false, now: STARTS + 30 * 24 * HOUR }), '已经开始或结束');
    await refusedWithoutChange(() => cancelSignup(db, { activityId: id, userId: a, now: STARTS + HOUR }), /没有报名|截止/);
  });

  it('a forged activity id, in every request', async () => {
    const a = await person();
    for (const forged of [999_999, 0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      await refusedWithoutChange(() => signUp(db, { activityId: forged, userId: a, companion: false, now: NOW }), '没有找到这项活动');
      await refusedWithoutChange(() => cancelSignup(db, { activityId: forged, userId: a, now: NOW }), '没有找到这项活动');
      await refusedWithoutChange(() => undoCancel(db, { activityId: forged, userId: a, now: NOW }), '没有找到这项活动');
    }
    // As posted by a form: anything but a positive whole number is refused in words before the engine runs.
    for (const posted of ['abc', '-3', '2.5', '0', '']) {
      const parsed = signUpSchema.safeParse({ activityId: posted });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain('没有找到这项活动');
    }
  });

  it('signing up for someone else: the form has no field for whom (the action takes the person from the session)', () => {
    // src/actions/activity.ts passes `user.id` of the signed-in person; a forged field is dropped.
    expect(signUpSchema.parse({ activityId: '7', userId: '2', guestPhone: '13800000000', companion: 'on' })).toEqual({ activityId: 7, companion: true, companionName: '' });
    expect(ownSignupSchema.parse({ activityId: '7', userId: '2' })).toEqual({ activityId: 7 });
  });

  it('twice, and with a companion where none may come', async () => {
    const id = await activity({ companionsAllowed: false });
    const a = await person();
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: a, companion: false, now: NOW }), '已经报过名');
    const b = await person();
    await refusedWithoutChange(() => signUp(db, { activityId: id, userId: b, companion: true, now: NOW }), '不能带同行家属');
  });
});

describe('撤销', () => {
  it('is refused after ten minutes, and the seat has gone to the waitlist', async () => {
    const id = await activity({ capacity: 1 });
    const [a, w] = [await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: w, companion: false, now: NOW });
    await cancelSignup(db, { activityId: id, userId: a, now: NOW + MINUTE });
    // Refused; the settling that was due anyway has given the seat to the first in line.
    expect(refusal(await undoCancel(db, { activityId: id, userId: a, now: NOW + MINUTE + UNDO_MS + 1 }))).toContain('撤销的时间（10分钟）已经过了');
    expect(await mySignup(db, id, w, NOW + MINUTE + UNDO_MS + 2)).toMatchObject({ status: 'confirmed' });
    expect(await mySignup(db, id, a, NOW + MINUTE + UNDO_MS + 2)).toMatchObject({ status: 'cancelled', undoUntil: null });
  });

  it('restores the same place on the waitlist, whether by 撤销 or by signing up again', async () => {
    const id = await activity({ capacity: 1 });
    const [a, w1, w2, w3] = [await person(), await person(), await person(), await person()];
    for (const [offset, userId] of [a, w1, w2, w3].entries()) await signUp(db, { activityId: id, userId, companion: false, now: NOW + offset });
    expect(await mySignup(db, id, w2, NOW + 10)).toMatchObject({ status: 'waitlisted', position: 2 });
    await cancelSignup(db, { activityId: id, userId: w2, now: NOW + 10 });
    expect(await mySignup(db, id, w3, NOW + 11)).toMatchObject({ position: 2 });
    expect(await undoCancel(db, { activityId: id, userId: w2, now: NOW + 5 * MINUTE })).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
    expect(await mySignup(db, id, w2, NOW + 5 * MINUTE)).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await mySignup(db, id, w3, NOW + 5 * MINUTE)).toMatchObject({ position: 3 });
    await cancelSignup(db, { activityId: id, userId: w2, now: NOW + 6 * MINUTE });
    expect(await signUp(db, { activityId: id, userId: w2, companion: false, now: NOW + 7 * MINUTE })).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
    expect((await roster(db, id)).filter((row) => row.status === 'waitlisted').map((row) => row.userId)).toEqual([w1, w2, w3]);
  });

  it('of a waitlisted sign-up takes a seat that came free meanwhile, if it is first in line that fits', async () => {
    const id = await activity({ capacity: 1 });
    const [a, w] = [await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: w, companion: false, now: NOW });
    await cancelSignup(db, { activityId: id, userId: a, now: NOW + MINUTE });
    await cancelSignup(db, { activityId: id, userId: w, now: NOW + 5 * MINUTE });
    // a's seat goes back to the pool at NOW + 11 min, with nobody waiting.
    await settleDue(db, NOW + MINUTE + UNDO_MS);
    expect((await getActivity(db, id))?.seatsFree).toBe(1);
    expect(await undoCancel(db, { activityId: id, userId: w, now: NOW + 12 * MINUTE })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect((await getActivity(db, id))?.seatsFree).toBe(0);
    const told = await db.select().from(messages).where(eq(messages.userId, w));
    expect(told.map((message) => message.kind)).toEqual(['activity.promoted']);
  });

  it('signing up again with another number of seats gives back the held seats first', async () => {
    const id = await activity({ capacity: 3 });
    const [pair, single, w] = [await person(), await person(), await person()];
    await signUp(db, { activityId: id, userId: pair, companion: true, now: NOW });
    await signUp(db, { activityId: id, userId: single, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: w, companion: false, now: NOW });
    await cancelSignup(db, { activityId: id, userId: pair, now: NOW + MINUTE });
    // Now alone: one of the two held seats is theirs at once, the other goes to the first in line.
    expect(await signUp(db, { activityId: id, userId: pair, companion: false, now: NOW + 2 * MINUTE })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await mySignup(db, id, w, NOW + 2 * MINUTE)).toMatchObject({ status: 'confirmed' });
    expect((await getActivity(db, id))?.seatsTaken).toBe(3);
    await refusedWithoutChange(() => undoCancel(db, { activityId: id, userId: pair, now: NOW + 3 * MINUTE }), '已经重新报名');
  });
});

describe('organisers', () => {
  it('sign a guest up by name and phone after the cut-off; the guest waits in line when full and is promoted without a message', async () => {
    const id = await activity({ capacity: 1 });
    const [organiser, a] = [await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    const guest = await signUpGuest(db, { activityId: id, name: ' 王  大爷 ', phone: '138-0000-4444', companion: false, by: organiser, source: 'organiser', now: CLOSES + HOUR });
    expect(guest).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
    await refusedWithoutChange(
      () => signUpGuest(db, { activityId: id, name: '王大爷', phone: '13800004444', companion: false, by: organiser, source: 'organiser', now: CLOSES + HOUR }),
      '王 大爷（手机号 13800004444）已经在候补名单上了（第1位）',
    );
    await refusedWithoutChange(() => signUpGuest(db, { activityId: id, name: '  ', phone: '13800005555', companion: false, by: organiser, source: 'organiser', now: NOW }), '姓名');
    // A member signed up by an organiser: no cut-off for them either, and marked as theirs.
    const member = await person();
    expect(await signUp(db, { activityId: id, userId: member, companion: false, by: organiser, now: CLOSES + HOUR })).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
    // The organiser cancels a's place (a rang), and after 撤销's time the guest, first in line, gets it.
    const list = await roster(db, id);
    expect(list.map((row) => [row.name, row.phone, row.status, row.source, row.position])).toEqual([
      [list[0]?.name, list[0]?.phone, 'confirmed', 'self', null],
      ['王 大爷', '13800004444', 'waitlisted', 'organiser', 1],
      [list[2]?.name, list[2]?.phone, 'waitlisted', 'organiser', 2],
    ]);
    expect((await cancelSignupAsOrganiser(db, { activityId: id, signupId: list[0]?.signupId ?? 0, now: CLOSES + HOUR + MINUTE })).ok).toBe(true);
    await settleDue(db, CLOSES + HOUR + MINUTE + UNDO_MS);
    expect((await roster(db, id)).map((row) => [row.name, row.status])).toEqual([
      ['王 大爷', 'confirmed'],
      [list[2]?.name, 'waitlisted'],
    ]);
    const promoted = await db.select().from(messages).where(eq(messages.kind, 'activity.promoted'));
    expect(promoted.filter((message) => message.subject === `activity:${id}`)).toEqual([]);
  });

  it('add a walk-in at the door when every seat is taken: recorded and checked in, no seat taken beyond capacity', async () => {
    const id = await activity({ capacity: 1, status: 'moved' });
    const [organiser, a] = [await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    const walkIn = await signUpGuest(db, { activityId: id, name: '李阿姨', phone: '13800006666', companion: true, by: organiser, source: 'walk-in', now: STARTS + 10 * MINUTE });
    expect(walkIn).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const row = (await roster(db, id)).find((entry) => entry.name === '李阿姨');
    expect(row).toMatchObject({ status: 'confirmed', seats: 2, source: 'walk-in' });
    expect(row?.checkedInAt).toBe(STARTS + 10 * MINUTE);
    expect((await getActivity(db, id))?.seatsTaken).toBe(1);
    await refusedWithoutChange(
      () => signUpGuest(db, { activityId: id, name: '赵大姐', phone: '13800007777', companion: false, by: organiser, source: 'walk-in', now: STARTS + 2 * HOUR }),
      '已经结束',
    );
  });
});

describe('the reminder the day before', () => {
  it('is written once per person and activity, even after the title changes, again when the start moves, never to the waitlist', async () => {
    const starts = Date.UTC(2026, 11, 1, 6, 30); // tomorrow 14:30 Beijing time
    const id = await activity({ capacity: 1, startsAt: starts, endsAt: starts + 2 * HOUR, signupClosesAt: starts - HOUR });
    const [a, w] = [await person(), await person()];
    await signUp(db, { activityId: id, userId: a, companion: false, now: NOW });
    await signUp(db, { activityId: id, userId: w, companion: false, now: NOW });
    const reminders = async (userId: number) =>
      (await db.select().from(messages).where(eq(messages.userId, userId))).filter((message) => message.kind === 'activity.reminder');
    await Promise.all([remindTomorrow(db, a, NOW), remindTomorrow(db, a, NOW + 1), remindTomorrow(db, w, NOW)]);
    await remindTomorrow(db, a, NOW + HOUR);
    expect((await reminders(a)).length).toBe(1);
    expect(await reminders(w)).toEqual([]);
    // The organiser corrects the title (the calendar sequence goes up): no second 明天… the same day.
    await db.update(activities).set({ title: '焦裕禄（修复版）', sequence: 1 }).where(eq(activities.id, id));
    await remindTomorrow(db, a, NOW + 90 * MINUTE);
    expect((await reminders(a)).length).toBe(1);
    // Moved later the same day: a new start, a new reminder (with the new time).
    await db.update(activities).set({ status: 'moved', startsAt: starts + HOUR, endsAt: starts + 3 * HOUR, sequence: 2 }).where(eq(activities.id, id));
    await remindTomorrow(db, a, NOW + 2 * HOUR);
    await remindTomorrow(db, a, NOW + 3 * HOUR);
    const after = await reminders(a);
    expect(after.length).toBe(2);
    expect(after[1]?.body).toContain('15:30');
    expect(after[1]?.body).toContain('老年大学活动中心（区老年大学活动中心）');
    expect(after[1]?.link).toBe(`/screenings/${id}/`);
    // Not the day before: nothing.
    const other = await person();
    const later = await activity({ startsAt: starts + 3 * 24 * HOUR, endsAt: starts + 3 * 24 * HOUR + HOUR, signupClosesAt: starts });
    await signUp(db, { activityId: later, userId: other, companion: false, now: NOW });
    await remindTomorrow(db, other, NOW);
    expect(await reminders(other)).toEqual([]);
  });
});
