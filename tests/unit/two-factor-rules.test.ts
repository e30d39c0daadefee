import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32 } from '@oslojs/encoding';
import {
  codeAt,
  formatKeyForTyping,
  formatRecoveryCode,
  isRecoveryCodeShape,
  matchingStep,
  normalizeCode,
  timeStep,
} from '../../src/lib/two-factor-rules';
import { pathAfterPassword, signInState } from '../../src/lib/sign-in-state';
import type { User } from '../../src/lib/server/users';

// RFC 6238 appendix B: the SHA-1 test key and its 8-digit values; the last 6 digits are the 6-digit code.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP codes', () => {
  it('match the RFC 6238 test vectors', () => {
    expect(codeAt(RFC_KEY, 59_000)).toBe('287082');
    expect(codeAt(RFC_KEY, 1_111_111_109_000)).toBe('081804');
    expect(codeAt(RFC_KEY, 1_234_567_890_000)).toBe('005924');
  });

  it('accept one step either side, and nothing further', () => {
    const now = 1_800_000_000_000;
    const step = timeStep(now);
    for (const offset of [-1, 0, 1]) {
      expect(matchingStep(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step + offset), 6), now, 0)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(matchingStep(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step + offset), 6), now, 0)).toBeNull();
    }
  });

  it('never accept a step already used (no replay)', () => {
    const now = 1_800_000_000_000;
    const code = codeAt(RFC_KEY, now);
    expect(matchingStep(RFC_KEY, code, now, timeStep(now) - 1)).toBe(timeStep(now));
    expect(matchingStep(RFC_KEY, code, now, timeStep(now))).toBeNull();
  });

  it('reject anything that is not six digits', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 345']) expect(matchingStep(RFC_KEY, code, Date.now(), 0)).toBeNull();
  });

  it('forgive full-width digits, spaces and dashes from a Chinese keyboard', () => {
    expect(normalizeCode('１２３ ４５６')).toBe('123456');
    expect(normalizeCode('1234-5678－9012')).toBe('123456789012');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), (code) => {
        const wide = [...code].map((digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)).join(' ');
        return normalizeCode(wide) === code;
      }),
    );
  });
});

describe('formats', () => {
  it('group the key in fours and decode back to the same bytes', () => {
    const key = new Uint8Array(20).map((_, i) => i * 13);
    const typed = formatKeyForTyping(key);
    expect(typed).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(decodeBase32(typed.replace(/ /g, ''))).toEqual(key);
  });

  it('print recovery codes as 1234-5678-9012 and read them back', () => {
    expect(formatRecoveryCode('123456789012')).toBe('1234-5678-9012');
    expect(isRecoveryCodeShape(normalizeCode('1234-5678-9012'))).toBe(true);
    expect(isRecoveryCodeShape('12345678901')).toBe(false);
  });
});

describe('sign-in state', () => {
  const person = (roles: User['roles'], twoFactorEnabled: boolean): User => ({
    id: 1,
    phone: '13800000004',
    displayName: '赵玉梅',
    branchId: null,
    branchName: null,
    roles,
    volunteer: false,
    reviewer: false,
    disabled: false,
    hasPassword: true,
    twoFactorEnabled,
    privacyAcceptedAt: 0,
    unseenNoticeAt: null,
    partyJoinedOn: null,
  });

  it('asks for the code until the session has it', () => {
    expect(signInState(person(['learner'], true), { twoFactorVerified: false }).kind).toBe('second-step');
    expect(signInState(person(['learner'], true), { twoFactorVerified: true }).kind).toBe('signed-in');
    expect(pathAfterPassword(person(['learner'], true), '/me/')).toBe('/login/two-factor/?next=%2Fme%2F');
  });

  it('holds back the admin role until two-step sign-in is on', () => {
    const state = signInState(person(['learner', 'admin'], false), { twoFactorVerified: false });
    expect(state).toMatchObject({ kind: 'signed-in', withheldRoles: ['admin'], user: { roles: ['learner'] } });
    expect(pathAfterPassword(person(['learner', 'admin'], false), '/admin/')).toBe('/account/two-factor/?required=1&next=%2Fadmin%2F');
    const enabled = signInState(person(['learner', 'admin'], true), { twoFactorVerified: true });
    expect(enabled).toMatchObject({ kind: 'signed-in', withheldRoles: [], user: { roles: ['learner', 'admin'] } });
  });

  it('lets other roles sign in with the password alone', () => {
    expect(pathAfterPassword(person(['learner', 'instructor', 'organiser'], false), '/studio/')).toBe('/studio/');
  });
});
