import { describe, expect, it } from 'vitest';
import { lastFour, matchesSearch, rosterSheetRows, seatsLabel, type RosterLine } from '../../src/lib/roster-rows';

const line = (overrides: Partial<RosterLine> = {}): RosterLine => ({
  signupId: 1,
  userId: 7,
  name: '王秀英',
  phone: '13812345678',
  branchName: '第一党支部',
  seats: 1,
  companionName: null,
  status: 'confirmed',
  source: 'self',
  position: null,
  checkedInAt: null,
  ...overrides,
});

describe('the organiser’s roster lines', () => {
  it('finds a person at the door by the last digits of the phone or by part of the name', () => {
    expect(matchesSearch(line(), '5678')).toBe(true);
    expect(matchesSearch(line(), '５６７８')).toBe(true);
    expect(matchesSearch(line(), '1234')).toBe(false);
    expect(matchesSearch(line(), '秀英')).toBe(true);
    expect(matchesSearch(line(), ' 王 秀')).toBe(true);
    expect(matchesSearch(line(), '李')).toBe(false);
    expect(matchesSearch(line(), '')).toBe(true);
  });

  it('prints only the last four digits and names the companion', () => {
    expect(lastFour('13812345678')).toBe('5678');
    expect(seatsLabel(line({ seats: 2, companionName: '李建国' }))).toBe('2 个（含同行家属 李建国）');
    expect(seatsLabel(line())).toBe('1 个');
  });

  it('numbers those coming in order and the waitlist by place in the export', () => {
    const rows = rosterSheetRows([
      line(),
      line({ signupId: 2, userId: null, source: 'walk-in' }),
      line({ signupId: 3, status: 'waitlisted', position: 1 }),
      line({ signupId: 4, status: 'waitlisted', position: 2, seats: 2, companionName: '李建国' }),
    ]);
    expect(rows.map((row) => [row[0], row[1], row[7], row[9]])).toEqual([
      [1, '已报名', '本人报名', '有'],
      [2, '已报名', '现场报名', '无（代为登记）'],
      [1, '候补第1位', '本人报名', '有'],
      // The same words the person sees on the activity's page.
      [2, '候补第2位（2个座位，含同行家属）', '本人报名', '有'],
    ]);
  });
});
