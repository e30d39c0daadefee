import { describe, expect, it } from 'vitest';
import { birthdayGreeting, formatJoinDate, parseJoinDate, politicalBirthday } from '../../src/lib/political-birthday';
import { PARTY_OATH_PHRASES } from '../../src/lib/party-oath';

/** An instant given in Beijing time. */
const beijing = (dateTime: string): number => Date.parse(`${dateTime}+08:00`);
const now = beijing('2026-11-30T10:00:00');

describe('入党日期 as the member types it', () => {
  it('accepts a real past day, padding the month and day', () => {
    expect(parseJoinDate({ year: '1975', month: '7', day: '1' }, now)).toEqual({ ok: true, value: '1975-07-01' });
    expect(parseJoinDate({ year: '１９８２', month: ' 10 ', day: '０９' }, now)).toEqual({ ok: true, value: '1982-10-09' });
  });

  it('forgets the date when all three fields are empty', () => {
    expect(parseJoinDate({ year: '', month: '', day: '' }, now)).toEqual({ ok: true, value: null });
  });

  it('refuses a day that does not exist, naming it', () => {
    const result = parseJoinDate({ year: '1983', month: '2', day: '29' }, now);
    expect(result).toEqual({ ok: false, error: { message: '1983年2月没有29日，请核对入党日期。', field: 'day' } });
    expect(parseJoinDate({ year: '1984', month: '2', day: '29' }, now).ok).toBe(true);
    expect(parseJoinDate({ year: '1975', month: '13', day: '1' }, now)).toMatchObject({ ok: false, error: { field: 'month' } });
    expect(parseJoinDate({ year: '75', month: '7', day: '1' }, now)).toMatchObject({ ok: false, error: { field: 'year' } });
    expect(parseJoinDate({ year: '1975', month: '7', day: '' }, now)).toMatchObject({ ok: false, error: { field: 'day' } });
  });

  it('refuses a future date and one before the Party was founded', () => {
    expect(parseJoinDate({ year: '2026', month: '12', day: '1' }, now)).toMatchObject({ ok: false, error: { message: '入党日期不能晚于今天，请核对。' } });
    expect(parseJoinDate({ year: '2026', month: '11', day: '30' }, now).ok).toBe(true);
    expect(parseJoinDate({ year: '1921', month: '7', day: '1' }, now)).toMatchObject({ ok: false, error: { field: 'year' } });
  });

  it('judges "today" by the Beijing calendar', () => {
    // 23:30 UTC on 30 November is already 1 December in Beijing.
    const lateUtc = Date.parse('2026-11-30T23:30:00Z');
    expect(parseJoinDate({ year: '2026', month: '12', day: '1' }, lateUtc).ok).toBe(true);
  });
});

describe('政治生日', () => {
  it('greets on the anniversary and not the day before or after', () => {
    expect(politicalBirthday('1975-07-01', beijing('2026-07-01T00:05:00'))).toEqual({ years: 51 });
    expect(politicalBirthday('1975-07-01', beijing('2026-06-30T23:55:00'))).toBeNull();
    expect(politicalBirthday('1975-07-01', beijing('2026-07-02T00:05:00'))).toBeNull();
  });

  it('does not greet on the joining day itself, or without a date', () => {
    expect(politicalBirthday('2026-11-30', now)).toBeNull();
    expect(politicalBirthday(null, now)).toBeNull();
    expect(politicalBirthday('not-a-date', now)).toBeNull();
  });

  it('greets a member who joined on 29 February on the 28th in other years', () => {
    expect(politicalBirthday('1984-02-29', beijing('2027-02-28T09:00:00'))).toEqual({ years: 43 });
    expect(politicalBirthday('1984-02-29', beijing('2028-02-28T09:00:00'))).toBeNull();
    expect(politicalBirthday('1984-02-29', beijing('2028-02-29T09:00:00'))).toEqual({ years: 44 });
  });

  it('words the date and the greeting', () => {
    expect(formatJoinDate('1975-07-01')).toBe('1975年7月1日');
    expect(birthdayGreeting(51)).toBe('今天是您的政治生日。入党 51 周年，祝您政治生日快乐！');
  });
});

describe('入党誓词', () => {
  it('is the Constitution’s words exactly, phrase by phrase', () => {
    expect(PARTY_OATH_PHRASES.join('')).toBe(
      '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。',
    );
  });
});
