import { describe, expect, it } from 'vitest';
import { activityCalendarPath, activityIdFrom, activityPath, agendaGroupOf, groupAgenda, MAX_ACTIVITY_ID, scheduleUrl, sortMySignups } from '../../src/lib/activity-agenda';
import { activityTimeText, companionSeatsText, signedUpText, statusNoticeText, undoText, venueText } from '../../src/lib/activity-wording';
import { beijingWeekStart, nextBeijingMonthStart } from '../../src/lib/beijing-time';
import { MAX_SEATS, UNDO_MINUTES } from '../../src/lib/activity-rules';

/** An instant given in Beijing time (UTC+8), whatever the zone the tests run in. */
const beijing = (year: number, month: number, day: number, hour = 0, minute = 0): number => Date.UTC(year, month - 1, day, hour - 8, minute);

describe('Beijing weeks and months', () => {
  it('start on Monday at Beijing midnight, also late on Sunday evening when it is already Monday in UTC+8 only', () => {
    // 2026-11-30 is a Monday.
    expect(beijingWeekStart(beijing(2026, 11, 30, 0, 0))).toBe(beijing(2026, 11, 30));
    expect(beijingWeekStart(beijing(2026, 12, 6, 23, 59))).toBe(beijing(2026, 11, 30));
    expect(beijingWeekStart(beijing(2026, 11, 29, 23, 59))).toBe(beijing(2026, 11, 23));
    // 00:30 on Monday in Beijing is still Sunday in UTC.
    expect(beijingWeekStart(beijing(2026, 11, 30, 0, 30))).toBe(beijing(2026, 11, 30));
    expect(nextBeijingMonthStart(beijing(2026, 11, 30, 23, 59))).toBe(beijing(2026, 12, 1));
    expect(nextBeijingMonthStart(beijing(2026, 12, 31, 12))).toBe(beijing(2027, 1, 1));
  });
});

describe('the agenda by week', () => {
  it('puts an activity in 本周 up to Sunday 23:59 and in 下周 from Monday 00:00 (Beijing)', () => {
    const now = beijing(2026, 11, 25, 10); // Wednesday
    expect(agendaGroupOf(beijing(2026, 11, 29, 23, 59), now)).toBe('thisWeek');
    expect(agendaGroupOf(beijing(2026, 11, 30, 0, 0), now)).toBe('nextWeek');
    expect(agendaGroupOf(beijing(2026, 12, 6, 23, 59), now)).toBe('nextWeek');
    // Next week runs into December: nothing is left of November, so the rest is 以后.
    expect(agendaGroupOf(beijing(2026, 12, 7, 9), now)).toBe('later');
    // Started this morning and still on: this week.
    expect(agendaGroupOf(beijing(2026, 11, 25, 8), now)).toBe('thisWeek');
  });

  it('keeps 本月 for the rest of the month after next week, and 以后 from the next month', () => {
    const now = beijing(2026, 12, 1, 10); // Tuesday: this week is 11月30日–12月6日
    expect(agendaGroupOf(beijing(2026, 12, 13, 20), now)).toBe('nextWeek');
    expect(agendaGroupOf(beijing(2026, 12, 14, 0), now)).toBe('thisMonth');
    expect(agendaGroupOf(beijing(2026, 12, 31, 23, 59), now)).toBe('thisMonth');
    expect(agendaGroupOf(beijing(2027, 1, 1, 0), now)).toBe('later');
  });

  it('groups in order, leaves out empty groups, and names the days each covers', () => {
    const now = beijing(2026, 12, 1, 10);
    const items = [beijing(2026, 12, 2, 14), beijing(2026, 12, 3, 9), beijing(2026, 12, 20, 9), beijing(2027, 2, 1, 9)].map((startsAt, id) => ({ id, startsAt }));
    const groups = groupAgenda(items, now);
    expect(groups.map((group) => [group.label, group.items.map((item) => item.id)])).toEqual([
      ['本周', [0, 1]],
      ['本月', [2]],
      ['以后', [3]],
    ]);
    expect(groups[0]?.range).toBe('11月30日星期一至12月6日星期日');
    expect(groups[1]?.range).toBe('12月14日星期一至12月31日星期四');
    expect(groups[2]?.range).toBe('1月1日星期五以后');
    expect(groupAgenda([], now)).toEqual([]);
  });
});

describe('my activities', () => {
  const now = beijing(2026, 12, 1, 10);
  const item = (status: 'confirmed' | 'waitlisted' | 'cancelled', endsAt: number, extra: { undoUntil?: number | null } = {}) => ({
    status,
    undoUntil: extra.undoUntil ?? null,
    activity: { endsAt, status: 'scheduled' as const },
  });

  it('sorts into coming, waitlisted and cancelled a moment ago; what is over is in none of them', () => {
    const later = now + 86_400_000;
    const earlier = now - 86_400_000;
    const signups = [
      item('confirmed', earlier - 86_400_000),
      item('confirmed', earlier),
      item('confirmed', earlier),
      item('confirmed', later),
      item('waitlisted', later),
      item('waitlisted', earlier),
      item('cancelled', later, { undoUntil: now + 60_000 }),
      item('cancelled', later, { undoUntil: now - 1 }),
    ];
    const lists = sortMySignups(signups, now);
    expect(lists.coming).toEqual([signups[3]]);
    expect(lists.waitlisted).toEqual([signups[4]]);
    expect(lists.undoable).toEqual([signups[6]]);
  });
});

describe('the wording of the schedule', () => {
  it('writes the time in Beijing time with the weekday, both days when it runs past midnight', () => {
    expect(activityTimeText({ startsAt: beijing(2026, 12, 2, 14), endsAt: beijing(2026, 12, 2, 16, 30) })).toBe('12月2日星期三 14:00–16:30');
    expect(activityTimeText({ startsAt: beijing(2026, 12, 2, 8), endsAt: beijing(2026, 12, 3, 18) })).toBe('12月2日星期三 08:00 至 12月3日星期四 18:00');
  });

  it('confirms a sign-up and a place on the waitlist in words', () => {
    expect(signedUpText({ status: 'confirmed', seats: 2, position: null })).toMatch(/^报名成功（2个座位，含同行家属）/);
    expect(signedUpText({ status: 'waitlisted', seats: 1, position: 3 })).toMatch(/已进入候补，第3位/);
  });

  it('says until when 撤销 works, from UNDO_MINUTES', () => {
    expect(undoText(beijing(2026, 12, 1, 10, 10))).toBe(`已取消报名。如果是点错了，10:10之前（${UNDO_MINUTES}分钟内）可以撤销。`);
  });

  it('gives the reason of a change, and nothing while the activity runs as planned', () => {
    expect(statusNoticeText({ status: 'scheduled', statusReason: '' })).toBeUndefined();
    expect(statusNoticeText({ status: 'cancelled', statusReason: '放映设备故障' })).toBe('已取消。原因：放映设备故障。');
    expect(statusNoticeText({ status: 'moved', statusReason: '' })).toBe('已改期。时间和地点以本页写的为准。');
  });

  it('builds the schedule address with its filters in one order', () => {
    expect(scheduleUrl()).toBe('/screenings/');
    expect(scheduleUrl({ kind: 'visit', filmSlug: 'shangganling', past: 20 })).toBe('/screenings/?kind=visit&film=shangganling&past=20');
  });
});

describe('an activity in the URL', () => {
  it('has one address, the one printed on posters, and its .ics file beside it', () => {
    expect(activityPath(42)).toBe('/screenings/42/');
    expect(activityCalendarPath(42)).toBe('/screenings/42/calendar.ics');
  });

  it('reads back only a positive whole number written plainly, up to MAX_ACTIVITY_ID', () => {
    expect(activityIdFrom('1')).toBe(1);
    expect(activityIdFrom('42')).toBe(42);
    expect(activityIdFrom(String(MAX_ACTIVITY_ID))).toBe(MAX_ACTIVITY_ID);
    for (const param of ['0', '00', '012', '-1', '+1', '1e3', '1.0', '12abc', ' 1', '1 ', '０１', '', String(MAX_ACTIVITY_ID + 1), '9999999999', '123456789012345', undefined, null]) {
      expect(activityIdFrom(param), String(param)).toBeUndefined();
    }
  });
});

describe('the place of an activity', () => {
  it('is written one way: name, room, then the address in brackets, leaving out what is empty', () => {
    expect(venueText({ venueName: '老干部活动中心', venueRoom: '三楼多功能厅', venueAddress: '人民路1号' })).toBe('老干部活动中心 三楼多功能厅（人民路1号）');
    expect(venueText({ venueName: '老干部活动中心', venueRoom: '', venueAddress: '人民路1号' })).toBe('老干部活动中心（人民路1号）');
    expect(venueText({ venueName: '革命纪念馆 ', venueRoom: ' ', venueAddress: '' })).toBe('革命纪念馆');
  });
});

describe('the 同行家属 box', () => {
  it('warns only when fewer seats are left than a pair takes', () => {
    expect(companionSeatsText(1)).toBe(`现在只剩 1 个座位，带家属需要 ${MAX_SEATS} 个座位：带家属报名会先进入候补，一个人来可以直接报上名。`);
    expect(companionSeatsText(0)).toBeUndefined();
    expect(companionSeatsText(MAX_SEATS)).toBeUndefined();
  });
});
