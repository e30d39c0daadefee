/**
 * 跟读 timing: how long the page waits after reading a line, so the person can say it after the
 * voice, and how long a line stays lit when there is no voice (a silent, self-paced exercise: the
 * person reads it and says it again). Pure, so the timing is tested without a browser.
 */

/** Characters a person speaks: Han characters, letters and digits (punctuation is a breath). */
export function spokenLength(text: string): number {
  return [...text.replace(/[\s\p{P}\p{S}]/gu, '')].length;
}

/** About 3 characters a second at 正常 speed for an older reader, plus time to begin. */
const MS_PER_CHARACTER = 330;
const START_MS = 1200;
const MIN_PAUSE_MS = 2000;
const MAX_PAUSE_MS = 20_000;

/** The pause after a line is read, for the person to repeat it; slower speech gives more time. */
export function repeatPauseMs(text: string, rate = 1): number {
  const ms = (START_MS + MS_PER_CHARACTER * spokenLength(text)) / (rate > 0 ? rate : 1);
  return Math.round(Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, ms)));
}

/** Without a voice: the line stays lit long enough to read it once and say it once more. */
export function silentLineMs(text: string, rate = 1): number {
  return 2 * repeatPauseMs(text, rate);
}
