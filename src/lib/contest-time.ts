/**
 * 知识竞赛 time rules: the window, each attempt's deadline, the grace for late answers and the
 * countdown's announcements. Pure: the time (`now`) comes from the caller.
 */

export interface ContestWindow {
  opensAt: number;
  closesAt: number;
  /** minutes, null = no limit */
  timeLimitMinutes: number | null;
}

/** Answers this late after the deadline are still accepted (network delay). */
export const GRACE_MS = 15_000;
const MINUTE_MS = 60_000;

/**
 * When an attempt started at `startedAt` must end: the contest's close, or sooner when there is a
 * time limit. `extraMinutes` is extra time an organiser grants a person (eyesight, a slow device);
 * 'unlimited' lifts the limit but never past the close. Negative extra time is treated as none.
 */
export function attemptDeadline(window: ContestWindow, startedAt: number, extraMinutes: number | 'unlimited'): number {
  if (window.timeLimitMinutes === null || extraMinutes === 'unlimited') return window.closesAt;
  const minutes = window.timeLimitMinutes + Math.max(0, extraMinutes);
  return Math.min(startedAt + minutes * MINUTE_MS, window.closesAt);
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 11月26日 14:00, in Beijing time whatever the server's zone. */
export function formatContestTime(time: number): string {
  return timeFormat.format(time);
}

/**
 * Whether a person may start an attempt at `now`, or a Chinese reason why not.
 * `attemptsAllowed` null means no limit on attempts.
 */
export function canStart(window: ContestWindow, now: number, attemptsUsed: number, attemptsAllowed: number | null): true | string {
  if (now < window.opensAt) return `竞赛还没有开始（${formatContestTime(window.opensAt)}开始）。`;
  if (now >= window.closesAt) return `竞赛已经结束了（${formatContestTime(window.closesAt)}结束）。`;
  if (attemptsAllowed !== null && attemptsUsed >= attemptsAllowed) return `您已经答过 ${attemptsUsed} 次，本竞赛每人最多 ${attemptsAllowed} 次。`;
  return true;
}

/** Whether an answer or the hand-in arriving at `now` still counts. */
export function acceptsAnswer(deadline: number, now: number): boolean {
  return now <= deadline + GRACE_MS;
}

/**
 * Whole seconds left for the countdown, never negative. Rounded up, so the clock shows 0 only when
 * time is really up.
 */
export function remainingSeconds(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** Most urgent last: when one reading jumps past several (a sleeping tab), only the latest is said. */
const ANNOUNCEMENTS: ReadonlyArray<{ seconds: number; text: string }> = [
  { seconds: 300, text: '还剩5分钟' },
  { seconds: 60, text: '还剩1分钟' },
  { seconds: 10, text: '还剩10秒' },
];

/**
 * What a screen reader should say between two countdown readings: a mark is crossed when the time
 * left was above it and now is at or below it, so each mark is said once however often the clock ticks.
 */
export function announcement(secondsLeft: number, previousSecondsLeft: number): string | null {
  let text: string | null = null;
  for (const mark of ANNOUNCEMENTS) {
    if (previousSecondsLeft > mark.seconds && secondsLeft <= mark.seconds) text = mark.text;
  }
  return text;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * A datetime-local field's value (2026-12-01T14:00) read as Beijing time, whatever the server's or
 * the browser's zone; null when it is not such a value. China keeps UTC+8 all year.
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

/** 12分05秒 / 1小时3分: time used, for people. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) return `${hours}小时${minutes}分`;
  return `${minutes}分${String(whole % 60).padStart(2, '0')}秒`;
}

/** The countdown's face: 09:05, or 1:02:03 when an hour or more is left. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (value: number): string => String(value).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(whole % 60)}` : `${pad(minutes)}:${pad(whole % 60)}`;
}
