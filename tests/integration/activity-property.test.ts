import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq, sql } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups, messages } from '../../db/schema';
import { cancelSignup, mySignup, roster, settleDue, signUp, undoCancel } from '../../src/lib/server/activity-signups';

/**
 * Random sequences of 报名, 取消, 撤销 and time passing, checked after every step: seats never
 * above capacity; once settled, no free seat while a waitlisted sign-up that fits is waiting;
 * promotion strictly in order (a sign-up passed over needed more seats than were left); waitlist
 * places 1..k in the order sign-ups were accepted; one 候补成功 message per promotion.
 */
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 30, 2, 0);
const PEOPLE = 5;
let fixture: TestDb;
let db: Db;
let people: number[] = [];

beforeAll(async () => {
  fixture = await freshDb('activity-property');
  db = fixture.db;
  for (let index = 0; index < PEOPLE; index += 1) {
    people.push(await insertUser(db, { phone: `1330000000${index}`, displayName: `随机学员${index}`, branchId: null, passwordHash: null, roles: ['learner'] }));
  }
});
afterAll(() => fixture.close());

type Step =
  | { op: 'signUp'; who: number; companion: boolean }
  | { op: 'cancel'; who: number }
  | { op: 'undo'; who: number }
  | { op: 'wait'; minutes: number };

const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('signUp' as const), who, companion: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cancel' as const), who }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('undo' as const), who }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 0, max: 11 }) }) },
);

type Row = typeof activitySignups.$inferSelect;

async function rowsOf(activityId: number): Promise<Row[]> {
  return db.select().from(activitySignups).where(eq(activitySignups.activityId, activityId)).orderBy(asc(activitySignups.queuedAt), asc(activitySignups.id));
}

async function promotedMessages(activityId: number, userId: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.userId, userId), eq(messages.subject, `activity:${activityId}`), eq(messages.kind, 'activity.promoted')));
  return rows[0]?.n ?? 0;
}

async function check(activityId: number, capacity: number, before: Row[], now: number, label: string): Promise<Row[]> {
  const rows = await rowsOf(activityId);
  const held = rows.reduce((sum, row) => sum + row.seatsHeld, 0);
  const free = capacity - held;
  expect(held, label).toBeLessThanOrEqual(capacity);
  for (const row of rows) {
    if (row.status === 'confirmed') expect(row.seatsHeld, label).toBe(row.seats);
    if (row.status === 'waitlisted') expect(row.seatsHeld, label).toBe(0);
  }
  const waiting = rows.filter((row) => row.status === 'waitlisted');
  // Settled: nothing waiting that would fit the seats left.
  expect(waiting.filter((row) => row.seats <= free).map((row) => row.id), `${label}: a waitlisted sign-up fits ${free} free seat(s)`).toEqual([]);
  // The line is the order of acceptance (row ids), and places are 1..k.
  expect(waiting.map((row) => row.id), label).toEqual([...waiting.map((row) => row.id)].sort((a, b) => a - b));
  const places = (await roster(db, activityId)).filter((row) => row.status === 'waitlisted');
  expect(places.map((row) => [row.signupId, row.position]), label).toEqual(waiting.map((row, index) => [row.id, index + 1]));
  for (const [index, row] of waiting.entries()) expect((await mySignup(db, activityId, row.userId as number, now))?.position, label).toBe(index + 1);

  // In order: everyone passed over (still waiting, ahead of someone promoted in this step) needed
  // more seats than were left when their turn came.
  const was = new Map(before.map((row) => [row.id, row.status]));
  const promoted = rows.filter((row) => was.get(row.id) === 'waitlisted' && row.status === 'confirmed');
  for (const row of promoted) expect(row.promotedAt, label).toBe(now);
  const stillWaiting = rows.filter((row) => was.get(row.id) === 'waitlisted' && row.status === 'waitlisted');
  const order = (row: Row) => rows.indexOf(row);
  for (const passed of stillWaiting) {
    const behind = promoted.filter((row) => order(row) > order(passed));
    if (behind.length === 0) continue;
    const leftAtItsTurn = free + behind.reduce((sum, row) => sum + row.seats, 0);
    expect(passed.seats, `${label}: sign-up ${passed.id} was passed over with ${leftAtItsTurn} seat(s) left`).toBeGreaterThan(leftAtItsTurn);
  }
  // One message per promotion, to the person promoted.
  for (const userId of people) {
    const times = rows.filter((row) => row.userId === userId && row.promotedAt !== null).length;
    expect(await promotedMessages(activityId, userId), label).toBe(times);
  }
  return rows;
}

describe('sign-ups under random sequences of requests', () => {
  it('never exceed capacity, leave no fitting sign-up waiting beside a free seat, and promote in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(step, { minLength: 1, maxLength: 30 }), async (capacity, steps) => {
        const inserted = await db
          .insert(activities)
          .values({
            kind: 'film',
            title: '开国大典',
            filmSlug: 'kaiguodadian',
            startsAt: NOW + 30 * 24 * 60 * MINUTE,
            endsAt: NOW + 30 * 24 * 60 * MINUTE + 150 * MINUTE,
            venueName: '老年大学活动中心',
            venueAddress: '区老年大学活动中心',
            capacity,
            signupClosesAt: NOW + 29 * 24 * 60 * MINUTE,
            createdAt: NOW,
            updatedAt: NOW,
          })
          .returning({ id: activities.id });
        const activityId = (inserted[0] as { id: number }).id;
        let now = NOW;
        let rows: Row[] = [];
        for (const [index, next] of steps.entries()) {
          now += 1000;
          const label = `step ${index + 1} ${JSON.stringify(next)} (capacity ${capacity})`;
          const userId = 'who' in next ? (people[next.who] as number) : 0;
          const live = rows.find((row) => row.userId === userId && row.status !== 'cancelled');
          if (next.op === 'signUp') {
            const result = await signUp(db, { activityId, userId, companion: next.companion, now });
            // Refused only when already signed up.
            expect(result.ok, label).toBe(live === undefined);
          } else if (next.op === 'cancel') {
            const result = await cancelSignup(db, { activityId, userId, now });
            expect(result.ok, label).toBe(live !== undefined);
          } else if (next.op === 'undo') {
            await undoCancel(db, { activityId, userId, now });
          } else {
            now += next.minutes * MINUTE;
            await settleDue(db, now);
          }
          rows = await check(activityId, capacity, rows, now, label);
        }
      }),
      {
        numRuns: 150,
        // Cases found before: a waitlisted sign-up restored by 撤销 after a seat came free; a
        // pair signing up again alone while the pair's two seats were still held.
        examples: [
          [
            1,
            [
              { op: 'signUp', who: 0, companion: false },
              { op: 'signUp', who: 1, companion: false },
              { op: 'cancel', who: 0 },
              { op: 'wait', minutes: 5 },
              { op: 'cancel', who: 1 },
              { op: 'wait', minutes: 6 },
              { op: 'undo', who: 1 },
            ],
          ],
          [
            3,
            [
              { op: 'signUp', who: 0, companion: true },
              { op: 'signUp', who: 1, companion: false },
              { op: 'signUp', who: 2, companion: false },
              { op: 'cancel', who: 0 },
              { op: 'signUp', who: 0, companion: false },
            ],
          ],
        ],
      },
    );
  });
});
