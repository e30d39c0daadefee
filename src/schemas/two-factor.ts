import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { z } from './zod';
import { nextField } from './auth';
import { isRecoveryCodeShape, normalizeCode, TOTP_DIGITS } from '../lib/two-factor-rules';

/** The 6 digits an authenticator app shows; full-width digits and spaces are forgiven. */
export const totpCodeField = z
  .string({ error: '请填写验证码。' })
  .transform(normalizeCode)
  .refine((code) => code.length > 0, '请填写验证码。')
  .refine((code) => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code), '验证码是6位数字，请看手机上验证器里显示的数字。');

/** A second sign-in step with the authenticator code. */
export const verifyTotpSchema = z.object({ code: totpCodeField, next: nextField });

/** A second sign-in step with a recovery code, printed as 1234-5678-9012. */
export const recoverySchema = z.object({
  recoveryCode: z
    .string({ error: '请填写恢复码。' })
    .transform(normalizeCode)
    .refine((code) => code.length > 0, '请填写恢复码。')
    .refine(isRecoveryCodeShape, '恢复码是12位数字，例如 1234-5678-9012。'),
  next: nextField,
});

/** Turning two-step sign-in on: the key shown as a QR code travels back in a hidden field. */
export const enableTotpSchema = z.object({
  key: z
    .string({ error: '设置页面已过期，请刷新后重新扫码。' })
    .transform((value, context) => {
      try {
        const key = decodeBase32IgnorePadding(value.replace(/\s/g, '').toUpperCase());
        if (key.length === 20) return key;
      } catch {
        // falls through to the message below
      }
      context.addIssue({ code: 'custom', message: '设置页面已过期，请刷新后重新扫码。' });
      return z.NEVER;
    }),
  code: totpCodeField,
  /** Replacing an authenticator: a code from the old app, or a recovery code (checked on the server). */
  currentCode: z.string().nullish().transform((value) => normalizeCode(value ?? '')),
  next: nextField,
});

/** New recovery codes, after the current authenticator code. */
export const regenerateSchema = z.object({ regenerateCode: totpCodeField });

/** Turning two-step sign-in off, after the current authenticator code. */
export const disableSchema = z.object({ disableCode: totpCodeField });

/** An admin resetting someone's two-step sign-in. */
export const resetTwoFactorSchema = z.object({ userId: z.coerce.number().int().positive('账号编号不正确。') });
