/**
 * 观后感 rules, the one place that states them (pure): how long a reflection may be and how long an
 * organiser's reason for not publishing it. Lengths count characters as people see them (a Chinese
 * character is one, whatever its bytes), after trimming the spaces around the text.
 */
import type { ReflectionStatus } from '../../db/schema/activities';

export const REFLECTION_MIN_CHARS = 20;
export const REFLECTION_MAX_CHARS = 2000;
export const REJECT_REASON_MAX_CHARS = 100;

/** Characters, not UTF-16 units or bytes: 𠮷 and 中 are one each. */
export function charCount(text: string): number {
  return [...text.trim()].length;
}

/** What is wrong with a reflection's text, in words for the author, or null. */
export function reflectionBodyProblem(body: string): string | null {
  const length = charCount(body);
  if (length < REFLECTION_MIN_CHARS) return `观后感至少写${REFLECTION_MIN_CHARS}个字，现在是${length}个字。`;
  if (length > REFLECTION_MAX_CHARS) return `观后感最多${REFLECTION_MAX_CHARS}个字，现在是${length}个字，请删减一些。`;
  return null;
}

/** What is wrong with an organiser's reason for not publishing, or null. */
export function rejectReasonProblem(reason: string): string | null {
  const length = charCount(reason);
  if (length === 0) return '请写明没有通过的原因，作者会看到它。';
  if (length > REJECT_REASON_MAX_CHARS) return `原因请写短一些，最多${REJECT_REASON_MAX_CHARS}个字。`;
  return null;
}

export const REFLECTION_STATUS_LABELS: Record<ReflectionStatus, string> = {
  pending: '等待审核',
  approved: '已发表',
  rejected: '没有通过审核',
};

/** What the author is told once the reflection is in the queue. */
export const REFLECTION_SAVED_MESSAGE = '已经提交，等组织者审核后就会发表。审核结果会发到“我的消息”里。';

/** What the organiser is told after deciding. */
export const REVIEW_DONE_MESSAGES = {
  approved: '已发表，作者会在“我的消息”里看到。',
  rejected: '已退回，作者会看到您写的原因。',
} as const;
