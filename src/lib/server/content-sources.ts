import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The sources check (issue 15, CONTENT.md “every lesson lists its sources”): every 《document》 a
 * lesson names in its text — prose, headings, a <Quote source="…">, any component's attribute — must
 * be among the lesson's `sources:` (in a source's title or issuer), unless it is a literary work
 * quoted as literature and listed in <content>/literary-works.yaml. `astro build` and `astro sync`
 * stop on a problem (astro.config.mjs), naming the file and line; tests/unit/content-sources.test.ts
 * runs the same check. Generic: every course under <content>/courses, old and new.
 */

export interface NamedWork {
  /** The title without its 《》, as written. */
  name: string;
  /** 1-based line in the file. */
  line: number;
}

export interface SourceProblem {
  /** The file as given to the check (e.g. content/courses/integrity/04-family-tradition.mdx). */
  file: string;
  line: number;
  message: string;
}

interface SourceLike {
  title?: unknown;
  issuer?: unknown;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Up to this many characters a title may be the short form of a cited one (意见, 条例, 实施方案). */
const SHORT_FORM_MAX = 4;

/** Whitespace (ASCII and the full-width space) does not count when titles are compared. */
function squeeze(text: string): string {
  return text.replace(/[\s\u3000]+/gu, '');
}

/** Every 《…》 in `text` (nested 《》 inside a title belong to it), with its line, from `offset` on. */
export function namedWorks(text: string, offset = 0): NamedWork[] {
  const found: NamedWork[] = [];
  let depth = 0;
  let start = -1;
  for (let index = offset; index < text.length; index += 1) {
    const char = text[index];
    if (char === '《') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '》' && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        const name = text.slice(start + 1, index);
        const line = text.slice(0, start).split('\n').length;
        if (name.trim() !== '') found.push({ name, line });
      }
    } else if (char === '\n' && depth > 0 && text[index + 1] === '\n') {
      // A 《 never closed within its paragraph is not a title.
      depth = 0;
    }
  }
  return found;
}

/** The forms a named title may take in a source: as written, without a trailing （…）, the book of 《书·篇》. */
function candidates(name: string): string[] {
  const forms = [name, name.replace(/（[^（）]*）$/u, '')];
  const book = name.split('·')[0];
  if (book && book !== name) forms.push(book);
  return [...new Set(forms.map(squeeze))].filter((form) => form !== '');
}

/** Whether `name` is among `sources` (a source's title or issuer names it in 《》) or allowed as literature. */
export function isSourced(name: string, sources: SourceLike[], literary: ReadonlySet<string> = new Set()): boolean {
  if (literary.has(squeeze(name))) return true;
  const cited = sources.map((source) => squeeze(`${String(source.title ?? '')}${String(source.issuer ?? '')}`));
  if (candidates(name).some((form) => cited.some((text) => text.includes(`《${form}》`)))) return true;
  // A short form for a document already cited — “上述《意见》”, “《条例》规定” — stands for the source whose
  // title ends with it.
  const short = squeeze(name);
  return short.length <= SHORT_FORM_MAX && cited.some((text) => text.includes(`${short}》`));
}

/** The allow-list: literary works quoted as literature (poems, songs, essays read as writing), by title. */
export function loadLiteraryWorks(contentDir: string): Set<string> {
  const path = join(contentDir, 'literary-works.yaml');
  if (!existsSync(path)) return new Set();
  const list: unknown = parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${path}：应是一个列表，每项写 name（作品名，不带书名号）和 reason（为什么不需要出处）`);
  return new Set(
    list.map((entry: unknown, index) => {
      const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
      const reason = typeof entry === 'object' && entry !== null ? (entry as { reason?: unknown }).reason : undefined;
      if (typeof name !== 'string' || name.trim() === '' || typeof reason !== 'string' || reason.trim() === '') {
        throw new Error(`${path} 第 ${index + 1} 项：要写 name（作品名，不带书名号）和 reason（为什么不需要出处）`);
      }
      return squeeze(name.replace(/^《|》$/gu, ''));
    }),
  );
}

/** The problems of one lesson file: each 《document》 its text names that its sources do not. */
export function lessonSourceProblems(file: string, text: string, literary: ReadonlySet<string> = new Set()): SourceProblem[] {
  const frontmatter = FRONTMATTER.exec(text);
  let sources: SourceLike[] = [];
  if (frontmatter) {
    const data: unknown = parse(frontmatter[1] ?? '');
    const listed = typeof data === 'object' && data !== null ? (data as { sources?: unknown }).sources : undefined;
    if (Array.isArray(listed)) sources = listed.filter((source): source is SourceLike => typeof source === 'object' && source !== null);
  }
  const seen = new Set<string>();
  const problems: SourceProblem[] = [];
  for (const work of namedWorks(text, frontmatter?.[0].length ?? 0)) {
    if (seen.has(work.name) || isSourced(work.name, sources, literary)) continue;
    seen.add(work.name);
    problems.push({
      file,
      line: work.line,
      message: `课文提到《${work.name}》，但本课的 sources 里没有它：请把它加进 sources（标题、发布或出版单位、年份），或改为不用书名号的说法；若是作为文学作品引用的诗文，可列入 literary-works.yaml`,
    });
  }
  return problems;
}

/** Every lesson of every course under `contentDir`/courses (files NN-slug.mdx). */
export function contentSourceProblems(contentDir: string): SourceProblem[] {
  const root = join(contentDir, 'courses');
  if (!existsSync(root)) return [];
  const literary = loadLiteraryWorks(contentDir);
  const problems: SourceProblem[] = [];
  for (const course of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    for (const file of readdirSync(join(root, course)).filter((name) => /^\d\d-.*\.mdx$/.test(name)).sort()) {
      const path = join(root, course, file);
      problems.push(...lessonSourceProblems(path, readFileSync(path, 'utf8'), literary));
    }
  }
  return problems;
}

/** One line per problem, `file:line  message`, as the build prints them. */
export function formatSourceProblems(problems: SourceProblem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}  ${problem.message}`).join('\n');
}
