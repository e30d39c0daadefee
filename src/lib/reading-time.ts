/**
 * Reading speed for older readers of Chinese, in Han characters a minute. Adult readers average
 * 300–400; we assume a slower, careful pace so the estimate is never discouragingly short.
 */
export const HAN_PER_MINUTE = 200;

const HAN = /\p{Script=Han}/gu;

export function countHan(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

/** The body of an MDX file without its frontmatter. */
export function stripFrontmatter(source: string): string {
  return source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
}

/** Whole minutes, at least one. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(countHan(text) / HAN_PER_MINUTE));
}
