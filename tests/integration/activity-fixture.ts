import { activities, activitySignups } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';

type NewActivity = typeof activities.$inferInsert;
type NewSignup = typeof activitySignups.$inferInsert;

const HOUR = 60 * 60 * 1000;

/** An activity row as an organiser would have set it up (written directly: the tests need any state). */
export async function insertActivity(db: Db, overrides: Partial<NewActivity> = {}): Promise<number> {
  const startsAt = overrides.startsAt ?? Date.UTC(2026, 11, 3, 6, 30); // 14:30 Beijing
  const row = (
    await db
      .insert(activities)
      .values({
        kind: 'film',
        title: '红色观影《上甘岭》',
        filmSlug: 'shangganling',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        venueName: '老干部活动中心',
        venueAddress: '人民路1号',
        venueRoom: '三楼报告厅',
        capacity: 40,
        talkTopic: '抗美援朝精神',
        talkSpeaker: '王老师',
        notes: '请带老花镜。',
        signupClosesAt: startsAt - HOUR,
        createdAt: startsAt - 10 * 24 * HOUR,
        updatedAt: startsAt - 2 * 24 * HOUR,
        ...overrides,
      })
      .returning({ id: activities.id })
  )[0];
  if (!row) throw new Error('no activity');
  return row.id;
}

/** A sign-up row in any state (confirmed holds its seats, as the engine would write it). */
export async function insertSignup(db: Db, activityId: number, userId: number, overrides: Partial<NewSignup> = {}): Promise<number> {
  const status = overrides.status ?? 'confirmed';
  const seats = overrides.seats ?? 1;
  const row = (
    await db
      .insert(activitySignups)
      .values({ activityId, userId, seats, status, seatsHeld: status === 'confirmed' ? seats : 0, queuedAt: Date.now(), createdAt: Date.now(), ...overrides })
      .returning({ id: activitySignups.id })
  )[0];
  if (!row) throw new Error('no sign-up');
  return row.id;
}
