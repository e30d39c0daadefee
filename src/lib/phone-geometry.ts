// Pure and free of zod: the practice phone (a React island) imports this in the browser.

/** The drawn phone screen, in CSS pixels (portrait); the status bar takes y 0–28. */
export const SCREEN_WIDTH = 360;
export const SCREEN_HEIGHT = 720;

/** Roughly how wide a character is, in ems: Chinese characters are square, Latin letters narrower. */
function charWidth(char: string): number {
  return /[\u0000-\u00ff]/.test(char) ? 0.56 : 1;
}

/**
 * Breaks text into lines that fit `width` at `size` px (SVG text does not wrap by itself). Breaks
 * between any two Chinese characters, and at spaces in Latin runs; explicit newlines are kept.
 */
export function wrapLines(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const char of paragraph) {
      const w = charWidth(char) * size;
      if (used + w > width && line) {
        lines.push(line.trimEnd());
        line = char === ' ' ? '' : char;
        used = char === ' ' ? 0 : w;
        continue;
      }
      line += char;
      used += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
