import { createInvitationSchema } from '../schemas/admin';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { createInvitation } from '../lib/server/admin';
import { fail, ok } from '../lib/result';

/** 支部联络员: invitation codes that register people into the liaison's own 党支部 only. */
export const liaison = {
  createInvitation: guardedAction('invitation.issueOwnBranch', {
    input: createInvitationSchema.omit({ branchId: true }),
    handler: async (input, _context, actor) => {
      if (actor.branchId === null) return fail('您的账号还没有归入党支部，请管理员在“人员与角色”里设置后再发邀请码。');
      const code = await createInvitation(await getDb(), { ...input, branchId: actor.branchId, createdBy: actor.id });
      return ok({ message: `新的邀请码：${code}`, code });
    },
  }),
};
