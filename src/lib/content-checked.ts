import { beijingDay } from './beijing-time';

/**
 * The line under a lesson's title that says how current its content is (issue 15): 内容核对于
 * YYYY年M月. An MDX lesson gives the day in its frontmatter (checkedOn). A studio lesson is checked when
 * its version is reviewed and published, so its month is that of the publication of the version shown
 * (the course's updatedAt, Beijing time) — and a studio course exported as a folder carries that day
 * as checkedOn (src/lib/studio-export.ts), so both pages say the same. The author's preview is not
 * published yet and says so.
 */
export function contentDateLine(
  lesson: { origin: 'mdx' | 'studio'; checkedOn: Date | undefined },
  publishedAt: Date,
  preview = false,
): string {
  if (preview) return '预览：尚未发布，发布时记为内容核对日期';
  const day = lesson.origin === 'mdx' && lesson.checkedOn ? lesson.checkedOn : new Date(publishedDay(publishedAt));
  return `内容核对于 ${checkedMonth(day)}`;
}

/** The Beijing calendar day a studio version was published, YYYY-MM-DD: its checkedOn in an exported folder. */
export function publishedDay(publishedAt: Date): string {
  return beijingDay(publishedAt.getTime());
}

/** 2026年11月: a frontmatter date is a calendar day (UTC midnight), read as written. */
export function checkedMonth(day: Date): string {
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月`;
}
