import { practiceAnswerSchema } from '../schemas/practice';
import { nothingChosen, rawResponse } from '../schemas/answer';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { fail } from '../lib/result';
import { answerPractice } from '../lib/server/practice';

export const practice = {
  /** Judges one practice answer and keeps it (for the 错题本). */
  answer: guardedAction('practice.answer', {
    input: practiceAnswerSchema,
    handler: async (input, _context, user) => {
      if (nothingChosen(input)) return fail('请先选一个答案，再点“提交答案”。', 'answer');
      const raw = rawResponse(input);
      const result = await answerPractice(await getDb(), { userId: user.id, versionId: input.versionId, raw });
      return result.ok ? result : fail(result.error.message, 'answer');
    },
  }),
};
