import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from '../schemas/zod';
import { disableSchema, enableTotpSchema, recoverySchema, regenerateSchema, verifyTotpSchema } from '../schemas/two-factor';
import { getDb } from '../lib/server/db';
import { invalidateSession, rotateVerifiedSession, type Session } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';
import { disableTotp, enableTotp, regenerateRecoveryCodes, useRecoveryCode, verifyTotp } from '../lib/server/two-factor';
import { TWO_FACTOR_REQUIRED_ROLES } from '../lib/sign-in-state';
import { getUser, type User } from '../lib/server/users';
import type { Db } from '../lib/server/db';
import { sessionExpiresAt, sessionPolicy } from '../lib/server/session';

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
  verify: defineAction({
    accept: 'form',
    input: verifyTotpSchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const db = await getDb();
      const result = await verifyTotp(db, { userId: user.id, sessionId: session.id, code: input.code });
      if (!result.ok) return { ok: false as const, errors: { code: result.message } };
      await rotate(context, db, session);
      return { ok: true as const, next: input.next };
    },
  }),

  /** The second sign-in step with a recovery code, when the phone is lost or left at home. */
  recover: defineAction({
    accept: 'form',
    input: recoverySchema,
    handler: async (input, context) => {
      const { user, session } = pending(context);
      const db = await getDb();
      const result = await useRecoveryCode(db, { userId: user.id, sessionId: session.id, code: input.recoveryCode });
      if (!result.ok) return { ok: false as const, errors: { recoveryCode: result.message } };
      await rotate(context, db, session);
      return { ok: true as const, left: result.left };
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
      const db = await getDb();
      const result = await enableTotp(db, { userId: user.id, sessionId: session.id, key: input.key, code: input.code, currentCode: input.currentCode });
      if (!result.ok) return { ok: false as const, errors: { [result.field ?? 'code']: result.message } };
      await rotate(context, db, session);
      return { ok: true as const, recoveryCodes: result.recoveryCodes, next: input.next };
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
