/** How often an open, visible lesson reports reading time while the reader is active. */
export const HEARTBEAT_SECONDS = 15;
/** One heartbeat never credits more than this, whatever the gap since the last. */
export const MAX_CREDIT_SECONDS = 2 * HEARTBEAT_SECONDS;
/** After this long without a key, touch, scroll or pointer move, the reader is taken to be away. */
export const IDLE_AFTER_SECONDS = 120;

/**
 * Seconds to credit for a heartbeat at `now`, given when time was last credited to this person
 * (on any tab or device). Never negative, never more than MAX_CREDIT_SECONDS.
 */
export function creditSeconds(lastCreditAt: number | undefined, now: number): number {
  if (lastCreditAt === undefined) return 0;
  return Math.max(0, Math.min(MAX_CREDIT_SECONDS, Math.floor((now - lastCreditAt) / 1000)));
}

/**
 * Where the person's clock stands after crediting `credit` seconds: it moves by exactly what was
 * credited, so fractions of a second are kept for the next heartbeat, except after a long gap
 * (capped credit), when it jumps to now.
 */
export function advanceClock(lastCreditAt: number | undefined, now: number, credit: number): number {
  if (lastCreditAt === undefined || credit >= MAX_CREDIT_SECONDS) return now;
  return Math.max(lastCreditAt, Math.min(now, lastCreditAt + credit * 1000));
}

/**
 * A lesson completes by itself when the reader reached its end and spent a sensible minimum on it:
 * a third of the estimated reading time, and at least one minute.
 */
export function autoCompletes(input: { reachedEnd: boolean; seconds: number; estimatedMinutes: number }): boolean {
  return input.reachedEnd && input.seconds >= autoCompleteSeconds(input.estimatedMinutes);
}

/** The reading time after which a lesson read to its end completes by itself. */
export function autoCompleteSeconds(estimatedMinutes: number): number {
  return Math.max(60, Math.round((estimatedMinutes * 60) / 3));
}

/** The same rule in words, shown at the top of every lesson. */
export function autoCompleteRule(estimatedMinutes: number): string {
  const minutes = Math.ceil(autoCompleteSeconds(estimatedMinutes) / 60);
  return `读到文末、读满 ${minutes} 分钟，会自动记为学完；也可以随时点“我学完了”。`;
}

export function percentComplete(completed: number, total: number): number {
  return total <= 0 ? 0 : Math.round((Math.min(completed, total) / total) * 100);
}

/** 1.5 小时 / 25 分钟: study time for people, not machines. */
export function formatStudyTime(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟`;
  return `${(seconds / 3600).toFixed(1).replace(/\.0$/, '')} 小时`;
}
