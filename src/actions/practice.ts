import { defineAction } from 'astro:actions';
import { practiceAnswerSchema } from '../schemas/practice';
import { getDb } from '../lib/server/db';
import { actionUser } from '../lib/server/action-guards';
import { answerPractice } from '../lib/server/practice';

export const practice = {
  /** Judges one practice answer and keeps it (for the 错题本). */
  answer: defineAction({
    accept: 'form',
    input: practiceAnswerSchema,
    handler: async (input, context) => {
      const user = actionUser(context, ['learner', 'instructor', 'organiser', 'admin'], '请先登录。');
      const nothingChosen = (input.type === 'single' && (input.option ?? null) === null) || (input.type === 'truefalse' && !input.value);
      if (nothingChosen) return { ok: false as const, errors: { answer: '请先选一个答案，再点“提交答案”。' } };
      const raw =
        input.type === 'single'
          ? { type: 'single', option: input.option ?? -1 }
          : input.type === 'multiple'
            ? { type: 'multiple', options: input.options }
            : input.type === 'truefalse'
              ? { type: 'truefalse', value: input.value === undefined || input.value === null ? null : input.value === 'true' }
              : { type: 'fill', text: input.text ?? '' };
      const result = await answerPractice(await getDb(), { userId: user.id, versionId: input.versionId, raw });
      return result.ok ? result : { ok: false as const, errors: { answer: result.message } };
    },
  }),
};
