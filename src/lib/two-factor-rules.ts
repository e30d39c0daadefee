import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

/** RFC 6238 as every authenticator app expects it: 30-second steps, 6 digits, SHA-1. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed slowly, still works. */
const STEP_TOLERANCE = 1;
/** Recovery codes: 12 digits, so they can be typed on a phone's number pad. */
export const RECOVERY_CODE_DIGITS = 12;

export function timeStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** Full-width digits from a Chinese input method, spaces and dashes are all forgiven. */
export function normalizeCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-－—_]/g, '');
}

/**
 * The time step whose code `code` is, within the tolerance, or null. A step at or before
 * `lastUsedStep` never matches, so an accepted code cannot be used again (RFC 6238 §5.2).
 */
export function matchingStep(key: Uint8Array, code: string, now: number, lastUsedStep: number): number | null {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return null;
  const current = timeStep(now);
  for (let step = current - STEP_TOLERANCE; step <= current + STEP_TOLERANCE; step++) {
    if (step <= lastUsedStep) continue;
    if (generateHOTP(key, BigInt(step), TOTP_DIGITS) === code) return step;
  }
  return null;
}

/** The code an authenticator app shows at `now` (for tests and the demo hint). */
export function codeAt(key: Uint8Array, now: number): string {
  return generateHOTP(key, BigInt(timeStep(now)), TOTP_DIGITS);
}

/** The key as people type it into an app by hand: base32 in groups of four. */
export function formatKeyForTyping(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ');
}

/** `123456789012` → `1234-5678-9012`, the way recovery codes are printed. */
export function formatRecoveryCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1-');
}

export function isRecoveryCodeShape(code: string): boolean {
  return new RegExp(`^\\d{${RECOVERY_CODE_DIGITS}}$`).test(code);
}
