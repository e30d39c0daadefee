import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { contestAnswerSchema, startAttemptSchema, submitAttemptSchema } from '../schemas/contest';
import { nothingChosen, rawResponse } from '../schemas/answer';
import { getDb } from '../lib/server/db';
import type { User } from '../lib/server/users';
import { actionUser } from '../lib/server/action-guards';
import { saveAnswer, startAttempt, submitAttempt } from '../lib/server/contest-attempts';

const ALL_ROLES = ['learner', 'instructor', 'organiser', 'admin'] as const;
const contestant = (context: ActionAPIContext): User => actionUser(context, [...ALL_ROLES], '请先登录。');

/** A refusal people read: the form shows it, a script gets it as JSON with status 400. */
const refuse = (message: string): never => {
  throw new ActionError({ code: 'BAD_REQUEST', message });
};

/** Taking part: start (or resume), save each answer the moment it is chosen, hand in. */
export const contest = {
  start: defineAction({
    accept: 'form',
    input: startAttemptSchema,
    handler: async (input, context) => {
      const user = contestant(context);
      const started = await startAttempt(await getDb(), { contestId: input.contestId, userId: user.id, branchId: user.branchId });
      return started.ok ? { attemptId: started.attemptId, resumed: started.resumed } : refuse(started.message);
    },
  }),

  /**
   * Saves one answer. Without JavaScript the same form also moves on (`go`); moving on without
   * choosing anything on a one-choice question just moves on.
   */
  answer: defineAction({
    accept: 'form',
    input: contestAnswerSchema,
    handler: async (input, context) => {
      const user = contestant(context);
      const go = input.go ?? 'stay';
      if (nothingChosen(input)) return go === 'stay' ? refuse('请先选一个答案。') : { go, saved: false };
      const saved = await saveAnswer(await getDb(), { attemptId: input.attemptId, userId: user.id, position: input.position, raw: rawResponse(input) });
      return saved.ok ? { go, saved: true } : refuse(saved.message);
    },
  }),

  /** 交卷. Twice is harmless: the second answers with the score of the first. */
  submit: defineAction({
    accept: 'form',
    input: submitAttemptSchema,
    handler: async (input, context) => {
      const user = contestant(context);
      const submitted = await submitAttempt(await getDb(), { attemptId: input.attemptId, userId: user.id, by: 'person' });
      return submitted.ok ? { submitted: true } : refuse(submitted.message);
    },
  }),
};
