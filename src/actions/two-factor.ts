import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from '../schemas/zod';
import { disableSchema, enableTotpSchema, recoverySchema, regenerateSchema, verifyTotpSchema } from '../schemas/two-factor';
import { getDb } from '../lib/server/db';
import { invalidateSession } from '../lib/server/session';
import { deleteSessionCookie } from '../lib/server/session-cookie';
import { disableTotp, enableTotp, regenerateRecoveryCodes, useRecoveryCode, verifyTotp } from '../lib/server/two-factor';
import { TWO_FACTOR_REQUIRED_ROLES } from '../lib/sign-in-state';
import type { Session } from '../lib/server/session';
import type { User } from '../lib/server/users';

/** The person between the password and the authenticator code. */
function pending(context: ActionAPIContext): { user: User; session: Session } {
  const step = context.locals.pendingSecondStep;
  if (!step) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先用手机号和密码登录。' });
  return step;
}

function signedIn(context: ActionAPIContext): { user: User; session: Session } {
  const { user, session } = context.locals;
  if (!user || !session) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
  return { user, session };
}

export const twoFactor = {
  /** The second sign-in step, with the code from the authenticator app. */
  verify: defineAction({
    accept: 'form',
    input: verifyTotpSchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const result = await verifyTotp(await getDb(), { userId: user.id, sessionId: session.id, code: input.code });
      return result.ok ? { ok: true as const, next: input.next } : { ok: false as const, errors: { code: result.message } };
    },
  }),

  /** The second sign-in step with a recovery code, when the phone is lost or left at home. */
  recover: defineAction({
    accept: 'form',
    input: recoverySchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const result = await useRecoveryCode(await getDb(), { userId: user.id, sessionId: session.id, code: input.recoveryCode });
      return result.ok ? { ok: true as const, left: result.left } : { ok: false as const, errors: { recoveryCode: result.message } };
    },
  }),

  /** 换个账号: abandons the half-finished sign-in. */
  cancel: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      const { session } = pending(context);
      await invalidateSession(await getDb(), session.id);
      deleteSessionCookie(context.cookies);
      return { ok: true as const };
    },
  }),

  enable: defineAction({
    accept: 'form',
    input: enableTotpSchema,
    handler: async (input, context) => {
      const { user, session } = signedIn(context);
      const result = await enableTotp(await getDb(), { userId: user.id, sessionId: session.id, key: input.key, code: input.code });
      return result.ok ? { ok: true as const, recoveryCodes: result.recoveryCodes, next: input.next } : { ok: false as const, errors: { code: result.message } };
    },
  }),

  regenerateRecoveryCodes: defineAction({
    accept: 'form',
    input: regenerateSchema,
    handler: async (input, context) => {
      const { user } = signedIn(context);
      const result = await regenerateRecoveryCodes(await getDb(), { userId: user.id, code: input.regenerateCode });
      return result.ok ? { ok: true as const, recoveryCodes: result.recoveryCodes } : { ok: false as const, errors: { regenerateCode: result.message } };
    },
  }),

  /** Learners, instructors and organisers may turn it off again; admins may not. */
  disable: defineAction({
    accept: 'form',
    input: disableSchema,
    handler: async (input, context) => {
      const { user } = signedIn(context);
      if (user.roles.some((role) => TWO_FACTOR_REQUIRED_ROLES.includes(role))) {
        return { ok: false as const, errors: { disableCode: '管理员账号必须使用两步验证，不能关闭。换了手机可以在下面重新设置。' } };
      }
      const result = await disableTotp(await getDb(), { userId: user.id, code: input.disableCode });
      return result.ok ? { ok: true as const } : { ok: false as const, errors: { disableCode: result.message } };
    },
  }),
};
