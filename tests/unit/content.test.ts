import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { courseSchema } from '../../src/schemas/course';
import { lessonSchema } from '../../src/schemas/lesson';
import { countHan, stripFrontmatter } from '../../src/lib/reading-time';
import { formatSourceProblems, lessonSourceProblems, loadLiteraryWorks } from '../../src/lib/server/content-sources';

/** The real curriculum must meet CONTENT.md: these read the files as authors wrote them. */
const root = 'content/courses';
const courses = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function frontmatter(source: string): unknown {
  return parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '');
}

describe('curriculum', () => {
  it('has a published course for each of 党性教育, 红色教育 and 廉洁文化', () => {
    const themes = courses.map(
      (course) => courseSchema.parse(frontmatter(readFileSync(join(root, course, 'index.mdx'), 'utf8'))).theme,
    );
    expect(themes).toEqual(expect.arrayContaining(['党性教育', '红色教育', '廉洁文化']));
  });

  for (const course of courses) {
    const lessons = readdirSync(join(root, course)).filter((file) => /^\d\d-.*\.mdx$/.test(file));

    it(`${course} has at least six lessons, numbered in order`, () => {
      expect(lessons.length).toBeGreaterThanOrEqual(6);
      const orders = lessons.map(
        (file) => lessonSchema.parse(frontmatter(readFileSync(join(root, course, file), 'utf8'))).order,
      );
      expect(orders).toEqual(orders.map((_, index) => index + 1));
    });

    for (const file of lessons) {
      describe(`${course}/${file}`, () => {
        const source = readFileSync(join(root, course, file), 'utf8');
        const body = stripFrontmatter(source);

        it('is one sitting long: 1,200–2,500 Han characters', () => {
          const han = countHan(body);
          expect(han).toBeGreaterThanOrEqual(1200);
          expect(han).toBeLessThanOrEqual(2500);
        });

        it('ends with key points and a discussion question, and cites sources', () => {
          expect(body).toContain('<KeyPoints>');
          expect(body).toContain('<Discussion>');
          expect(lessonSchema.parse(frontmatter(source)).sources.length).toBeGreaterThan(0);
        });

        it('is written in Chinese with full-width punctuation', () => {
          const prose = body.replace(/<[^>]+>/g, '').replace(/^#+ /gm, '');
          expect(prose).not.toMatch(/[\u4e00-\u9fff][,;:?!]/u);
          expect(prose).not.toMatch(/\b(the|and|of)\b/i);
        });
      });
    }
  }
});

// --- sources (issue 15; the sources helper's section) ---------------------------------------------
// Every lesson says when it was checked, and names no 《document》 its sources leave out: the same
// check the build runs (src/lib/server/content-sources.ts), here per lesson so a failure names the file.
describe('sources of every lesson', () => {
  const literary = loadLiteraryWorks('content');
  for (const course of courses) {
    for (const file of readdirSync(join(root, course)).filter((name) => /^\d\d-.*\.mdx$/.test(name))) {
      it(`${course}/${file} is dated and cites every document it names`, () => {
        const source = readFileSync(join(root, course, file), 'utf8');
        expect(lessonSchema.parse(frontmatter(source)).checkedOn).toBeInstanceOf(Date);
        expect(formatSourceProblems(lessonSourceProblems(join(root, course, file), source, literary))).toBe('');
      });
    }
  }
});
