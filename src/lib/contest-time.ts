/**
 * 知识竞赛 time rules: the window, each attempt's deadline, the grace for late answers and the
 * countdown's announcements. Pure: the time (`now`) comes from the caller.
 */
import { formatDateTime } from './beijing-time';

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

/**
 * Whether a person may start an attempt at `now`, or a Chinese reason why not.
 * `attemptsAllowed` null means no limit on attempts.
 */
export function canStart(window: ContestWindow, now: number, attemptsUsed: number, attemptsAllowed: number | null): true | string {
  if (now < window.opensAt) return `竞赛还没有开始（${formatDateTime(window.opensAt)}开始）。`;
  if (now >= window.closesAt) return `竞赛已经结束了（${formatDateTime(window.closesAt)}结束）。`;
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
