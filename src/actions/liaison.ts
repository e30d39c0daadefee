import { defineAction } from 'astro:actions';
import { createInvitationSchema } from '../schemas/admin';
import { getDb } from '../lib/server/db';
import { actionUser } from '../lib/server/action-guards';
import { createInvitation } from '../lib/server/admin';

/** 支部联络员: invitation codes that register people into the liaison's own 党支部 only. */
export const liaison = {
  createInvitation: defineAction({
    accept: 'form',
    input: createInvitationSchema.omit({ branchId: true }),
    handler: async (input, context) => {
      const actor = actionUser(context, ['liaison'], '只有支部联络员可以这样做。');
      if (actor.branchId === null) return { ok: false as const, errors: { '': '您的账号还没有归入党支部，请管理员在“人员与角色”里设置后再发邀请码。' } };
      const code = await createInvitation(await getDb(), { ...input, branchId: actor.branchId, createdBy: actor.id });
      return { ok: true as const, message: `新的邀请码：${code}`, code };
    },
  }),
};
