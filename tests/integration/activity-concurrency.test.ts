import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { asc, eq, sql } from 'drizzle-orm';
import { freshDb, type TestDb } from './fixture';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activities, activitySignups, messages } from '../../db/schema';
import { getActivity } from '../../src/lib/server/activities';
import { mySignup, roster, signUp } from '../../src/lib/server/activity-signups';
import { UNDO_MS } from '../../src/lib/activity-rules';
import type { Job, JobResult } from './signup-worker';
import { race as raceWorkers, startWorkers, stopWorkers } from './server-processes';

/**
 * Sign-ups from several PROCESSES at the same moment, as src/cluster.mjs runs the server: each
 * worker opens the same SQLite file and its write transactions wait for the others' on SQLite's
 * own lock (two clients in one process would deadlock instead: serialized-client.ts).
 */
const WORKERS = 4;
const HOUR = 3_600_000;
let fixture: TestDb;
let db: Db;
let workers: ChildProcess[] = [];
let phone = 13600000000;

/** Sends each worker its share at once and waits for every answer: one list of results per worker. */
function race(shares: Job[][]): Promise<JobResult[][]> {
  return raceWorkers<Job, JobResult>(workers, shares);
}

beforeAll(async () => {
  fixture = await freshDb('concurrency');
  db = fixture.db;
  workers = await startWorkers('tests/integration/signup-worker.ts', fixture.url, WORKERS);
});
afterAll(() => {
  stopWorkers(workers);
  fixture.close();
});

async function person(): Promise<number> {
  phone += 1;
  return insertUser(db, { phone: String(phone), displayName: `并发学员${phone % 1000}`, branchId: null, passwordHash: null, roles: ['learner'] });
}

async function activity(capacity: number, startsAt = Date.now() + 48 * HOUR): Promise<number> {
  const rows = await db
    .insert(activities)
    .values({
      kind: 'film',
      title: '长津湖',
      filmSlug: 'changjinhu',
      startsAt,
      endsAt: startsAt + 3 * HOUR,
      venueName: '老年大学活动中心',
      venueAddress: '区老年大学活动中心',
      capacity,
      signupClosesAt: startsAt - 2 * HOUR,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    })
    .returning({ id: activities.id });
  return (rows[0] as { id: number }).id;
}

async function signupsOf(activityId: number) {
  return db.select().from(activitySignups).where(eq(activitySignups.activityId, activityId)).orderBy(asc(activitySignups.id));
}

async function held(activityId: number): Promise<number> {
  const rows = await db.select({ n: sql<number>`coalesce(sum(seats_held), 0)` }).from(activitySignups).where(eq(activitySignups.activityId, activityId));
  return rows[0]?.n ?? 0;
}

async function promotedMessages(activityId: number): Promise<number[]> {
  const rows = await db.select({ userId: messages.userId }).from(messages).where(sql`${messages.subject} = ${`activity:${activityId}`} and ${messages.kind} = 'activity.promoted'`);
  return rows.map((row) => row.userId).sort((a, b) => a - b);
}

/** Deals jobs out to the workers in turn. */
function deal(jobs: Job[]): Job[][] {
  return Array.from({ length: WORKERS }, (_, worker) => jobs.filter((_, index) => index % WORKERS === worker));
}

describe('sign-ups from several server processes at once', () => {
  it('N + 5 simultaneous sign-ups with companions: exactly N seats taken, the rest waitlisted in the order the database accepted them', async () => {
    // Fourteen singles and eleven pairs (36 seats asked for 20): the number of singles has the
    // parity of N, so whatever the order, the last free seat is always taken (first come, first
    // served: a pair that does not fit waits, a single behind it may take the one seat left).
    const N = 20;
    for (let round = 0; round < 3; round += 1) {
      const id = await activity(N);
      const people = await Promise.all(Array.from({ length: N + 5 }, () => person()));
      const pairs = new Set(people.filter((_, index) => index % 9 < 4).slice(0, 11));
      expect(pairs.size).toBe(11);
      const jobs: Job[] = people.map((userId) => ({ op: 'signUp', activityId: id, userId, companion: pairs.has(userId) }));
      const results = (await race(deal(jobs))).flat();

      expect(results.filter((result) => !result.ok)).toEqual([]);
      const rows = await signupsOf(id);
      expect(rows.length).toBe(N + 5);
      const confirmedSeats = rows.filter((row) => row.status === 'confirmed').reduce((sum, row) => sum + row.seats, 0);
      expect(confirmedSeats).toBe(N);
      expect(await held(id)).toBe(N);
      expect((await getActivity(db, id))?.seatsFree).toBe(0);

      // First come, first served, in the order the database accepted them (row ids): replaying
      // that order against the rule gives every row's status.
      let free = N;
      const replay = rows.map((row) => {
        if (row.seats <= free) {
          free -= row.seats;
          return 'confirmed';
        }
        return 'waitlisted';
      });
      expect(rows.map((row) => row.status)).toEqual(replay);
      // What each process was told is what the database holds.
      const told = new Map(results.map((result) => [(result.job as { userId: number }).userId, result.status]));
      expect(rows.map((row) => told.get(row.userId as number))).toEqual(rows.map((row) => row.status));

      // The waitlist: positions 1..k with no gap, in acceptance order.
      const waiting = (await roster(db, id)).filter((row) => row.status === 'waitlisted');
      expect(waiting.length).toBe(rows.filter((row) => row.status === 'waitlisted').length);
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.map((row) => row.position)).toEqual(waiting.map((_, index) => index + 1));
      expect(waiting.map((row) => row.signupId)).toEqual(rows.filter((row) => row.status === 'waitlisted').map((row) => row.id));
      for (const [index, row] of waiting.entries()) {
        expect((await mySignup(db, id, row.userId as number))?.position).toBe(index + 1);
      }
    }
  });

  it('two cancellations racing (and a double-submitted one) free each seat once; settling racing in every process promotes in order, once, one message each', async () => {
    const now = Date.now();
    const id = await activity(4);
    const [a, b, c, d, s1, pair, s2, late] = await Promise.all(Array.from({ length: 8 }, () => person()));
    for (const [offset, userId] of [a, b, c, d, s1].entries()) await signUp(db, { activityId: id, userId: userId as number, companion: false, now: now + offset });
    await signUp(db, { activityId: id, userId: pair as number, companion: true, now: now + 10 });
    await signUp(db, { activityId: id, userId: s2 as number, companion: false, now: now + 11 });
    expect((await roster(db, id)).map((row) => [row.userId, row.status, row.position])).toEqual([
      [a, 'confirmed', null],
      [b, 'confirmed', null],
      [c, 'confirmed', null],
      [d, 'confirmed', null],
      [s1, 'waitlisted', 1],
      [pair, 'waitlisted', 2],
      [s2, 'waitlisted', 3],
    ]);

    const cancelAt = now + 1000;
    const cancels = (
      await race([
        [{ op: 'cancel', activityId: id, userId: a as number, now: cancelAt }],
        [{ op: 'cancel', activityId: id, userId: b as number, now: cancelAt }],
        [{ op: 'cancel', activityId: id, userId: a as number, now: cancelAt }],
        [{ op: 'settleDue', now: cancelAt }],
      ])
    ).flat();
    expect(cancels.filter((result) => result.job.op === 'cancel' && result.ok).map((result) => (result.job as { userId: number }).userId).sort()).toEqual([a, b].sort());
    expect(cancels.filter((result) => !result.ok).map((result) => result.error)).toEqual(['您没有报名这项活动，不用取消。']);
    // Within 撤销 the two seats stay held: nobody is promoted yet.
    expect(await held(id)).toBe(4);
    expect(await promotedMessages(id)).toEqual([]);

    // Ten minutes later every process settles at once, and one signs someone new up meanwhile.
    const due = cancelAt + UNDO_MS + 1;
    const settled = (
      await race([
        [{ op: 'settleDue', now: due }],
        [{ op: 'settleDue', now: due }],
        [{ op: 'settleDue', now: due }, { op: 'settleDue', now: due }],
        [{ op: 'signUp', activityId: id, userId: late as number, companion: false, now: due }],
      ])
    ).flat();
    expect(settled.filter((result) => !result.ok)).toEqual([]);
    // s1 takes one seat; the pair does not fit the one left and keeps its place; s2 takes it.
    expect((await roster(db, id)).map((row) => [row.userId, row.status, row.position])).toEqual([
      [c, 'confirmed', null],
      [d, 'confirmed', null],
      [s1, 'confirmed', null],
      [s2, 'confirmed', null],
      [pair, 'waitlisted', 1],
      [late, 'waitlisted', 2],
    ]);
    expect(await held(id)).toBe(4);
    expect(await promotedMessages(id)).toEqual([s1, s2].sort((x, y) => (x as number) - (y as number)));
    const again = (await race([[{ op: 'settleDue', now: due + 60_000 }], [{ op: 'settleDue', now: due + 60_000 }], [], []])).flat();
    expect(again.every((result) => result.ok)).toBe(true);
    expect(await promotedMessages(id)).toHaveLength(2);

    // One cancellation, then settling and 撤销 racing after the time is up: exactly one promotion.
    const cancelC = due + 120_000;
    expect((await race([[{ op: 'cancel', activityId: id, userId: c as number, now: cancelC }], [], [], []])).flat()[0]?.ok).toBe(true);
    const after = cancelC + UNDO_MS;
    const last = (
      await race([
        [{ op: 'settleDue', now: after }],
        [{ op: 'undo', activityId: id, userId: c as number, now: after }],
        [{ op: 'settleDue', now: after }],
        [{ op: 'settleDue', now: after }],
      ])
    ).flat();
    expect(last.find((result) => result.job.op === 'undo')?.error).toContain('撤销的时间');
    expect((await roster(db, id)).map((row) => [row.userId, row.status, row.position])).toEqual([
      [d, 'confirmed', null],
      [s1, 'confirmed', null],
      [s2, 'confirmed', null],
      [late, 'confirmed', null],
      [pair, 'waitlisted', 1],
    ]);
    expect(await promotedMessages(id)).toHaveLength(3);
  });
});
