import type { ActionAPIContext } from 'astro:actions';
import { z } from '../schemas/zod';
import { disableSchema, enableTotpSchema, recoverySchema, regenerateSchema, verifyTotpSchema } from '../schemas/two-factor';
import { getDb } from '../lib/server/db';
import { invalidateSession } from '../lib/server/session';
import { deleteSessionCookie } from '../lib/server/session-cookie';
import { disableTotp, enableTotp, regenerateRecoveryCodes, useRecoveryCode, verifyTotp } from '../lib/server/two-factor';
import { TWO_FACTOR_REQUIRED_ROLES } from '../lib/sign-in-state';
import type { Session } from '../lib/server/session';
import { formAction, guardedAction } from '../lib/server/guarded-action';
import { fail, ok, UserFacingError } from '../lib/result';
import type { User } from '../lib/server/users';

/** The person between the password and the authenticator code. */
function pending(context: ActionAPIContext): { user: User; session: Session } {
  const step = context.locals.pendingSecondStep;
  if (!step) throw new UserFacingError('请先用手机号和密码登录。', { code: 'UNAUTHORIZED' });
  return step;
}

/** The session of the signed-in person (the guard has checked there is one). */
function currentSession(context: ActionAPIContext): Session {
  const { session } = context.locals;
  if (!session) throw new UserFacingError('请先登录。', { code: 'UNAUTHORIZED' });
  return session;
}

export const twoFactor = {
  /** The second sign-in step, with the code from the authenticator app. */
  verify: formAction('second-step', {
    input: verifyTotpSchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const result = await verifyTotp(await getDb(), { userId: user.id, sessionId: session.id, code: input.code });
      return result.ok ? ok({ next: input.next }) : fail(result.error.message, 'code');
    },
  }),

  /** The second sign-in step with a recovery code, when the phone is lost or left at home. */
  recover: formAction('second-step', {
    input: recoverySchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const result = await useRecoveryCode(await getDb(), { userId: user.id, sessionId: session.id, code: input.recoveryCode });
      return result.ok ? result : fail(result.error.message, 'recoveryCode');
    },
  }),

  /** 换个账号: abandons the half-finished sign-in. */
  cancel: formAction('second-step', {
    input: z.object({}),
    handler: async (_input, context) => {
      const { session } = pending(context);
      await invalidateSession(await getDb(), session.id);
      deleteSessionCookie(context.cookies);
      return ok();
    },
  }),

  enable: guardedAction('account.self', {
    input: enableTotpSchema,
    handler: async (input, context, user) => {
      const session = currentSession(context);
      const result = await enableTotp(await getDb(), { userId: user.id, sessionId: session.id, key: input.key, code: input.code });
      return result.ok ? ok({ recoveryCodes: result.value.recoveryCodes, next: input.next }) : fail(result.error.message, 'code');
    },
  }),

  regenerateRecoveryCodes: guardedAction('account.self', {
    input: regenerateSchema,
    handler: async (input, _context, user) => {
      const result = await regenerateRecoveryCodes(await getDb(), { userId: user.id, code: input.regenerateCode });
      return result.ok ? result : fail(result.error.message, 'regenerateCode');
    },
  }),

  /** Learners, instructors and organisers may turn it off again; admins may not. */
  disable: guardedAction('account.self', {
    input: disableSchema,
    handler: async (input, _context, user) => {
      if (user.roles.some((role) => TWO_FACTOR_REQUIRED_ROLES.includes(role))) {
        return fail('管理员账号必须使用两步验证，不能关闭。换了手机可以在下面重新设置。', 'disableCode');
      }
      const result = await disableTotp(await getDb(), { userId: user.id, code: input.disableCode });
      return result.ok ? result : fail(result.error.message, 'disableCode');
    },
  }),
};
