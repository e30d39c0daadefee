import type { ActionAPIContext } from 'astro:actions';
import { z } from '../schemas/zod';
import { disableSchema, enableTotpSchema, recoverySchema, regenerateSchema, verifyTotpSchema } from '../schemas/two-factor';
import { getDb } from '../lib/server/db';
import { invalidateSession, rotateVerifiedSession, sessionExpiresAt, sessionPolicy, type Session } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';
import { disableTotp, enableTotp, regenerateRecoveryCodes, useRecoveryCode, verifyTotp } from '../lib/server/two-factor';
import { TWO_FACTOR_REQUIRED_ROLES } from '../lib/sign-in-state';
import { pathAfterSignIn } from '../lib/first-pages';
import { getUser, type User } from '../lib/server/users';
import type { Db } from '../lib/server/db';
import { formAction, guardedAction } from '../lib/server/guarded-action';
import { fail, ok, UserFacingError } from '../lib/result';

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

/**
 * After the second step: a new token replaces the one given with the password (session fixation),
 * and the cookie carries it with the person's own session lifetime.
 */
async function rotate(context: ActionAPIContext, db: Db, session: Session): Promise<void> {
  const fresh = await rotateVerifiedSession(db, session);
  const user = await getUser(db, session.userId);
  setSessionCookie(context.cookies, fresh.token, sessionExpiresAt(fresh.session, sessionPolicy(user?.roles ?? [])));
}

export const twoFactor = {
  /** The second sign-in step, with the code from the authenticator app. */
  verify: formAction('second-step', {
    input: verifyTotpSchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const db = await getDb();
      const result = await verifyTotp(db, { userId: user.id, sessionId: session.id, code: input.code });
      if (!result.ok) return fail(result.error.message, 'code');
      await rotate(context, db, session);
      return ok({ next: pathAfterSignIn(user, input.next) });
    },
  }),

  /** The second sign-in step with a recovery code, when the phone is lost or left at home. */
  recover: formAction('second-step', {
    input: recoverySchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const db = await getDb();
      const result = await useRecoveryCode(db, { userId: user.id, sessionId: session.id, code: input.recoveryCode });
      if (!result.ok) return fail(result.error.message, 'recoveryCode');
      await rotate(context, db, session);
      return result;
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
      const db = await getDb();
      const result = await enableTotp(db, { userId: user.id, sessionId: session.id, key: input.key, code: input.code, currentCode: input.currentCode });
      if (!result.ok) return fail(result.error.message, result.error.field ?? 'code');
      await rotate(context, db, session);
      return ok({ recoveryCodes: result.value.recoveryCodes, next: input.next });
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
