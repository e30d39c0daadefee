import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities } from '../../db/schema';
import { cancelSignup, signUp } from '../../src/lib/server/activity-signups';
import { activityFromParam, loadSchedule, nextActivity, parseFilmSlug, parseKind, settleAndRemind } from '../../src/lib/server/schedule';
import { listMessages } from '../../src/lib/server/messages';
import { UNDO_MS } from '../../src/lib/activity-rules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 1, 2, 0); // Tuesday 1 December 2026, 10:00 Beijing time
let fixture: TestDb;
let db: Db;
let phone = 13600000000;

beforeAll(async () => {
  fixture = await freshDb('schedule');
  db = fixture.db;
});
afterAll(() => fixture.close());

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function activity(startsIn: number, overrides: Partial<typeof activities.$inferInsert> = {}): Promise<number> {
  const rows = await db
    .insert(activities)
    .values({
      kind: 'film',
      title: `活动${startsIn}`,
      startsAt: NOW + startsIn,
      endsAt: NOW + startsIn + 2 * HOUR,
      venueName: '老年大学活动中心',
      venueAddress: '人民路1号',
      capacity: 1,
      signupClosesAt: NOW + startsIn - HOUR,
      createdAt: NOW - 30 * DAY,
      updatedAt: NOW - 30 * DAY,
      ...overrides,
    })
    .returning({ id: activities.id });
  return (rows[0] as { id: number }).id;
}

describe('the public schedule', () => {
  it('groups coming activities by Beijing week, lists past ones latest first, filters by kind, and shows the reader their own sign-ups', async () => {
    const thisWeek = await activity(2 * DAY, { kind: 'film', filmSlug: 'the-film' });
    const nextWeek = await activity(8 * DAY, { kind: 'visit' });
    const thisMonth = await activity(20 * DAY, { kind: 'reading' });
    const later = await activity(40 * DAY, { kind: 'film', status: 'cancelled', statusReason: '场地维修' });
    const pastOld = await activity(-10 * DAY, { kind: 'film' });
    const pastNew = await activity(-3 * DAY, { kind: 'film', filmSlug: 'the-film' });
    const reader = await person();
    expect((await signUp(db, { activityId: thisWeek, userId: reader, companion: false, now: NOW })).ok).toBe(true);

    const all = await loadSchedule(db, {}, reader, NOW);
    expect(all.groups.map((group) => [group.label, group.items.map((item) => item.id)])).toEqual([
      ['本周', [thisWeek]],
      ['下周', [nextWeek]],
      ['本月', [thisMonth]],
      ['以后', [later]],
    ]);
    expect(all.past.map((item) => item.id)).toEqual([pastNew, pastOld]);
    expect(all.groups[0]?.items[0]?.seatsFree).toBe(0);
    expect(all.mine.get(thisWeek)?.status).toBe('confirmed');

    const visits = await loadSchedule(db, { kind: 'visit' }, undefined, NOW);
    expect(visits.groups.flatMap((group) => group.items.map((item) => item.id))).toEqual([nextWeek]);
    expect(visits.past).toEqual([]);
    expect(visits.mine.size).toBe(0);

    const film = await loadSchedule(db, { filmSlug: 'the-film' }, undefined, NOW);
    expect(film.groups.flatMap((group) => group.items.map((item) => item.id))).toEqual([thisWeek]);
    expect(film.past.map((item) => item.id)).toEqual([pastNew]);
  });

  it('shows a few past activities and says when there are earlier ones', async () => {
    for (let i = 0; i < 12; i += 1) await activity(-(100 + i) * DAY, { kind: 'other' });
    const first = await loadSchedule(db, { kind: 'other' }, undefined, NOW);
    expect(first.past).toHaveLength(10);
    expect(first.morePast).toBe(true);
    const more = await loadSchedule(db, { kind: 'other', pastShown: 20 }, undefined, NOW);
    expect(more.past).toHaveLength(12);
    expect(more.morePast).toBe(false);
  });

  it('answers an address that names no activity with nothing (the page shows 404)', async () => {
    const id = await activity(3 * DAY);
    expect((await activityFromParam(db, String(id)))?.id).toBe(id);
    for (const param of ['abc', '999999', '0', '-1', '1e3', ' 1', '', undefined]) expect(await activityFromParam(db, param), String(param)).toBeUndefined();
    expect(parseKind('visit')).toBe('visit');
    expect(parseKind('<script>')).toBeUndefined();
    expect(parseFilmSlug('the-film')).toBe('the-film');
    expect(parseFilmSlug('../etc')).toBeUndefined();
  });
});

describe('my next activity', () => {
  it('is the soonest confirmed or waitlisted one that has not ended and is not cancelled', async () => {
    const me = await person();
    const other = await person();
    const cancelledOne = await activity(1 * HOUR + 30 * 60_000, { status: 'cancelled' });
    const running = await activity(-HOUR, { signupClosesAt: NOW - 2 * HOUR });
    const full = await activity(5 * DAY);
    const afterThat = await activity(6 * DAY);
    expect(await nextActivity(db, me, NOW)).toBeUndefined();
    // Signed up before they began (and before the cut-off).
    await signUp(db, { activityId: cancelledOne, userId: me, companion: false, now: NOW - 3 * DAY });
    await signUp(db, { activityId: running, userId: me, companion: false, now: NOW - 3 * DAY });
    await signUp(db, { activityId: full, userId: other, companion: false, now: NOW });
    await signUp(db, { activityId: full, userId: me, companion: false, now: NOW });
    await signUp(db, { activityId: afterThat, userId: me, companion: false, now: NOW });

    // Going on now: still the next one until it ends.
    expect((await nextActivity(db, me, NOW))?.activity.id).toBe(running);
    const afterRunning = NOW + 2 * HOUR;
    const next = await nextActivity(db, me, afterRunning);
    expect(next?.activity.id).toBe(full);
    expect(next?.signup).toMatchObject({ status: 'waitlisted', position: 1 });

    // Leaving the waitlist: the one after takes its place.
    await cancelSignup(db, { activityId: full, userId: me, now: afterRunning });
    expect((await nextActivity(db, me, afterRunning + UNDO_MS + 1))?.activity.id).toBe(afterThat);
  });
});

describe('a visit to the home page, 我的学习 or 我的消息', () => {
  it('gives a seat held past its 撤销 time to the waitlist, and writes tomorrow’s reminder once', async () => {
    const first = await person();
    const waiting = await person();
    const id = await activity(DAY - HOUR); // tomorrow, 09:00 Beijing time
    await signUp(db, { activityId: id, userId: first, companion: false, now: NOW - 2 * HOUR });
    await signUp(db, { activityId: id, userId: waiting, companion: false, now: NOW - 2 * HOUR });
    await cancelSignup(db, { activityId: id, userId: first, now: NOW - UNDO_MS - 1 });
    expect((await nextActivity(db, waiting, NOW))?.signup.status).toBe('waitlisted');

    await settleAndRemind(db, waiting, NOW);
    await settleAndRemind(db, waiting, NOW + 60_000);
    expect((await nextActivity(db, waiting, NOW))?.signup).toMatchObject({ status: 'confirmed', position: null });
    const kinds = (await listMessages(db, waiting)).map((message) => message.kind).sort();
    expect(kinds).toEqual(['activity.promoted', 'activity.reminder']);
  });
});
