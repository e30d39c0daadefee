/**
 * What a compiled studio lesson may hold besides the vocabulary's components, in a module of its
 * own with no dependencies: the compiler (src/lib/studio-mdx.ts) sanitises against it,
 * src/components/studio/StudioBody.astro applies it again to the stored tree, and browser code
 * (the editor) can check a link with it without loading the MDX parser or zod.
 */

/**
 * The HTML a compiled lesson may hold besides the vocabulary's components: element → the
 * attributes it keeps. StudioBody renders nothing else, even from a stored tree.
 */
export const STUDIO_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: [],
  h2: ['id'],
  h3: ['id'],
  h4: ['id'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  strong: [],
  em: [],
  code: [],
  a: ['href', 'title'],
  br: [],
  hr: [],
};

/** Characters a link address may not hold: spaces, control and invisible formatting, quotes, angle brackets, backslashes. */
const UNSAFE_IN_HREF = /[\s\p{Cc}\p{Cf}"'<>\\`]/u;

/** An address a lesson may link to: http(s) on another site, or a path of this site (not `//host`). */
export function isAllowedHref(href: string): boolean {
  if (href.length === 0 || UNSAFE_IN_HREF.test(href)) return false;
  if (/^\/(?![/\\])/.test(href)) return true;
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
