import { z } from './zod';
import { QUESTION_TYPES } from '../lib/question-rules';

/** Checkboxes arrive as repeated fields: a plain array, see roleList in admin.ts. */
const indexList = z.array(z.coerce.number().int()).max(8);

/**
 * One answer as a question form sends it (practice and contests alike). Which fields count depends
 * on the question's own type, checked on the server against the stored question, never trusted
 * from `type`.
 */
export const answerFields = {
  type: z.enum(QUESTION_TYPES, { error: '题型不正确。' }),
  /** 单选: the chosen option's index (as shown). */
  option: z.coerce.number().int().nullish(),
  /** 多选: the chosen options' indexes (as shown). */
  options: indexList,
  /** 判断: 'true' or 'false'. */
  value: z.enum(['true', 'false']).nullish(),
  /** 填空. */
  text: z.string().max(200, '答案太长了。').nullish(),
};

type AnswerInput = z.infer<z.ZodObject<typeof answerFields>>;

/** Nothing picked on a one-choice question: ask again rather than store an empty answer. */
export function nothingChosen(input: AnswerInput): boolean {
  return (input.type === 'single' && (input.option ?? null) === null) || (input.type === 'truefalse' && !input.value);
}

/** The form's fields as the raw response validateResponse checks against the question. */
export function rawResponse(input: AnswerInput): unknown {
  switch (input.type) {
    case 'single':
      return { type: 'single', option: input.option ?? -1 };
    case 'multiple':
      return { type: 'multiple', options: input.options };
    case 'truefalse':
      return { type: 'truefalse', value: input.value === undefined || input.value === null ? null : input.value === 'true' };
    case 'fill':
      return { type: 'fill', text: input.text ?? '' };
  }
}

