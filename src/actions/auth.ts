import { optionalText, z } from '../schemas/zod';
import { changePasswordSchema, issueResetSchema, loginSchema, nextField, registerSchema, resetSchema } from '../schemas/auth';
import { changePassword } from '../lib/server/password-change';
import { issueResetCode, resetPassword, type CodeTarget } from '../lib/server/reset-codes';
import { acceptPrivacyNotice, findUserByPhone, getUser, setPartyJoinedOn } from '../lib/server/users';
import { parseJoinDate } from '../lib/political-birthday';
import { formAction, guardedAction } from '../lib/server/guarded-action';
import { can, isStaff } from '../lib/permissions';
import { fail, ok, UserFacingError } from '../lib/result';
import { describeDevice } from '../lib/device';
import { closeAccount, registerWithInvitation, signIn } from '../lib/server/auth';
import { getDb } from '../lib/server/db';
import { pathAfterPassword } from '../lib/sign-in-state';
import { pathAfterSignIn } from '../lib/first-pages';
import { passwordProblem } from '../lib/server/password';
import { deleteOwnSession, invalidateSession, invalidateUserSessions } from '../lib/server/session';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/session-cookie';
import { clientAddress } from '../lib/server/client-address';

const NOT_YOURS_TO_RESET =
  '没有找到您能为他发重置码的学员。支部联络员只能为本支部的学员发重置码，讲师只能为学员发；工作人员的重置码只能由管理员发。请核对手机号，或联系老年大学的管理员。';

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
      return ok({ next: pathAfterPassword(result.value.user, pathAfterSignIn(result.value.user, input.next)) });
    },
  }),

  register: formAction('public', {
    input: registerSchema,
    handler: async (input, context) => {
      const problem = passwordProblem(input.password, input.phone);
      if (problem) return fail(problem, 'password');
      if (input.privacy !== 'on') return fail('请先阅读《个人信息保护说明》，同意后勾选这一项，才能注册。', 'privacy');
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

  /** Admins for anyone; instructors for learners; 支部联络员 for learners of their own branch (permissions.ts). */
  issueResetCode: guardedAction('learner.resetCode', {
    input: issueResetSchema,
    handler: async (input, _context, staff) => {
      const db = await getDb();
      const found = await findUserByPhone(db, input.phone);
      const person = found ? await getUser(db, found.id) : null;
      // Only someone who may help anybody learns whether a number exists or is staff; an instructor
      // or a liaison gets one answer for a number that is not theirs to help, whatever the reason.
      const helpsAnybody = can(staff, 'staff.resetCode');
      if (!person) return fail(helpsAnybody ? '没有找到这个手机号的学员，请核对。' : NOT_YOURS_TO_RESET, 'phone');
      const refusal = (target: CodeTarget): string | undefined =>
        can(staff, isStaff(target) ? 'staff.resetCode' : 'learner.resetCode', target) ? undefined : NOT_YOURS_TO_RESET;
      const issued = await issueResetCode(db, person.id, staff.id, Date.now(), refusal);
      return ok({ name: person.displayName, code: issued.code, expiresAt: issued.expiresAt });
    },
  }),

  /** 修改密码: the current password is needed; every other device is signed out. */
  changePassword: guardedAction('account.self', {
    input: changePasswordSchema,
    handler: async (input, context, user) => {
      const { session } = context.locals;
      if (!session) return fail('请先登录。');
      const problem = passwordProblem(input.password, user.phone);
      if (problem) return fail(problem, 'password');
      if (input.password === input.current) return fail('新密码和现在的密码一样，请换一个。', 'password');
      return changePassword(await getDb(), { userId: user.id, sessionId: session.id, current: input.current, password: input.password, ip: clientAddress(context) });
    },
  }),

  /** PIPL: someone created by an import agrees to the 个人信息保护说明 at their first sign-in. */
  acceptPrivacy: guardedAction('account.self', {
    input: z.object({ next: nextField }),
    handler: async (input, _context, user) => {
      await acceptPrivacyNotice(await getDb(), user.id);
      return ok({ next: pathAfterSignIn(user, input.next) });
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

  /** 政治生日: the member records (or, with all three fields empty, forgets) their 入党日期. */
  setPartyJoinDate: guardedAction('account.self', {
    input: z.object({ year: optionalText(10, '年份请填四位数字。'), month: optionalText(10, '月份请填 1 到 12。'), day: optionalText(10, '日子请填 1 到 31。') }),
    handler: async (input, _context, user) => {
      const parsed = parseJoinDate(input, Date.now());
      if (!parsed.ok) return parsed;
      await setPartyJoinedOn(await getDb(), user.id, parsed.value);
      return ok({ joinedOn: parsed.value });
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
