import { activityHelpSchema, askHelpSchema, claimHelpSchema, closeHelpSchema, handBackHelpSchema } from '../schemas/help-request';
import { z } from '../schemas/zod';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { can } from '../lib/permissions';
import { fail, ok } from '../lib/result';
import { claimRequest, closeRequest, createRequest, handBack, type Actor } from '../lib/server/help-requests';
import { correctRequestHours, deleteActivityHelp, recordActivityHelp, restoreActivityHelp } from '../lib/server/volunteer-hours';
import { parseHours } from '../lib/help-requests';
import type { User } from '../lib/server/users';

/** Admins may hand back and close any request; volunteers only the ones they claimed. */
function actorOf(user: User): Actor {
  return { id: user.id, admin: can(user, 'help.manage') };
}

/** One line of an activity's help: 删除这条记录, or (undo=1) 撤销 that deletion. */
const activityHelpLineSchema = activityHelpSchema.pick({ activityId: true }).extend({
  volunteerId: z.coerce.number({ error: '没有说明是哪条记录，请刷新页面再试。' }).int().positive(),
  undo: z.literal('1').nullish(),
});

/** An admin's correction of a closed request's hours. */
const correctHoursSchema = closeHelpSchema.pick({ requestId: true, hours: true });

/** 智慧助老 help requests (asked by anyone signed in, answered by volunteers) and volunteer hours. */
export const help = {
  ask: guardedAction('help.ask', {
    input: askHelpSchema,
    handler: async (input, _context, user) =>
      createRequest(await getDb(), {
        requesterId: user.id,
        forUserId: input.requesterId,
        topic: input.topic,
        problem: input.problem,
        way: input.way,
        preferredTime: input.preferredTime.trim() || input.preferredSlot,
      }),
  }),

  claim: guardedAction('help.answer', {
    input: claimHelpSchema,
    handler: async (input, _context, user) => {
      const done = await claimRequest(await getDb(), { id: input.requestId, volunteerId: user.id, volunteerName: user.displayName });
      return done.ok ? ok({ id: done.value.id, message: '已经接下。' }) : done;
    },
  }),

  handBack: guardedAction('help.answer', {
    input: handBackHelpSchema,
    handler: async (input, _context, user) => {
      const done = await handBack(await getDb(), { id: input.requestId, actor: actorOf(user), note: input.note });
      return done.ok ? ok('已经交回，这条求助回到了等待接单的队列里。') : done;
    },
  }),

  close: guardedAction('help.answer', {
    input: closeHelpSchema,
    handler: async (input, _context, user) => {
      const hours = parseHours(input.hours);
      if (!hours.ok) return fail(hours.message, 'hours');
      const done = await closeRequest(await getDb(), { id: input.requestId, actor: actorOf(user), answer: input.answer, minutes: hours.minutes });
      return done.ok ? ok('已经关闭，回复已发给求助的人，服务时长已记入霞光时间银行。') : done;
    },
  }),

  recordActivityHours: guardedAction('activity.manage', {
    input: activityHelpSchema,
    handler: async (input, _context, user) => {
      const hours = parseHours(input.hours);
      if (!hours.ok) return fail(hours.message, 'hours');
      return recordActivityHelp(await getDb(), {
        activityId: input.activityId,
        phone: input.volunteerPhone,
        minutes: hours.minutes,
        note: input.helpNote,
        recordedBy: user.id,
        recorderIsAdmin: can(user, 'help.manage'),
      });
    },
  }),

  removeActivityHours: guardedAction('activity.manage', {
    input: activityHelpLineSchema,
    handler: async (input, _context, user) => {
      const line = { activityId: input.activityId, volunteerId: input.volunteerId, actorId: user.id };
      return input.undo ? restoreActivityHelp(await getDb(), line) : deleteActivityHelp(await getDb(), line);
    },
  }),

  correctRequestHours: guardedAction('help.manage', {
    input: correctHoursSchema,
    handler: async (input, _context, user) => {
      const hours = parseHours(input.hours);
      if (!hours.ok) return fail(hours.message, 'hours');
      return correctRequestHours(await getDb(), { requestId: input.requestId, minutes: hours.minutes, actorId: user.id });
    },
  }),
};
