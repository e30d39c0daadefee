/**
 * The widths an uploaded picture is stored at (src/lib/server/media.ts) and how <Figure> offers
 * them in `srcset`: every standard width narrower than the original, plus the original's own width
 * up to the widest standard one. So the largest width, which is in the picture's address
 * (`/media/<hash>-<width>.webp`), tells every other width without asking the database. Pure.
 */
export const MEDIA_WIDTHS = [480, 960, 1600] as const;
const WIDEST = MEDIA_WIDTHS[MEDIA_WIDTHS.length - 1] as number;

/** The widths written for a picture `originalWidth` pixels wide, smallest first. */
export function mediaWidths(originalWidth: number): number[] {
  const largest = Math.min(originalWidth, WIDEST);
  return [...MEDIA_WIDTHS.filter((width) => width < largest), largest];
}

/** `/media/<sha-256>-<width>.webp`: an uploaded picture's address at one width. */
export function mediaSrc(hash: string, width: number): string {
  return `/media/${hash}-${width}.webp`;
}

const MEDIA_FILE = /^([0-9a-f]{64})-([1-9]\d{0,4})\.webp$/;

/** The hash and width named by a media file name (`<hash>-<width>.webp`), or null. */
export function parseMediaFile(name: string): { hash: string; width: number } | null {
  const match = MEDIA_FILE.exec(name);
  return match ? { hash: match[1] as string, width: Number(match[2]) } : null;
}

/** For an uploaded picture's address: `srcset` with every stored width; undefined for any other address. */
export function mediaSrcset(src: string): string | undefined {
  const parsed = src.startsWith('/media/') ? parseMediaFile(src.slice('/media/'.length)) : null;
  if (!parsed) return undefined;
  return mediaWidths(parsed.width)
    .map((width) => `${mediaSrc(parsed.hash, width)} ${width}w`)
    .join(', ');
}

const MEDIA_ADDRESS = /\/media\/([0-9a-f]{64})-([1-9]\d{0,4})\.webp/g;

/** Every uploaded picture's address in a text (a lesson's body, a cover), with where it starts. */
export function mediaAddressesIn(text: string): Array<{ src: string; hash: string; width: number; index: number }> {
  return [...text.matchAll(MEDIA_ADDRESS)].map((match) => ({ src: match[0], hash: match[1] as string, width: Number(match[2]), index: match.index }));
}

/** The file names of every stored width of the picture at `src` (`<hash>-<width>.webp`), or none for another address. */
export function mediaFileNames(src: string): string[] {
  const parsed = src.startsWith('/media/') ? parseMediaFile(src.slice('/media/'.length)) : null;
  return parsed ? mediaWidths(parsed.width).map((width) => `${parsed.hash}-${width}.webp`) : [];
}

/** The text with each uploaded picture of `moved` (old hash → new address) at its new address. */
export function withMediaAddresses(text: string, moved: ReadonlyMap<string, string>): string {
  return text.replace(MEDIA_ADDRESS, (src, hash: string) => moved.get(hash) ?? src);
}
