import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { activitySignups, branches, messages, reflections } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { signUp } from '../../src/lib/server/activity-signups';
import { listMessages } from '../../src/lib/server/messages';
import {
  approveReflection,
  approvedReflections,
  listQueue,
  myReflections,
  reflectionForm,
  rejectReflection,
  writeReflection,
} from '../../src/lib/server/reflections';
import { unwrap } from '../../src/lib/result';
import { reflectionPath } from '../../src/lib/activity-agenda';
import { freshDb, type TestDb } from './fixture';
import { insertActivity } from './activity-fixture';

let fixture: TestDb;
let db: Db;
let organiser: number;
let attendee: number;
let absentee: number;
let activityId: number;
const TEXT = '看完《上甘岭》，志愿军战士在坑道里坚守的情景让我久久不能平静，我们要把这种精神传下去。';

beforeAll(async () => {
  fixture = await freshDb('reflections');
  db = fixture.db;
  const branch = (await db.insert(branches).values({ name: '第三党支部', createdAt: Date.now() }).returning({ id: branches.id }))[0]!.id;
  organiser = await insertUser(db, { phone: '13900000242', displayName: '组织者', branchId: null, passwordHash: null, roles: ['organiser'] });
  attendee = await insertUser(db, { phone: '13900000243', displayName: '王淑芬', branchId: branch, passwordHash: null, roles: [] });
  absentee = await insertUser(db, { phone: '13900000244', displayName: '赵德明', branchId: null, passwordHash: null, roles: [] });
  const now = Date.now();
  activityId = await insertActivity(db, { startsAt: now + 86_400_000, endsAt: now + 90_000_000, signupClosesAt: now + 80_000_000 });
  unwrap(await signUp(db, { activityId, userId: attendee, companion: false }));
  unwrap(await signUp(db, { activityId, userId: absentee, companion: false }));
  // 签到 at the door (written as the check-in would).
  await db
    .update(activitySignups)
    .set({ checkedInAt: now, checkedInBy: organiser })
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, attendee)));
});
afterAll(() => fixture.close());

describe('writing a reflection', () => {
  it('is refused to someone who signed up but did not attend', async () => {
    const result = await writeReflection(db, { activityId, userId: absentee, body: TEXT, showName: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain('签到');
    expect((await reflectionForm(db, activityId, absentee))?.attended).toBe(false);
    expect(await db.select().from(reflections).where(eq(reflections.userId, absentee))).toHaveLength(0);
  });

  it('is refused for an activity that does not exist', async () => {
    const result = await writeReflection(db, { activityId: 999_999, userId: attendee, body: TEXT, showName: false });
    expect(result.ok).toBe(false);
  });

  it('counts characters, not bytes: 20 to 2,000 after trimming', async () => {
    const tooShort = await writeReflection(db, { activityId, userId: attendee, body: `   ${'好'.repeat(19)}   `, showName: false });
    expect(tooShort).toMatchObject({ ok: false, error: { field: 'body' } });
    expect(!tooShort.ok && tooShort.error.message).toContain('19');
    const tooLong = await writeReflection(db, { activityId, userId: attendee, body: '好'.repeat(2001), showName: false });
    expect(tooLong).toMatchObject({ ok: false, error: { field: 'body' } });
    // 20 characters of four bytes each (outside the BMP) are 20, not 80 or 40.
    const twenty = await writeReflection(db, { activityId, userId: attendee, body: '𠮷'.repeat(20), showName: false });
    expect(twenty.ok).toBe(true);
    const twoThousand = await writeReflection(db, { activityId, userId: attendee, body: '好'.repeat(2000), showName: false });
    expect(twoThousand.ok).toBe(true);
  });

  it('keeps markup as the text it is', async () => {
    const body = '<script>alert(1)</script><b>很受教育</b>，观影后我们支部进行了热烈讨论。';
    unwrap(await writeReflection(db, { activityId, userId: attendee, body, showName: true }));
    expect((await reflectionForm(db, activityId, attendee))?.reflection?.body).toBe(body);
  });
});

describe('review', () => {
  it('rejects with a reason the author sees, a rewrite goes back to the queue, approval publishes with name and branch', async () => {
    unwrap(await writeReflection(db, { activityId, userId: attendee, body: TEXT, showName: true }));
    const queued = (await listQueue(db)).find((item) => item.activityId === activityId);
    expect(queued).toMatchObject({ authorName: '王淑芬', branchName: '第三党支部', body: TEXT });
    const id = queued!.id;

    expect(await rejectReflection(db, { id, by: organiser, reason: '   ' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    expect(await rejectReflection(db, { id, by: organiser, reason: '长'.repeat(101) })).toMatchObject({ ok: false });
    unwrap(await rejectReflection(db, { id, by: organiser, reason: '请写一写您自己的感受。' }));
    const mine = await myReflections(db, attendee);
    expect(mine[0]).toMatchObject({ status: 'rejected', rejectReason: '请写一写您自己的感受' });
    expect(await approvedReflections(db, { activityId })).toEqual([]);
    // Reviewed once: a second decision on the same version is refused.
    expect((await approveReflection(db, { id, by: organiser })).ok).toBe(false);

    const inbox = await listMessages(db, attendee);
    expect(inbox[0]).toMatchObject({ kind: 'reflection.reviewed', link: reflectionPath(activityId) });
    expect(inbox[0]?.body).toContain('请写一写您自己的感受');

    unwrap(await writeReflection(db, { activityId, userId: attendee, body: `${TEXT}我想起了自己年轻时的经历。`, showName: true }));
    expect((await myReflections(db, attendee))[0]).toMatchObject({ status: 'pending', rejectReason: '' });
    unwrap(await approveReflection(db, { id, by: organiser }));

    const published = await approvedReflections(db, { filmSlug: 'shangganling' });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ id, authorName: '王淑芬', branchName: '第三党支部' });
    expect((await listQueue(db)).some((item) => item.id === id)).toBe(false);
    const kinds = (await db.select().from(messages).where(eq(messages.userId, attendee))).map((m) => m.kind);
    expect(kinds.filter((kind) => kind === 'reflection.reviewed')).toHaveLength(2);
    expect((await listMessages(db, attendee))[0]?.title).toContain('已经发表');

    // Published: no more edits.
    const edit = await writeReflection(db, { activityId, userId: attendee, body: TEXT, showName: false });
    expect(edit.ok).toBe(false);
    expect((await approvedReflections(db, { activityId }))[0]?.authorName).toBe('王淑芬');
  });

  it('shows no name or branch when the author did not agree', async () => {
    const other = await insertUser(db, { phone: '13900000245', displayName: '钱桂兰', branchId: null, passwordHash: null, roles: [] });
    const visit = await insertActivity(db, { title: '红色观影《英雄儿女》', filmSlug: 'yingxiong-ernv', startsAt: Date.now() + 86_400_000, endsAt: Date.now() + 90_000_000, signupClosesAt: Date.now() + 80_000_000 });
    unwrap(await signUp(db, { activityId: visit, userId: other, companion: false }));
    await db.update(activitySignups).set({ checkedInAt: Date.now() }).where(eq(activitySignups.userId, other));
    const { id } = unwrap(await writeReflection(db, { activityId: visit, userId: other, body: TEXT, showName: false }));
    unwrap(await approveReflection(db, { id, by: organiser }));
    expect(await approvedReflections(db, { filmSlug: 'yingxiong-ernv' })).toEqual([expect.objectContaining({ id, authorName: null, branchName: null, body: TEXT })]);
  });
});
