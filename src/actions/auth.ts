import { ActionError, defineAction } from 'astro:actions';
import { z } from '../schemas/zod';
import { changePasswordSchema, issueResetSchema, loginSchema, nextField, registerSchema, resetSchema } from '../schemas/auth';
import { changePassword } from '../lib/server/password-change';
import { resetCodeRefusal } from '../lib/code-issuing';
import { issueResetCode, resetPassword } from '../lib/server/reset-codes';
import { acceptPrivacyNotice, findUserByPhone, getUser, hasRole } from '../lib/server/users';
import { describeDevice } from '../lib/device';
import { closeAccount, registerWithInvitation, signIn } from '../lib/server/auth';
import { getDb } from '../lib/server/db';
import { pathAfterPassword } from '../lib/sign-in-state';
import { passwordProblem } from '../lib/server/password';
import { deleteOwnSession, invalidateSession, invalidateUserSessions } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';

const PRIVACY_CONSENT_NEEDED = '请先阅读《个人信息保护说明》，同意后勾选这一项，才能注册。';

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
      return { ok: true as const, next: pathAfterPassword(result.user, input.next) };
    },
  }),

  register: defineAction({
    accept: 'form',
    input: registerSchema,
    handler: async (input, context) => {
      // Every problem at once: the consent tick and the password.
      const problems: Record<string, string> = {};
      if (input.privacy !== 'on') problems['privacy'] = PRIVACY_CONSENT_NEEDED;
      const problem = passwordProblem(input.password, input.phone);
      if (problem) problems['password'] = problem;
      if (Object.keys(problems).length > 0) return { ok: false as const, errors: problems };
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

  resetPassword: defineAction({
    accept: 'form',
    input: resetSchema,
    handler: async (input) => {
      const problem = passwordProblem(input.password, input.phone);
      if (problem) return { ok: false as const, errors: { password: problem } };
      const result = await resetPassword(await getDb(), input);
      return result.ok ? { ok: true as const } : { ok: false as const, errors: { '': result.message } };
    },
  }),

  /** Admins for anyone; instructors for learners; 支部联络员 for learners of their own branch. */
  issueResetCode: defineAction({
    accept: 'form',
    input: issueResetSchema,
    handler: async (input, context) => {
      const staff = context.locals.user;
      if (!staff) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
      if (!hasRole(staff, 'admin') && !hasRole(staff, 'instructor') && !hasRole(staff, 'liaison')) {
        throw new ActionError({ code: 'FORBIDDEN', message: '只有管理员、讲师和支部联络员可以发重置码。' });
      }
      const db = await getDb();
      const found = await findUserByPhone(db, input.phone);
      const person = found ? await getUser(db, found.id) : null;
      if (!person) return { ok: false as const, errors: { phone: '没有找到这个手机号的学员，请核对。' } };
      const refusal = resetCodeRefusal(staff, person);
      if (refusal) return { ok: false as const, errors: { phone: refusal } };
      const issued = await issueResetCode(db, person.id, staff.id);
      return { ok: true as const, name: person.displayName, code: issued.code, expiresAt: issued.expiresAt };
    },
  }),

  /** 修改密码: the current password is needed; every other device is signed out. */
  changePassword: defineAction({
    accept: 'form',
    input: changePasswordSchema,
    handler: async (input, context) => {
      const { user, session } = context.locals;
      if (!user || !session) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
      const problem = passwordProblem(input.password, user.phone);
      if (problem) return { ok: false as const, errors: { password: problem } };
      if (input.password === input.current) return { ok: false as const, errors: { password: '新密码和现在的密码一样，请换一个。' } };
      const changed = await changePassword(await getDb(), { userId: user.id, sessionId: session.id, current: input.current, password: input.password });
      return changed.ok ? { ok: true as const } : { ok: false as const, errors: { [changed.field]: changed.message } };
    },
  }),

  /** PIPL: someone created by an import agrees to the 个人信息保护说明 at their first sign-in. */
  acceptPrivacy: defineAction({
    accept: 'form',
    input: z.object({ next: nextField }),
    handler: async (input, context) => {
      const { user } = context.locals;
      if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
      await acceptPrivacyNotice(await getDb(), user.id);
      return { ok: true as const, next: input.next };
    },
  }),

  /** PIPL: a person may close their account; everything kept about them is deleted. */
  closeAccount: defineAction({
    accept: 'form',
    input: z.object({ password: z.string({ error: '请输入密码。' }).min(1, '请输入密码，确认是您本人。') }),
    handler: async (input, context) => {
      const { user } = context.locals;
      if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
      const db = await getDb();
      const closed = await closeAccount(db, user.id, input.password);
      if (!closed) return { ok: false as const, errors: { password: '密码不对，账号没有注销。' } };
      deleteSessionCookie(context.cookies);
      return { ok: true as const };
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
