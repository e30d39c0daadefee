/**
 * Beijing time, the one place that knows it: the site's people live in Asia/Shanghai, times are
 * stored as UTC epoch milliseconds, and every day boundary, date and clock shown here is Beijing's,
 * whatever the zone of the server or the browser. China keeps UTC+8 all year (no summer time), so a
 * fixed offset is exact; Intl formats the words.
 */

export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The IANA name of Beijing time (calendar files name it in their TZID). */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';
const TIME_ZONE = BEIJING_TIME_ZONE;

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const fullDateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeOfDayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** 2026年11月26日 */
export function formatDate(date: Date | number): string {
  return dateFormat.format(date);
}

/** 11月26日 14:00 */
export function formatDateTime(time: number): string {
  return dateTimeFormat.format(time);
}

/** 2026年11月26日 14:05: records read long after (the audit log, notices, the personal data export). */
export function formatFullDateTime(time: number): string {
  return fullDateTimeFormat.format(time);
}

/** 14:05 */
export function formatTimeOfDay(time: number): string {
  return timeOfDayFormat.format(time);
}

/** The Beijing calendar day of an instant, as YYYY-MM-DD. */
export function beijingDay(time: number): string {
  return dayFormat.format(time);
}

/** Beijing midnight at the start of `time`'s day. */
export function beijingDayStart(time: number): number {
  return Math.floor((time + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

/** The seven Beijing days ending with `time`'s day, oldest first. */
export function lastSevenDays(time: number): string[] {
  return Array.from({ length: 7 }, (_, index) => beijingDay(time - (6 - index) * DAY_MS));
}

/**
 * A datetime-local field's value (2026-12-01T14:00) read as Beijing time; null when it is not
 * such a value or names a day that does not exist.
 */
export function parseBeijingDateTime(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute) - BEIJING_OFFSET_MS;
  // Date.UTC rolls 2月30日 over into March: refuse dates that do not exist.
  const check = new Date(time + BEIJING_OFFSET_MS);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return time;
}

/** The value a datetime-local field shows for `time`, in Beijing time. */
export function toBeijingDateTimeInput(time: number): string {
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** Beijing midnight starting the Monday of `time`'s week (weeks start on Monday in China). */
export function beijingWeekStart(time: number): number {
  const day = beijingDayStart(time);
  // 1970-01-01 was a Thursday: days since then, shifted so that Monday is 0.
  const weekday = (Math.round((day + BEIJING_OFFSET_MS) / DAY_MS) + 3) % 7;
  return day - weekday * DAY_MS;
}

/** Beijing midnight starting the month after `time`'s month. */
export function nextBeijingMonthStart(time: number): number {
  const local = new Date(time + BEIJING_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - BEIJING_OFFSET_MS;
}

const dayWithWeekdayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, month: 'long', day: 'numeric', weekday: 'long' });

/** 12月3日星期三 */
export function formatDayWithWeekday(time: number): string {
  return dayWithWeekdayFormat.format(time);
}
