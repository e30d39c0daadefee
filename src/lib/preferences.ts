/** Reading preferences: text size and contrast, kept in cookies so the server can render them. */
export const SIZE_COOKIE = 'xg-size';
export const CONTRAST_COOKIE = 'xg-contrast';
/** A year: preferences are not personal data and should outlive any session. */
export const PREF_MAX_AGE = 60 * 60 * 24 * 365;

export const TEXT_SIZES = [
  { value: '20', label: '标准' },
  { value: '24', label: '大' },
  { value: '30', label: '特大' },
] as const;

export type TextSize = (typeof TEXT_SIZES)[number]['value'];
export type Contrast = 'normal' | 'high';
export interface Prefs {
  size: TextSize;
  contrast: Contrast;
}

export const DEFAULT_PREFS: Prefs = { size: '20', contrast: 'normal' };

export function parseSize(value: string | null | undefined): TextSize | undefined {
  return TEXT_SIZES.find((size) => size.value === value)?.value;
}

export function parseContrast(value: string | null | undefined): Contrast | undefined {
  return value === 'high' || value === 'normal' ? value : undefined;
}

/**
 * The contrast a press of 高对比度 asks for. Prerendered pages are built without knowing the
 * reader's choice, so without JavaScript their button sends 'toggle': the saved choice flips.
 */
export function requestedContrast(value: string | undefined, saved: string | undefined): Contrast | undefined {
  if (value === 'toggle') return parseContrast(saved) === 'high' ? 'normal' : 'high';
  return parseContrast(value);
}

export function readPrefs(get: (name: string) => string | undefined): Prefs {
  return {
    size: parseSize(get(SIZE_COOKIE)) ?? DEFAULT_PREFS.size,
    contrast: parseContrast(get(CONTRAST_COOKIE)) ?? DEFAULT_PREFS.contrast,
  };
}

/** Only same-site paths: never let a form send someone to another site. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  // Let the URL parser decide: tabs, backslashes and the like must not smuggle in another host.
  const base = 'http://same.invalid';
  try {
    const url = new URL(value, base);
    return url.origin === base ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
