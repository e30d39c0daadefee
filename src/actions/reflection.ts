import { approveReflectionSchema, rejectReflectionSchema, writeReflectionSchema } from '../schemas/reflection';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { ok } from '../lib/result';
import { approveReflection, rejectReflection, writeReflection } from '../lib/server/reflections';

/** 观后感: learners write after attending; organisers publish or send back with a reason. */
export const reflection = {
  write: guardedAction('activity.join', {
    input: writeReflectionSchema,
    handler: async (input, _context, user) => {
      const written = await writeReflection(await getDb(), { ...input, userId: user.id });
      return written.ok ? ok('已经提交，等组织者审核后就会发表。审核结果会发到“我的消息”里。') : written;
    },
  }),

  approve: guardedAction('activity.manage', {
    input: approveReflectionSchema,
    handler: async (input, _context, user) => {
      const done = await approveReflection(await getDb(), { id: input.reflectionId, by: user.id });
      return done.ok ? ok('已发表，作者会在“我的消息”里看到。') : done;
    },
  }),

  reject: guardedAction('activity.manage', {
    input: rejectReflectionSchema,
    handler: async (input, _context, user) => {
      const done = await rejectReflection(await getDb(), { id: input.reflectionId, by: user.id, reason: input.reason });
      return done.ok ? ok('已退回，作者会看到您写的原因。') : done;
    },
  }),
};
