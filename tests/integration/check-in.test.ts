import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups } from '../../db/schema';
import { roster, signUp } from '../../src/lib/server/activity-signups';
import { attendanceByKind, attendedActivities, checkIn, uncheck, walkIn } from '../../src/lib/server/check-in';
import { myStudyRecordCsv } from '../../src/lib/server/my-record';
import { getUser } from '../../src/lib/server/users';
import { unwrap } from '../../src/lib/result';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0);
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
  const rows = await db
    .insert(activities)
    .values({
      kind: 'film',
      title: '上甘岭',
      startsAt: NOW + HOUR,
      endsAt: NOW + 3 * HOUR,
      venueName: '老年大学活动中心',
      venueAddress: '人民路1号',
      capacity: 3,
      signupClosesAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    })
    .returning({ id: activities.id });
  return (rows[0] as { id: number }).id;
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

  it('takes a tick back, and refuses the waitlist and forged ids', async () => {
    const id = await activity({ capacity: 1 });
    const { signupId } = unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    const waiting = unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    unwrap(await checkIn(db, { activityId: id, signupId, by: organiser, now: NOW }));
    unwrap(await uncheck(db, { activityId: id, signupId }));
    expect((await roster(db, id))[0]?.checkedInAt).toBeNull();
    expect(await checkIn(db, { activityId: id, signupId: waiting.signupId, by: organiser, now: NOW })).toMatchObject({ ok: false });
    const other = await activity();
    expect(await checkIn(db, { activityId: other, signupId, by: organiser, now: NOW })).toMatchObject({ ok: false });
    expect(await checkIn(db, { activityId: 999_999, signupId, by: organiser, now: NOW })).toMatchObject({ ok: false });
  });

  it('adds walk-ins as attending: a guest even when full, an account holder on their own record', async () => {
    const id = await activity({ capacity: 1 });
    unwrap(await signUp(db, { activityId: id, userId: await person(), companion: false, now: NOW - HOUR }));
    unwrap(await walkIn(db, { activityId: id, name: '张大爷', phone: '13933334444', companion: false, by: organiser, now: NOW }));
    expect((await roster(db, id)).find((row) => row.name === '张大爷')).toMatchObject({ source: 'walk-in', checkedInAt: NOW, status: 'confirmed' });
    // The account holder whose phone it is, at the same full activity: attending on their own record.
    const member = await person();
    expect(unwrap(await walkIn(db, { activityId: id, name: '', phone: String(phone), companion: false, by: organiser, now: NOW })).name).toBe(`学员${phone % 1000}`);
    expect((await roster(db, id)).find((row) => row.userId === member)).toMatchObject({ source: 'walk-in', checkedInAt: NOW, status: 'confirmed' });
    expect(await attendedActivities(db, member)).toHaveLength(1);
    // Nobody is overbooked: the walk-ins without a seat hold none.
    const seats = await db.select({ held: activitySignups.seatsHeld }).from(activitySignups).where(eq(activitySignups.activityId, id));
    expect(seats.reduce((sum, row) => sum + row.held, 0)).toBe(1);
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
});
