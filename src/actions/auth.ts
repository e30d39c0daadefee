import { ActionError, defineAction } from 'astro:actions';
import { z } from '../schemas/zod';
import { loginSchema, registerSchema } from '../schemas/auth';
import { describeDevice } from '../lib/device';
import { registerWithInvitation, signIn } from '../lib/server/auth';
import { getDb } from '../lib/server/db';
import { passwordProblem } from '../lib/server/password';
import { deleteOwnSession, invalidateSession, invalidateUserSessions } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';

export const auth = {
  login: defineAction({
    accept: 'form',
    input: loginSchema,
    handler: async (input, context) => {
      const db = await getDb();
      const result = await signIn(db, {
        phone: input.phone,
        password: input.password,
        ip: context.clientAddress,
        device: describeDevice(context.request.headers.get('user-agent')),
      });
      if (!result.ok) return { ok: false as const, errors: { '': result.message } };
      setSessionCookie(context.cookies, result.token, result.expiresAt);
      return { ok: true as const, next: input.next };
    },
  }),

  register: defineAction({
    accept: 'form',
    input: registerSchema,
    handler: async (input, context) => {
      const problem = passwordProblem(input.password, input.phone);
      if (problem) return { ok: false as const, errors: { password: problem } };
      const db = await getDb();
      const registered = await registerWithInvitation(db, input);
      if (!registered.ok) return { ok: false as const, errors: { [registered.field]: registered.message } };
      const signedIn = await signIn(db, {
        phone: input.phone,
        password: input.password,
        ip: context.clientAddress,
        device: describeDevice(context.request.headers.get('user-agent')),
      });
      if (signedIn.ok) setSessionCookie(context.cookies, signedIn.token, signedIn.expiresAt);
      return { ok: true as const, userId: registered.userId };
    },
  }),

  logout: defineAction({
    accept: 'form',
    input: z.object({ scope: z.enum(['this', 'all']).default('this') }),
    handler: async (input, context) => {
      const { session } = context.locals;
      if (!session) throw new ActionError({ code: 'UNAUTHORIZED', message: '您还没有登录。' });
      const db = await getDb();
      if (input.scope === 'all') await invalidateUserSessions(db, session.userId);
      else await invalidateSession(db, session.id);
      deleteSessionCookie(context.cookies);
      return { scope: input.scope };
    },
  }),

  signOutDevice: defineAction({
    accept: 'form',
    input: z.object({ sessionId: z.string().regex(/^[a-z2-7]{32}$/, '设备编号不正确。') }),
    handler: async (input, context) => {
      const { user } = context.locals;
      if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
      const removed = await deleteOwnSession(await getDb(), user.id, input.sessionId);
      if (!removed) throw new ActionError({ code: 'NOT_FOUND', message: '没有找到这台设备，可能已经退出了。' });
      return { removed };
    },
  }),
};
