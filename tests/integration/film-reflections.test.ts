import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { activities, branches, reflections } from '../../db/schema';
import { approvedReflections } from '../../src/lib/server/reflections';

/** What a film's page shows of the 观后感 (FilmActivity.astro): approved ones on that film's screenings. */
let t: TestDb;
beforeAll(async () => {
  t = await freshDb('film-reflections');
});
afterAll(() => t.close());

async function screening(filmSlug: string): Promise<number> {
  const now = Date.now();
  const [row] = await t.db
    .insert(activities)
    .values({ kind: 'film', title: '红色观影', filmSlug, startsAt: now - 86_400_000, endsAt: now - 80_000_000, venueName: '活动中心', venueAddress: '幸福路1号', capacity: 20, signupClosesAt: now - 90_000_000, createdAt: now, updatedAt: now })
    .returning({ id: activities.id });
  if (!row) throw new Error('no activity');
  return row.id;
}

describe('approvedReflections', () => {
  it("lists only approved reflections on the film's screenings, with name and 党支部 only when the author agreed", async () => {
    const [branch] = await t.db.insert(branches).values({ name: '第一党支部', createdAt: Date.now() }).returning({ id: branches.id });
    const named = await insertUser(t.db, { phone: '13900000201', displayName: '观影甲', branchId: branch?.id ?? null, passwordHash: null, roles: ['learner'] });
    const quiet = await insertUser(t.db, { phone: '13900000202', displayName: '观影乙', branchId: branch?.id ?? null, passwordHash: null, roles: ['learner'] });
    const film = await screening('shangganling');
    const other = await screening('changjinhu');
    const now = Date.now();
    const base = { createdAt: now, updatedAt: now };
    await t.db.insert(reflections).values([
      { ...base, activityId: film, userId: named, body: '坚守阵地的场面让我想起了老战友。', showName: true, status: 'approved', reviewedAt: now - 1000 },
      { ...base, activityId: film, userId: quiet, body: '《我的祖国》一响起，全场都跟着唱。', showName: false, status: 'approved', reviewedAt: now },
      { ...base, activityId: other, userId: named, body: '另一部电影的观后感，不该出现。', showName: true, status: 'approved', reviewedAt: now },
    ]);
    const pendingFilm = await screening('shangganling');
    await t.db.insert(reflections).values([
      { ...base, activityId: pendingFilm, userId: named, body: '还在等审核的观后感，不该出现。', status: 'pending' },
      { ...base, activityId: pendingFilm, userId: quiet, body: '没通过审核的观后感，不该出现。', status: 'rejected', rejectReason: '内容与影片无关' },
    ]);

    const shown = await approvedReflections(t.db, { filmSlug: 'shangganling' });
    expect(shown.map((reflection) => [reflection.body, reflection.authorName, reflection.branchName])).toEqual([
      ['《我的祖国》一响起，全场都跟着唱。', null, null],
      ['坚守阵地的场面让我想起了老战友。', '观影甲', '第一党支部'],
    ]);
    expect(shown[0]?.approvedAt).toBe(now);
    expect(await approvedReflections(t.db, { filmSlug: 'kaiguodadian' })).toEqual([]);
  });
});
