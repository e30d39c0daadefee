import { z } from './zod';
import { HELP_WAYS } from '../../db/schema/help';
import { phoneField } from './auth';
import { activityIdField } from './signup';

/**
 * Help requests and volunteer hours as the forms post them. Only the shape is checked here; the
 * rules (lengths, 0–8 hours, who may do what) are src/lib/help-requests.ts and the engine's.
 */

/** Optional text read as '' when absent; a generous cap on what is read at all. */
const text = (max: number, message: string) =>
  z
    .string()
    .max(max, message)
    .nullish()
    .transform((value) => value ?? '');

const requestIdField = z.coerce.number({ error: '没有说明是哪条求助，请刷新页面再试。' }).int('没有说明是哪条求助。').positive('没有说明是哪条求助。');

export const askHelpSchema = z.object({
  /** The account the request is for, when a form names one: the engine allows only oneself. */
  // Absent (null from a form without the field) is no one named; anything unreadable is not oneself.
  requesterId: z
    .preprocess((value) => (value === null || value === '' ? undefined : value), z.coerce.number().int().positive().optional())
    .catch(-1),
  /** A common problem's id, or '' when the person only typed. */
  topic: z
    .string()
    .max(40)
    .nullish()
    .transform((value) => (value ? value : null)),
  problem: text(20_000, '写得太长了，请删减一些。'),
  way: z.enum(HELP_WAYS, { error: '请选择希望怎样帮您：电话回访、到银领之家当面，或者请子女协助。' }),
  preferredTime: text(2_000, '方便的时间写得太长了。'),
  /** A picked slot; the typed words win when both are given. */
  preferredSlot: text(40, ''),
});

export const claimHelpSchema = z.object({ requestId: requestIdField });

export const handBackHelpSchema = claimHelpSchema.extend({ note: text(2_000, '说明写得太长了。') });

export const closeHelpSchema = claimHelpSchema.extend({
  answer: text(20_000, '写得太长了，请删减一些。'),
  /** Hours as typed ("1.5"); parsed by parseHours so the message is the one rule's. */
  hours: text(40, '用时请填0到8小时之间的数。'),
});

export const activityHelpSchema = z.object({
  activityId: activityIdField,
  /** The volunteer's phone (named apart from the page's 帮人报名 form, whose field is `phone`). */
  volunteerPhone: phoneField,
  hours: text(40, '用时请填0到8小时之间的数。'),
  helpNote: text(2_000, '写得太长了，请删减一些。'),
});
