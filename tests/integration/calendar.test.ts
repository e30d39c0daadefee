import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { activities, activitySignups, calendarFeeds } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { insertUser } from '../../src/lib/server/users';
import { activityUid, buildCalendar, eveningBeforeSeconds, feedAddresses } from '../../src/lib/server/calendar';
import { activityForCalendar, feedEntries, feedToken, personalFeed, resetFeedToken, userForToken } from '../../src/lib/server/calendar-feed';
import { cancelSignup, signUp } from '../../src/lib/server/activity-signups';
import { UNDO_MS } from '../../src/lib/activity-rules';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { insertActivity, insertSignup } from './activity-fixture';
import { activityPath } from '../../src/lib/activity-agenda';

let fixture: TestDb;
let db: Db;
let learner: number;
let other: number;
const SITE = new URL('https://xg.example.cn');
const HOUR = 3600_000;

beforeAll(async () => {
  fixture = await freshDb('calendar');
  db = fixture.db;
  learner = await insertUser(db, { phone: '13900000240', displayName: '李秀英', branchId: null, passwordHash: null, roles: [] });
  other = await insertUser(db, { phone: '13900000241', displayName: '张建国', branchId: null, passwordHash: null, roles: [] });
});
afterAll(() => fixture.close());

/** The file parsed back by ical.js, with its VTIMEZONE registered so local times resolve. */
function parse(text: string): { calendar: ICAL.Component; events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

async function activityRow(id: number): Promise<typeof activities.$inferSelect> {
  const row = await activityForCalendar(db, String(id));
  if (!row) throw new Error('missing');
  return row;
}

describe('an activity as an .ics file', () => {
  it('writes Beijing local times with a VTIMEZONE, a stable UID, SEQUENCE and two reminders', async () => {
    const startsAt = Date.UTC(2026, 11, 3, 6, 30); // 14:30 in Beijing
    const id = await insertActivity(db, { startsAt, endsAt: startsAt + 2 * HOUR, sequence: 3 });
    const text = buildCalendar([{ activity: await activityRow(id) }], { siteUrl: SITE, name: '活动' });
    const { calendar, events } = parse(text);

    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    expect(events).toHaveLength(1);
    const vevent = events[0]!;
    const event = new ICAL.Event(vevent);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
    expect([event.startDate.hour, event.startDate.minute, event.endDate.hour]).toEqual([14, 30, 16]);
    expect(event.startDate.toJSDate().getTime()).toBe(startsAt);
    expect(event.endDate.toJSDate().getTime()).toBe(startsAt + 2 * HOUR);
    expect(event.uid).toBe(`activity-${id}@xg.example.cn`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.location).toBe('老干部活动中心 三楼报告厅（人民路1号）');
    expect(event.description).toContain('微党课：抗美援朝精神');
    expect(event.description).toContain('请带老花镜。');
    expect(String(vevent.getFirstPropertyValue('url'))).toBe(`https://xg.example.cn${activityPath(id)}`);
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);

    const alarms = vevent.getAllSubcomponents('valarm');
    expect(alarms.map((alarm) => alarm.getFirstPropertyValue('action'))).toEqual(['DISPLAY', 'DISPLAY']);
    const ringAt = alarms.map((alarm) => startsAt + (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() * 1000);
    // 20:00 Beijing the evening before (12:00 UTC on 2 December), and 12:30 Beijing.
    expect(ringAt).toEqual([Date.UTC(2026, 11, 2, 12, 0), startsAt - 2 * HOUR]);
  });

  it('rings the evening before at 20:00 Beijing time for a morning start too', () => {
    const eight = Date.UTC(2026, 11, 5, 0, 0); // 08:00 Beijing
    expect(eveningBeforeSeconds(eight)).toBe(12 * 3600);
  });

  it('keeps the UID when the activity changes and follows its SEQUENCE; a cancellation is STATUS:CANCELLED without alarms', async () => {
    const id = await insertActivity(db);
    const before = parse(buildCalendar([{ activity: await activityRow(id) }], { siteUrl: SITE, name: '活动' })).events[0]!;
    await db.update(activities).set({ status: 'cancelled', statusReason: '场地维修', sequence: 1, updatedAt: Date.now() }).where(eq(activities.id, id));
    const after = parse(buildCalendar([{ activity: await activityRow(id) }], { siteUrl: SITE, name: '活动' })).events[0]!;
    expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
    expect(after.getFirstPropertyValue('uid')).toBe(activityUid(id, SITE));
    expect([before.getFirstPropertyValue('sequence'), after.getFirstPropertyValue('sequence')]).toEqual([0, 1]);
    expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(after.getFirstPropertyValue('description'))).toContain('场地维修');
    expect(after.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('finds no activity for a forged id', async () => {
    for (const param of ['0', '-1', '1e3', 'abc', '99999999', undefined]) expect(await activityForCalendar(db, param)).toBeUndefined();
  });
});

describe('the personal feed', () => {
  it('holds only the person’s confirmed activities, cancelled ones as CANCELLED', async () => {
    const confirmed = await insertActivity(db, { title: '已报名' });
    const waitlisted = await insertActivity(db, { title: '候补中' });
    const cancelledActivity = await insertActivity(db, { title: '活动取消了', status: 'cancelled', statusReason: '下雨' });
    const withdrawn = await insertActivity(db, { title: '我自己取消了' });
    const someoneElses = await insertActivity(db, { title: '别人的' });
    const past = await insertActivity(db, { title: '很久以前', startsAt: Date.UTC(2025, 0, 1), endsAt: Date.UTC(2025, 0, 1, 2) });
    await insertSignup(db, confirmed, learner, { seats: 2, companionName: '老伴' });
    await insertSignup(db, waitlisted, learner, { status: 'waitlisted' });
    await insertSignup(db, cancelledActivity, learner);
    const now = Date.UTC(2026, 10, 30);
    await insertSignup(db, withdrawn, learner, { status: 'cancelled', cancelledFrom: 'confirmed', cancelledAt: now - HOUR });
    await insertSignup(db, someoneElses, other);
    await insertSignup(db, past, learner);

    const { events } = parse(buildCalendar(await feedEntries(db, learner, now), { siteUrl: SITE, name: '我的活动' }));
    const byTitle = Object.fromEntries(events.map((event) => [String(event.getFirstPropertyValue('summary')), String(event.getFirstPropertyValue('status'))]));
    expect(byTitle).toEqual({ 已报名: 'CONFIRMED', '【已取消】活动取消了': 'CANCELLED', 我自己取消了: 'CANCELLED' });
  });

  it('gives a seat given up STATUS:CANCELLED with a higher SEQUENCE (once 撤销 is over), and a seat taken again one higher still', async () => {
    const id = await insertActivity(db, { title: '取消又报名', sequence: 2 });
    const person = await insertUser(db, { phone: '13900000310', displayName: '王改主意', branchId: null, passwordHash: null, roles: [] });
    const start = Date.UTC(2026, 10, 30, 2);
    const entry = async (now: number): Promise<{ status: string; sequence: unknown; alarms: number }> => {
      const { events } = parse(await personalFeed(db, person, SITE, now));
      const event = events.find((one) => one.getFirstPropertyValue('uid') === activityUid(id, SITE));
      if (!event) throw new Error('not in the feed');
      return { status: String(event.getFirstPropertyValue('status')), sequence: event.getFirstPropertyValue('sequence'), alarms: event.getAllSubcomponents('valarm').length };
    };

    unwrap(await signUp(db, { activityId: id, userId: person, companion: false, now: start }));
    expect(await entry(start)).toEqual({ status: 'CONFIRMED', sequence: 2, alarms: 2 });
    const cancelled = start + HOUR;
    unwrap(await cancelSignup(db, { activityId: id, userId: person, now: cancelled }));
    // 撤销 can still give the seat back: the phone keeps it as it is.
    expect(await entry(cancelled + 60_000)).toEqual({ status: 'CONFIRMED', sequence: 2, alarms: 2 });
    expect(await entry(cancelled + UNDO_MS + 1)).toEqual({ status: 'CANCELLED', sequence: 3, alarms: 0 });

    const again = cancelled + 2 * HOUR;
    unwrap(await signUp(db, { activityId: id, userId: person, companion: false, now: again }));
    expect(await entry(again)).toEqual({ status: 'CONFIRMED', sequence: 4, alarms: 2 });
    unwrap(await cancelSignup(db, { activityId: id, userId: person, now: again + HOUR }));
    expect(await entry(again + HOUR + UNDO_MS + 1)).toEqual({ status: 'CANCELLED', sequence: 5, alarms: 0 });
  });

  it('lists a waitlisted activity once the person is promoted', async () => {
    const id = await insertActivity(db, { title: '候补转正' });
    const signup = await insertSignup(db, id, other, { status: 'waitlisted' });
    expect((await feedEntries(db, other, Date.UTC(2026, 10, 30))).map((e) => e.activity.id)).not.toContain(id);
    await db.update(activitySignups).set({ status: 'confirmed', seatsHeld: 1, promotedAt: Date.now() }).where(eq(activitySignups.id, signup));
    expect((await feedEntries(db, other, Date.UTC(2026, 10, 30))).map((e) => e.activity.id)).toContain(id);
  });
});

describe('the feed token', () => {
  it('is created once, shown again the same, and a reset stops the old address at once', async () => {
    const token = await feedToken(db, learner);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(await feedToken(db, learner)).toBe(token);
    expect(await userForToken(db, token)).toBe(learner);
    // Only a hash and a sealed copy are stored.
    const row = (await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, learner)))[0]!;
    expect(JSON.stringify(row)).not.toContain(token);

    const fresh = await resetFeedToken(db, learner);
    expect(fresh).not.toBe(token);
    expect(await userForToken(db, token)).toBeUndefined();
    expect(await userForToken(db, fresh)).toBe(learner);
    expect(await feedToken(db, learner)).toBe(fresh);
    expect(feedAddresses(fresh, SITE)).toEqual({ webcal: `webcal://xg.example.cn/calendar/${fresh}.ics`, https: `https://xg.example.cn/calendar/${fresh}.ics` });
  });

  it('gives two people different tokens and refuses anything that is not a token', async () => {
    expect(await feedToken(db, other)).not.toBe(await feedToken(db, learner));
    for (const forged of ['', 'abc', 'A'.repeat(32), `${'a'.repeat(31)}1`]) expect(await userForToken(db, forged)).toBeUndefined();
  });
});
