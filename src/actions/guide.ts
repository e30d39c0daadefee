import { formAction } from '../lib/server/guarded-action';
import { getDb } from '../lib/server/db';
import { getGuide } from '../lib/server/help-library';
import { recordFeedback, recordReadFrom } from '../lib/server/guide-stats';
import { countAttempt } from '../lib/server/rate-limit';
import { clientAddress } from '../lib/server/client-address';
import { fail, ok } from '../lib/result';
import { guideFeedbackSchema, guideReadSchema } from '../schemas/guide-feedback';
import type { ActionAPIContext } from 'astro:actions';

/** Answers from one address in 15 minutes before 这篇有帮助吗 asks it to wait (guides are public). */
export const FEEDBACK_IP_LIMIT = 30;
const NO_GUIDE = '没有找到这篇指南。';

async function tooMany(context: ActionAPIContext): Promise<boolean> {
  const db = await getDb();
  return (await countAttempt(db, `guide-feedback:${clientAddress(context)}`)) > FEEDBACK_IP_LIMIT;
}

/** The help guides: 这篇有帮助吗 and the read counter. Both are open to visitors (the guides are public). */
export const guide = {
  feedback: formAction('public', {
    input: guideFeedbackSchema,
    handler: async (input, context) => {
      if (!(await getGuide(input.guideId))) return fail(NO_GUIDE);
      if (await tooMany(context)) return fail('您刚才已经说过很多次了，谢谢！请过一刻钟再来。');
      const userId = context.locals.user?.id ?? null;
      await recordFeedback(await getDb(), { guideId: input.guideId, userId, helpful: input.helpful, comment: input.comment });
      return ok({ helpful: input.helpful });
    },
  }),

  /**
   * Posted once by the guide page's script when it opens (never by a plain GET, so bots that do not
   * run scripts are not counted). Counted once per address and guide in a window
   * (READS_PER_ADDRESS_AND_GUIDE); above that it still answers ok, so a loop learns nothing.
   */
  read: formAction('public', {
    input: guideReadSchema,
    handler: async (input, context) => {
      if (!(await getGuide(input.guideId))) return fail(NO_GUIDE);
      await recordReadFrom(await getDb(), input.guideId, clientAddress(context));
      return ok();
    },
  }),
};
