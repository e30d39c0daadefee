import { z } from './zod';
import { answerFields } from './answer';

/** One practice answer as the form sends it: the question's version and the answer fields. */
export const practiceAnswerSchema = z.object({
  versionId: z.coerce.number({ error: '题目编号不正确。' }).int().positive('题目编号不正确。'),
  ...answerFields,
});

/** A lesson quiz's address: /practice/quiz/?tag=红船精神&from=/courses/…/ (or ?ids=3,5,8). */
export const lessonQuizSchema = z.object({
  tag: z.string().trim().min(1).max(20).optional().catch(undefined),
  ids: z
    .string()
    .transform((value) => value.split(',').map(Number).filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 20))
    .optional()
    .catch(undefined),
  from: z.string().max(300).optional().catch(undefined),
  again: z.coerce.number().int().positive().optional().catch(undefined),
});
