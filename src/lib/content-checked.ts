import { formatDate } from './beijing-time';

/**
 * The line under a lesson's title that says how current its content is (issue 15): an MDX lesson
 * shows the month its facts and sources were checked (frontmatter checkedOn), a studio lesson the day
 * the version shown was published (its course's updatedAt), and the author's preview says it is not
 * published yet.
 */
export function contentDateLine(
  lesson: { origin: 'mdx' | 'studio'; checkedOn: Date | undefined },
  publishedAt: Date,
  preview = false,
): string {
  if (preview) return '预览：尚未发布';
  if (lesson.origin === 'mdx' && lesson.checkedOn) return `内容核对于 ${checkedMonth(lesson.checkedOn)}`;
  return `本课这一版发布于 ${formatDate(publishedAt)}`;
}

/** 2026年11月: a frontmatter date is a calendar day (UTC midnight), read as written. */
export function checkedMonth(day: Date): string {
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月`;
}
