/**
 * The printed codes people type to set a password: first sign-in codes from an import and reset
 * codes from staff. Ten characters from an alphabet without look-alikes (no 0/O/Q, 1/I/L/J, 2/Z,
 * 5/S, 8/B, U/V, G beside 6), grouped 4-4-2 so they can be read aloud over the phone: "KF7R-X3MA-HC".
 * Pure: no I/O.
 */

export const CODE_ALPHABET = 'ACDEFHKMNPRTWXY34679';
export const CODE_LENGTH = 10;
const GROUPS = [4, 4, 2] as const;
const SHAPE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A new code, every character equally likely (rejection sampling over random bytes). */
export function newOneTimeCode(): string {
  const size = CODE_ALPHABET.length;
  const ceiling = 256 - (256 % size);
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2))) {
      if (byte < ceiling && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % size];
    }
  }
  return code;
}

/** "KF7RX3MAHC" → "KF7R-X3MA-HC", as printed and shown. */
export function formatOneTimeCode(code: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(code.slice(at, at + size));
    at += size;
  }
  return parts.filter(Boolean).join('-');
}

/**
 * What a person typed → the code, or null when it cannot be one. Any case, with or without spaces
 * and dashes, full-width characters (typed with a Chinese input method) alike.
 */
export function normalizeOneTimeCode(typed: string): string | null {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−_.·・]/g, '');
  return SHAPE.test(code) ? code : null;
}
