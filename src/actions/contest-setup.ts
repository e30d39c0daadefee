import { contestFormSchema, extraTimeSchema } from '../schemas/contest';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { fail } from '../lib/result';
import { createContest, setExtraTime, updateContest } from '../lib/server/contests';

/** Organisers set contests up and adjust them. */
export const contestSetup = {
  save: guardedAction('contest.manage', {
    input: contestFormSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      const { contestId, ...settings } = input;
      return contestId === null ? createContest(db, settings, actor.id) : updateContest(db, contestId, settings);
    },
  }),

  /** Extra time for one person (poor eyesight, a tremor, a slow phone), or none again. */
  extraTime: guardedAction('contest.manage', {
    input: extraTimeSchema,
    handler: async (input) => {
      if (input.change === 'set' && !input.phone) return fail('请填写手机号。', 'phone');
      if (input.change === 'remove' && !input.userId) return fail('没有说明要取消哪位学员的延长时间，请刷新页面再试。');
      let extraMinutes: number | null = null;
      if (input.change === 'set' && input.extra !== 'unlimited') {
        extraMinutes = /^\d{1,4}$/.test(input.extra) ? Number(input.extra) : -1;
        if (extraMinutes < 1 || extraMinutes > 600) return fail('请填写1到600之间的分钟数，或选择“不限时”。', 'extra');
      }
      const person = input.change === 'remove' ? { userId: input.userId ?? 0 } : { phone: input.phone ?? '' };
      const result = await setExtraTime(await getDb(), { contestId: input.contestId, person, extraMinutes, remove: input.change === 'remove' });
      return result.ok ? result : fail(result.error.message, 'phone');
    },
  }),
};
