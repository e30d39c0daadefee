import { activities } from '../../db/schema';
import { withDb } from './contest-fixtures';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

let counter = 0;

/** A title no other test uses, so a shared schedule can be searched for it. */
export function uniqueTitle(base: string): string {
  counter += 1;
  return `${base}${process.pid % 1000}-${counter}-${Date.now() % 100_000}`;
}

/**
 * An activity in the browser tests' database, inserted the way the organisers' module would store
 * it; by default a screening in two days with 20 seats and companions allowed. Returns its id.
 */
export async function seedActivity(overrides: Partial<typeof activities.$inferInsert> = {}): Promise<number> {
  const now = Date.now();
  const startsAt = overrides.startsAt ?? now + 2 * DAY;
  return withDb(async (db) => {
    const rows = await db
      .insert(activities)
      .values({
        kind: 'film',
        title: uniqueTitle('红色观影'),
        filmSlug: 'shangganling',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        venueName: '老干部活动中心',
        venueAddress: '人民路1号',
        venueRoom: '三楼多功能厅',
        capacity: 20,
        talkTopic: '伟大抗美援朝精神',
        talkSpeaker: '王老师',
        notes: '请带好老花镜。\n散场后请从东门离开。',
        signupClosesAt: startsAt - 2 * HOUR,
        companionsAllowed: true,
        createdAt: now,
        updatedAt: now,
        ...overrides,
      })
      .returning({ id: activities.id });
    return (rows[0] as { id: number }).id;
  });
}
