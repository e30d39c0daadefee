import { z } from './zod';
import { activityIdField } from './signup';

/** A URL's or hidden field's id: a positive integer, or the form is refused with this message. */
const idField = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

/**
 * 观后感 as the author posts it. Only the shape is checked here: its length and who may write it are
 * the rules of src/lib/server/reflections.ts (src/lib/reflection-rules.ts words them).
 */
export const writeReflectionSchema = z.object({
  activityId: activityIdField,
  /** Plain text; a generous cap on what is read at all (the rule allows 2,000 characters). */
  body: z
    .string()
    .max(20_000, '观后感太长了，请删减一些。')
    .nullish()
    .transform((value) => value ?? ''),
  /** The author agrees to show their display name and 党支部 with it. */
  showName: z
    .literal('on')
    .nullish()
    .transform((value) => value === 'on'),
});

/** An organiser's decision on one reflection in the queue. */
export const approveReflectionSchema = z.object({
  reflectionId: idField('没有说明是哪篇观后感，请刷新页面再试。'),
});

export const rejectReflectionSchema = approveReflectionSchema.extend({
  /** Shown to the author; the rule (required, short) is in reflection-rules.ts. */
  reason: z
    .string()
    .max(2_000, '原因请写短一些。')
    .nullish()
    .transform((value) => value ?? ''),
});
