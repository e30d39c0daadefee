import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { filmSchema, type FilmData } from '../../src/schemas/film';
import { lessonFileExists } from '../../src/lib/server/lesson-files';
import { compareFilms, coverLabel, filmScreeningsUrl, groupByTheme } from '../../src/lib/films';
import { SEARCH_KINDS, searchKindById, searchKindFilter } from '../../src/lib/search-kinds';
import { stripFrontmatter } from '../../src/lib/reading-time';

/** The real film library must meet CONTENT.md: these read the files as authors wrote them. */
const root = 'content/films';
const files = readdirSync(root).filter((file) => file.endsWith('.mdx'));

function frontmatter(source: string): unknown {
  return parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '');
}

const HALF_WIDTH_IN_CHINESE = /[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]/u;

describe('film library', () => {
  it('has at least twelve films, each title once', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const titles = files.map((file) => filmSchema.parse(frontmatter(readFileSync(join(root, file), 'utf8'))).title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  for (const file of files) {
    describe(file, () => {
      const source = readFileSync(join(root, file), 'utf8');
      const parsed = filmSchema.safeParse(frontmatter(source));

      it('has every field the schema asks for', () => {
        expect(parsed.error?.issues ?? []).toEqual([]);
      });

      const data = parsed.data as FilmData;

      it('has three discussion questions, at least one source, and links lessons that exist', () => {
        expect(data.questions).toHaveLength(3);
        expect(data.sources.length).toBeGreaterThanOrEqual(1);
        expect(data.lessons.length).toBeGreaterThanOrEqual(1);
        for (const lesson of data.lessons) expect(lessonFileExists('content', lesson), lesson).toBe(true);
      });

      it('has a synopsis written in Chinese with full-width punctuation and no English', () => {
        const body = stripFrontmatter(source).trim();
        expect(body.length).toBeGreaterThan(80);
        const texts = [body, data.summary, data.why, ...data.questions];
        for (const text of texts) {
          expect(text).not.toMatch(HALF_WIDTH_IN_CHINESE);
          expect(text).not.toMatch(/[A-Za-z]/u);
        }
      });
    });
  }

  it('refuses a film with two questions, no sources or an unknown period', () => {
    const good = frontmatter(readFileSync(join(root, files[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(filmSchema.safeParse({ ...good, questions: ['第一道讨论题是什么？', '第二道讨论题是什么？'] }).success).toBe(false);
    expect(filmSchema.safeParse({ ...good, sources: [] }).success).toBe(false);
    expect(filmSchema.safeParse({ ...good, eras: ['未来'] }).success).toBe(false);
    expect(filmSchema.safeParse({ ...good, lessons: ['红色精神'] }).success).toBe(false);
  });
});

describe('lesson files a film may name', () => {
  it('finds a lesson by its address form and nothing else', () => {
    expect(lessonFileExists('content', 'red-spirit/red-boat-spirit')).toBe(true);
    expect(lessonFileExists('content', 'red-spirit/01-red-boat-spirit')).toBe(false);
    expect(lessonFileExists('content', 'red-spirit/no-such-lesson')).toBe(false);
    expect(lessonFileExists('content', 'no-such-course/red-boat-spirit')).toBe(false);
    expect(lessonFileExists('content', '../content/courses/red-spirit')).toBe(false);
  });
});

describe('film names and order', () => {
  const film = (id: string, theme: string, eras: FilmData['eras'], year: number) => ({ id, data: { theme, eras, year } });

  it('names the cover for people who cannot see it', () => {
    expect(coverLabel({ title: '上甘岭', year: 1956, theme: '红色教育' })).toBe('《上甘岭》，1956年，红色教育');
    expect(filmScreeningsUrl('shangganling')).toBe('/screenings/?film=shangganling');
  });

  it('groups by theme in the site order and sorts by period, then year', () => {
    const films = [
      film('c', '红色教育', ['抗美援朝'], 2021),
      film('a', '红色教育', ['抗美援朝'], 1956),
      film('b', '红色教育', ['抗日战争', '解放战争'], 1958),
      film('d', '党性教育', ['建党时期'], 2011),
    ];
    const groups = groupByTheme(films);
    expect(groups.map((group) => group.theme.label)).toEqual(['党性教育', '红色教育']);
    expect(groups[1]?.films.map((entry) => entry.id)).toEqual(['b', 'a', 'c']);
    expect([...films].sort(compareFilms)[0]?.id).toBe('d');
  });
});

describe('search kinds', () => {
  it('marks pages by kind and reads the kind from the address', () => {
    expect(searchKindFilter('film')).toBe('kind:影片');
    expect(searchKindFilter('course')).toBe('kind:课程');
    expect(searchKindById('film')?.label).toBe('影片');
    expect(searchKindById('nonsense')).toBeUndefined();
    expect(searchKindById(null)).toBeUndefined();
    expect(new Set(SEARCH_KINDS.map((kind) => kind.label)).size).toBe(SEARCH_KINDS.length);
  });
});
