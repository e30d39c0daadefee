import { z } from './zod';
import { QUESTION_TYPES } from '../lib/question-rules';

/** Checkboxes arrive as repeated fields; none checked arrives as nothing. */
const indexList = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.coerce.number().int()).max(8),
);

/**
 * One practice answer as the form sends it. Which fields count depends on the question's own type
 * (checked on the server against the stored question, never trusted from `type`).
 */
export const practiceAnswerSchema = z.object({
  versionId: z.coerce.number({ error: '题目编号不正确。' }).int().positive('题目编号不正确。'),
  type: z.enum(QUESTION_TYPES, { error: '题型不正确。' }),
  /** 单选: the chosen option's index. */
  option: z.coerce.number().int().nullish(),
  /** 多选: the chosen options' indexes. */
  options: indexList,
  /** 判断: 'true' or 'false'. */
  value: z.enum(['true', 'false']).nullish(),
  /** 填空. */
  text: z.string().max(200, '答案太长了。').nullish(),
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
