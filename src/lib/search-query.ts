/**
 * What the search page asks Pagefind and how it shows the answers. Pure, and small enough for the
 * browser: the query is searched as typed and with its numbers written the other way (8项规定 ↔
 * 八项规定, 一九二一年 → 1921年), and Pagefind's excerpts are tidied for Chinese text.
 */
import { arabicToChinese, chineseToArabic } from './chinese-numerals';

export interface QueryVariant {
  query: string;
  /** A page found by this variant counts only when its text holds each of these (the folded numbers). */
  mustContain: string[];
}

const ARABIC_WITH_NEXT = /\d+[^\s\d]?/gu;
// Runs of two or more numeral characters: a lone 八 or 两 is too often part of a word to fold.
const CHINESE_WITH_NEXT = /[〇零一二两三四五六七八九十百千万]{2,}[^\s〇零一二两三四五六七八九十百千万]?/gu;

/** The query as typed, then with numbers folded (when that changes it). */
export function searchVariants(typed: string): QueryVariant[] {
  const query = typed.normalize('NFKC').trim();
  const variants: QueryVariant[] = [{ query: typed.trim(), mustContain: [] }];
  const add = (folded: string, parts: string[]): void => {
    if (folded !== query && parts.length > 0 && !variants.some((variant) => variant.query === folded)) variants.push({ query: folded, mustContain: parts });
  };
  add(arabicToChinese(query), (query.match(ARABIC_WITH_NEXT) ?? []).map(arabicToChinese));
  const chineseRuns = (query.match(CHINESE_WITH_NEXT) ?? []).map(chineseToArabic).filter((part) => /\d/u.test(part));
  add(chineseRuns.length > 0 ? chineseToArabic(query) : query, chineseRuns);
  return variants;
}

const HAN = String.raw`\p{Script=Han}`;
const CLOSERS = '”’」』》）】';
const SENTENCE_END = '。！？';
const BREAKS = `${SENTENCE_END}；，、：`;
const HALF_TO_FULL: Readonly<Record<string, string>> = { '.': '。', ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };

/** Where the text (outside tags) may be cut: after a Chinese punctuation mark or at a space. */
function cutPoints(html: string): Array<{ at: number; after: number; mark: string }> {
  const points: Array<{ at: number; after: number; mark: string }> = [];
  let inTag = false;
  for (let index = 0; index < html.length; index++) {
    const char = html[index] ?? '';
    if (char === '<') inTag = true;
    if (!inTag && (BREAKS.includes(char) || char === ' ')) points.push({ at: index, after: index + 1, mark: char });
    if (char === '>') inTag = false;
  }
  return points;
}

/**
 * A Pagefind excerpt made fit for Chinese readers: the “. ” Pagefind puts after headings and other
 * half-width marks between Chinese characters become full-width, spaces after Chinese punctuation
 * go, and a word or number cut at either end is dropped in favour of “……”.
 */
export function tidyExcerpt(html: string): string {
  let text = html
    .replace(new RegExp(String.raw`(?<=[${HAN}${CLOSERS}]|</mark>)\s*([.,:;!?])(?=\s|<mark>|[${HAN}]|$)\s*`, 'gu'), (_, mark: string) => HALF_TO_FULL[mark] ?? mark)
    .replace(new RegExp(String.raw`(?<=[${BREAKS}${CLOSERS}])\s+`, 'gu'), '')
    .trim();
  const firstMark = text.indexOf('<mark>');
  const points = cutPoints(text);
  const start = points.find((point) => (firstMark < 0 || point.after <= firstMark) && point.after < text.length * 0.4);
  if (start && start.after < text.length) text = `……${text.slice(start.after)}`;
  const endsWell = SENTENCE_END.includes(text.at(-1) ?? '');
  if (!endsWell) {
    // Keep at least the first hit; a later one may go with the cut-off end.
    const firstHitEnd = text.indexOf('</mark>') + '</mark>'.length;
    const tail = cutPoints(text).filter((point) => point.at >= firstHitEnd && point.at > text.length * 0.5);
    const end = tail.at(-1);
    if (end) text = SENTENCE_END.includes(end.mark) ? text.slice(0, end.after) : `${text.slice(0, end.at)}……`;
    else text = `${text}……`;
  }
  return text;
}
