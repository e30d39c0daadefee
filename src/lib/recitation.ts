/**
 * 诵读 (<Recitation>): the text between the tags as stanzas of lines. The component gets its slot
 * as HTML — the same for an MDX course (Astro's MDX) and a studio lesson (StudioBody) — where a
 * stanza (or a prose paragraph) is a <p> and each line of it a line break in the source. Pure, so
 * the splitting is tested without a build.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML fragment: tags dropped, character references decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** The stanzas of the text, each a list of its lines (trimmed, none empty); no empty stanza. */
export function recitationStanzas(html: string): string[][] {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .split(/<\/p>|<p(?:\s[^>]*)?>|\n[ \t]*\n/i)
    .map((block) =>
      textOf(block)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/** A stable id for the text's element (the 跟读 controls' target), from its title and author. */
export function recitationId(title: string, author: string): string {
  let hash = 5381;
  for (const char of `${title}|${author}`) hash = ((hash * 33) ^ (char.codePointAt(0) ?? 0)) >>> 0;
  return `recitation-${hash.toString(36)}`;
}
