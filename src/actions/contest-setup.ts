import { defineAction, type ActionAPIContext } from 'astro:actions';
import { contestFormSchema, extraTimeSchema } from '../schemas/contest';
import { getDb } from '../lib/server/db';
import type { User } from '../lib/server/users';
import { actionUser } from '../lib/server/action-guards';
import { createContest, setExtraTime, updateContest } from '../lib/server/contests';

const organiser = (context: ActionAPIContext): User => actionUser(context, ['organiser', 'admin'], '只有竞赛组织者和管理员可以设置竞赛。');

/** Organisers set contests up and adjust them. */
export const contestSetup = {
  save: defineAction({
    accept: 'form',
    input: contestFormSchema,
    handler: async (input, context) => {
      const actor = organiser(context);
      const db = await getDb();
      const { contestId, ...settings } = input;
      const saved = contestId === null ? await createContest(db, settings, actor.id) : await updateContest(db, contestId, settings);
      return saved.ok ? { ok: true as const, id: saved.id } : { ok: false as const, errors: { '': saved.problems.join('；') } };
    },
  }),

  /** Extra time for one person (poor eyesight, a tremor, a slow phone), or none again. */
  extraTime: defineAction({
    accept: 'form',
    input: extraTimeSchema,
    handler: async (input, context) => {
      organiser(context);
      if (input.change === 'set' && !input.phone) return { ok: false as const, errors: { phone: '请填写手机号。' } };
      if (input.change === 'remove' && !input.userId) return { ok: false as const, errors: { '': '没有说明要取消哪位学员的延长时间，请刷新页面再试。' } };
      let extraMinutes: number | null = null;
      if (input.change === 'set' && input.extra !== 'unlimited') {
        extraMinutes = /^\d{1,4}$/.test(input.extra) ? Number(input.extra) : -1;
        if (extraMinutes < 1 || extraMinutes > 600) return { ok: false as const, errors: { extra: '请填写1到600之间的分钟数，或选择“不限时”。' } };
      }
      const person = input.change === 'remove' ? { userId: input.userId ?? 0 } : { phone: input.phone ?? '' };
      const result = await setExtraTime(await getDb(), { contestId: input.contestId, person, extraMinutes, remove: input.change === 'remove' });
      return result.ok ? result : { ok: false as const, errors: { phone: result.message } };
    },
  }),
};
