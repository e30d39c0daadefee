import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, formatOneTimeCode, newOneTimeCode, normalizeOneTimeCode } from '../../src/lib/one-time-code';

describe('printed one-time codes', () => {
  it('use no characters that look alike when printed or read aloud', () => {
    for (const lookAlike of '0OQ1IL2Z5S8BUVG') expect(CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
  });

  it('are at least 10 characters, spread over the whole alphabet', () => {
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(10);
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const code = newOneTimeCode();
      expect(code).toHaveLength(CODE_LENGTH);
      for (const char of code) {
        expect(CODE_ALPHABET).toContain(char);
        seen.set(char, (seen.get(char) ?? 0) + 1);
      }
    }
    // 20,000 characters over 20 symbols: about 1,000 each; none missing or far off.
    expect(seen.size).toBe(CODE_ALPHABET.length);
    for (const count of seen.values()) expect(count).toBeGreaterThan(800);
  });

  it('are shown in groups for reading aloud, and accepted however they are typed', () => {
    expect(formatOneTimeCode('KF7RX3MAHC')).toBe('KF7R-X3MA-HC');
    for (const typed of ['KF7R-X3MA-HC', 'kf7r x3ma hc', 'kf7rx3mahc', 'ＫＦ７Ｒ－Ｘ３ＭＡ－ＨＣ', ' KF7R—X3MA—HC ']) {
      expect(normalizeOneTimeCode(typed)).toBe('KF7RX3MAHC');
    }
  });

  it('refuses what cannot be a code: the old 6 digits, look-alikes, wrong length', () => {
    for (const typed of ['123456', 'KF7R-X3MA-H0', 'KF7R-X3MA', 'KF7R-X3MA-HCC', '']) expect(normalizeOneTimeCode(typed)).toBeNull();
  });
});
