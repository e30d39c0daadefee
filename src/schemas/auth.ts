import { z } from './zod';
import { isValidPhone, normalizePhone } from '../lib/phone';
import { safeReturnPath } from '../lib/preferences';
import { normalizeOneTimeCode } from '../lib/one-time-code';

/** A mainland mobile number, forgiving spaces, dashes and +86. */
export const phoneField = z
  .string({ error: '请填写手机号。' })
  .trim()
  .min(1, '请填写手机号。')
  .transform(normalizePhone)
  .refine(isValidPhone, '手机号应是11位数字，以1开头，例如 13812345678。');

/** Where to go after signing in: a same-site path only; null for the person's own home (pathAfterSignIn). */
export const nextField = z
  .string()
  .nullish()
  .transform((value): string | null => {
    const path = safeReturnPath(value);
    return path === '/' ? null : path;
  });

export const loginSchema = z.object({
  /** The person's mobile number. */
  phone: phoneField,
  /** Checked against the stored argon2id hash; never logged. */
  password: z.string({ error: '请填写密码。' }).min(1, '请填写密码。').max(200, '密码太长了。'),
  /** Page to return to after signing in. */
  next: nextField,
});

export const registerSchema = z.object({
  /** Invitation code from the admin or branch contact; may be empty when registration is open. */
  code: z
    .string()
    .nullish()
    .transform((value) => (value ?? '').toUpperCase().replace(/[\s-]/g, '')),
  /** Name shown to instructors and on certificates. */
  displayName: z.string({ error: '请填写姓名。' }).trim().min(2, '请填写姓名，至少两个字。').max(20, '姓名不超过20个字。'),
  phone: phoneField,
  /** Checked by passwordProblem() on the server. */
  password: z.string({ error: '请设置密码。' }).min(1, '请设置密码。'),
  /**
   * PIPL: the 个人信息保护说明 is agreed to before an account exists; the time is stored. Checked
   * by the action after the password (one problem at a time under the one result contract).
   */
  privacy: z.string().nullish(),
});

export const resetSchema = z.object({
  phone: phoneField,
  /** The reset or first sign-in code (e.g. KF7R-X3MA-HC), any case, dashes and spaces optional. */
  code: z
    .string({ error: '请填写重置码。' })
    .transform((value, ctx) => {
      const code = normalizeOneTimeCode(value);
      if (code === null) {
        ctx.addIssue({ code: 'custom', message: '重置码是10个字母和数字，例如 KF7R-X3MA-HC。请照着纸条核对后再输入，大小写都可以。' });
        return z.NEVER;
      }
      return code;
    }),
  /** Checked by passwordProblem() on the server. */
  password: z.string({ error: '请设置新密码。' }).min(1, '请设置新密码。'),
});

/** Staff looking up a person to give them a reset code. */
export const issueResetSchema = z.object({ phone: phoneField });

/** A signed-in person changing their password on /account/password/. */
export const changePasswordSchema = z.object({
  /** The password in use now: proves it is the person, not someone at an unattended screen. */
  current: z.string({ error: '请填写现在的密码。' }).min(1, '请填写现在的密码。').max(200, '密码太长了。'),
  /** Checked by passwordProblem() on the server. */
  password: z.string({ error: '请设置新密码。' }).min(1, '请设置新密码。').max(200, '密码太长了。'),
});
