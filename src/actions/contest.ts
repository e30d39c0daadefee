import { contestAnswerSchema, startAttemptSchema, submitAttemptSchema } from '../schemas/contest';
import { nothingChosen, rawResponse } from '../schemas/answer';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { ok, UserFacingError, type Result } from '../lib/result';
import { saveAnswer, startAttempt, submitAttempt } from '../lib/server/contest-attempts';

/** A refusal people read: the form shows it, a script gets it as JSON with status 400. */
const refuse = (message: string): never => {
  throw new UserFacingError(message, { code: 'BAD_REQUEST' });
};

/** The value, or the refusal above: the contest's scripts read the status, not a result body. */
const orRefuse = <T>(result: Result<T>): Result<T> => (result.ok ? result : refuse(result.error.message));

/** Taking part: start (or resume), save each answer the moment it is chosen, hand in. */
export const contest = {
  start: guardedAction('contest.take', {
    input: startAttemptSchema,
    handler: async (input, _context, user) => orRefuse(await startAttempt(await getDb(), { contestId: input.contestId, userId: user.id, branchId: user.branchId })),
  }),

  /**
   * Saves one answer. Without JavaScript the same form also moves on (`go`); moving on without
   * choosing anything on a one-choice question just moves on.
   */
  answer: guardedAction('contest.take', {
    input: contestAnswerSchema,
    handler: async (input, _context, user) => {
      const go = input.go ?? 'stay';
      if (nothingChosen(input)) return go === 'stay' ? refuse('请先选一个答案。') : ok({ go, saved: false });
      const saved = await saveAnswer(await getDb(), { attemptId: input.attemptId, userId: user.id, position: input.position, raw: rawResponse(input) });
      return saved.ok ? ok({ go, saved: true }) : refuse(saved.error.message);
    },
  }),

  /** 交卷. Twice is harmless: the second answers with the score of the first. */
  submit: guardedAction('contest.take', {
    input: submitAttemptSchema,
    handler: async (input, _context, user) => {
      const submitted = await submitAttempt(await getDb(), { attemptId: input.attemptId, userId: user.id, by: 'person' });
      return submitted.ok ? ok({ submitted: true }) : refuse(submitted.error.message);
    },
  }),
};
