import { approveReflectionSchema, rejectReflectionSchema, writeReflectionSchema } from '../schemas/reflection';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { ok } from '../lib/result';
import { approveReflection, rejectReflection, writeReflection } from '../lib/server/reflections';
import { REFLECTION_SAVED_MESSAGE, REVIEW_DONE_MESSAGES } from '../lib/reflection-rules';

/** 观后感: learners write after attending; organisers publish or send back with a reason. */
export const reflection = {
  write: guardedAction('activity.join', {
    input: writeReflectionSchema,
    handler: async (input, _context, user) => {
      const written = await writeReflection(await getDb(), { ...input, userId: user.id });
      return written.ok ? ok(REFLECTION_SAVED_MESSAGE) : written;
    },
  }),

  approve: guardedAction('activity.manage', {
    input: approveReflectionSchema,
    handler: async (input, _context, user) => {
      const done = await approveReflection(await getDb(), { id: input.reflectionId, by: user.id });
      return done.ok ? ok(REVIEW_DONE_MESSAGES.approved) : done;
    },
  }),

  reject: guardedAction('activity.manage', {
    input: rejectReflectionSchema,
    handler: async (input, _context, user) => {
      const done = await rejectReflection(await getDb(), { id: input.reflectionId, by: user.id, reason: input.reason });
      return done.ok ? ok(REVIEW_DONE_MESSAGES.rejected) : done;
    },
  }),
};
