import { signUpSchema, ownSignupSchema } from '../schemas/signup';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { cancelSignup, signUp, undoCancel } from '../lib/server/activity-signups';

/** A learner's own 报名: sign up (with a 同行家属), cancel until the cut-off, 撤销 for 10 minutes. */
export const activity = {
  signUp: guardedAction('activity.join', {
    input: signUpSchema,
    handler: async (input, _context, user) =>
      signUp(await getDb(), { activityId: input.activityId, userId: user.id, companion: input.companion, companionName: input.companionName }),
  }),

  cancel: guardedAction('activity.join', {
    input: ownSignupSchema,
    handler: async (input, _context, user) => cancelSignup(await getDb(), { activityId: input.activityId, userId: user.id }),
  }),

  undo: guardedAction('activity.join', {
    input: ownSignupSchema,
    handler: async (input, _context, user) => undoCancel(await getDb(), { activityId: input.activityId, userId: user.id }),
  }),
};
