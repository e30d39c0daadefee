import { z } from '../schemas/zod';
import { issueResetSchema, loginSchema, registerSchema, resetSchema } from '../schemas/auth';
import { issueResetCode, resetPassword } from '../lib/server/reset-codes';
import { findUserByPhone, getUser } from '../lib/server/users';
import { formAction, guardedAction } from '../lib/server/guarded-action';
import { can, isStaff } from '../lib/permissions';
import { fail, ok, UserFacingError } from '../lib/result';
import { describeDevice } from '../lib/device';
import { closeAccount, registerWithInvitation, signIn } from '../lib/server/auth';
import { getDb } from '../lib/server/db';
import { pathAfterPassword } from '../lib/sign-in-state';
import { passwordProblem } from '../lib/server/password';
import { deleteOwnSession, invalidateSession, invalidateUserSessions } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';
import { clientAddress } from '../lib/server/client-address';

export const auth = {
  login: formAction('public', {
    input: loginSchema,
    handler: async (input, context) => {
      const db = await getDb();
      const result = await signIn(db, {
        phone: input.phone,
        password: input.password,
        ip: clientAddress(context),
        device: describeDevice(context.request.headers.get('user-agent')),
      });
      if (!result.ok) return result;
      setSessionCookie(context.cookies, result.value.token, result.value.expiresAt);
      return ok({ next: pathAfterPassword(result.value.user, input.next) });
    },
  }),

  register: formAction('public', {
    input: registerSchema,
    handler: async (input, context) => {
      const problem = passwordProblem(input.password, input.phone);
      if (problem) return fail(problem, 'password');
      const db = await getDb();
      const registered = await registerWithInvitation(db, { ...input, ip: clientAddress(context) });
      if (!registered.ok) return registered;
      // Not signed in here: a number that already had an account gets this same answer, so the page
      // never tells whether a number is registered. The person signs in with the password just set.
      return ok({ phone: input.phone });
    },
  }),

  resetPassword: formAction('public', {
    input: resetSchema,
    handler: async (input, context) => {
      const problem = passwordProblem(input.password, input.phone);
      if (problem) return fail(problem, 'password');
      return resetPassword(await getDb(), { ...input, ip: clientAddress(context) });
    },
  }),

  /** Admins for anyone; instructors for learners only: staff who forget a password ask an admin. */
  issueResetCode: guardedAction('learner.resetCode', {
    input: issueResetSchema,
    handler: async (input, _context, staff) => {
      const db = await getDb();
      const found = await findUserByPhone(db, input.phone);
      const person = found ? await getUser(db, found.id) : null;
      if (!person) return fail('没有找到这个手机号的学员，请核对。', 'phone');
      if (!can(staff, isStaff(person) ? 'staff.resetCode' : 'learner.resetCode', person)) {
        return fail('讲师只能为学员发重置码；这位同志的账号请找管理员处理。', 'phone');
      }
      const issued = await issueResetCode(db, person.id, staff.id);
      return ok({ name: person.displayName, code: issued.code, expiresAt: issued.expiresAt });
    },
  }),

  /** PIPL: a person may close their account; everything kept about them is deleted. */
  closeAccount: guardedAction('account.self', {
    input: z.object({ password: z.string({ error: '请输入密码。' }).min(1, '请输入密码，确认是您本人。') }),
    handler: async (input, context, user) => {
      const db = await getDb();
      const closed = await closeAccount(db, { userId: user.id, password: input.password, ip: clientAddress(context) });
      if (!closed.ok) return fail(closed.error.message, 'password');
      deleteSessionCookie(context.cookies);
      return ok();
    },
  }),

  logout: guardedAction('account.self', {
    input: z.object({ scope: z.enum(['this', 'all']).default('this') }),
    handler: async (input, context) => {
      const { session } = context.locals;
      if (!session) throw new UserFacingError('您还没有登录。', { code: 'UNAUTHORIZED' });
      const db = await getDb();
      if (input.scope === 'all') await invalidateUserSessions(db, session.userId);
      else await invalidateSession(db, session.id);
      deleteSessionCookie(context.cookies);
      return ok({ scope: input.scope });
    },
  }),

  signOutDevice: guardedAction('account.self', {
    input: z.object({ sessionId: z.string().regex(/^[a-z2-7]{32}$/, '设备编号不正确。') }),
    handler: async (input, _context, user) => {
      const removed = await deleteOwnSession(await getDb(), user.id, input.sessionId);
      if (!removed) throw new UserFacingError('没有找到这台设备，可能已经退出了。', { code: 'NOT_FOUND' });
      return ok({ removed });
    },
  }),
};
