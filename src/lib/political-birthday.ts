/**
 * 政治生日: the day a member joined the Party, which branches keep as the member's "political
 * birthday" (with 重温入党誓词). The member records it in /account/ if they wish; on that day of
 * each year (Beijing calendar) the home page and 我的学习 greet them. Pure: the clock is passed in.
 */
import { beijingDay } from './beijing-time';
import { fail, ok, type Result } from './result';

/** 中国共产党第一次全国代表大会 opened on 23 July 1921: nobody joined the Party before it. */
export const PARTY_FOUNDED_ON = '1921-07-23';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month, day of a YYYY-MM-DD that names a real calendar day, else null. */
function calendarDay(value: string): { year: number; month: number; day: number } | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The three fields of the form (年, 月, 日), each as typed. */
export interface JoinDateInput {
  year: string;
  month: string;
  day: string;
}

/** Digits typed full-width (１９７５) or with spaces count as the digits they are. */
function digits(value: string): string {
  return value.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

/**
 * The joining date as YYYY-MM-DD, or the Chinese message for the field that is wrong: all three
 * empty clears the date (null); a date that does not exist, lies in the future (Beijing today) or
 * before the Party was founded is refused.
 */
export function parseJoinDate(input: JoinDateInput, now: number): Result<string | null> {
  const [year, month, day] = [digits(input.year), digits(input.month), digits(input.day)];
  if (!year && !month && !day) return ok(null);
  if (!/^\d{4}$/.test(year)) return fail('请填写四位数的年份，例如 1975。', 'year');
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return fail('月份请填 1 到 12 之间的数字。', 'month');
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return fail('日子请填 1 到 31 之间的数字。', 'day');
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!calendarDay(value)) return fail(`${Number(year)}年${Number(month)}月没有${Number(day)}日，请核对入党日期。`, 'day');
  if (value > beijingDay(now)) return fail('入党日期不能晚于今天，请核对。', 'year');
  if (value < PARTY_FOUNDED_ON) return fail('入党日期不能早于中国共产党成立的 1921 年 7 月，请核对。', 'year');
  return ok(value);
}

/**
 * On the anniversary (Beijing calendar) of a joining date: how many years in the Party, else null
 * (also on the joining day itself, and for a date that is not a real day). A member who joined on
 * 29 February is greeted on 28 February in other years.
 */
export function politicalBirthday(joinedOn: string | null, now: number): { years: number } | null {
  if (!joinedOn) return null;
  const joined = calendarDay(joinedOn);
  const today = calendarDay(beijingDay(now));
  if (!joined || !today) return null;
  const years = today.year - joined.year;
  if (years < 1) return null;
  const leapDayMoved = joined.month === 2 && joined.day === 29 && !isLeapYear(today.year);
  const [month, day] = leapDayMoved ? [2, 28] : [joined.month, joined.day];
  return today.month === month && today.day === day ? { years } : null;
}

/** 1975年7月1日 */
export function formatJoinDate(joinedOn: string): string {
  const day = calendarDay(joinedOn);
  return day ? `${day.year}年${day.month}月${day.day}日` : joinedOn;
}

/** The greeting's words, the same on the home page and 我的学习. */
export function birthdayGreeting(years: number): string {
  return `今天是您的政治生日。入党 ${years} 周年，祝您政治生日快乐！`;
}
