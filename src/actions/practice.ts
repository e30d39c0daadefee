import { defineAction } from 'astro:actions';
import { practiceAnswerSchema } from '../schemas/practice';
import { nothingChosen, rawResponse } from '../schemas/answer';
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
      if (nothingChosen(input)) return { ok: false as const, errors: { answer: '请先选一个答案，再点“提交答案”。' } };
      const raw = rawResponse(input);
      const result = await answerPractice(await getDb(), { userId: user.id, versionId: input.versionId, raw });
      return result.ok ? result : { ok: false as const, errors: { answer: result.message } };
    },
  }),
};
