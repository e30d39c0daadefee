import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSON_COMPONENT_PROPS, parseLessonProps, type LessonComponent } from '../../src/schemas/lesson-components';
import { stripFrontmatter } from '../../src/lib/reading-time';

/**
 * Every course page and lesson as authors wrote them (content/courses and the test fixtures) uses
 * only the lesson vocabulary, with literal string attributes its schemas accept: no `{expression}`,
 * the same rule a lesson written in the browser is held to.
 */
const roots = ['content/courses', 'tests/fixtures/content/courses'];
const files = roots.flatMap((root) =>
  readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(join(root, entry.name)).filter((file) => file.endsWith('.mdx')).map((file) => join(root, entry.name, file))),
);

type Attribute = { key: string; value: string | undefined; raw: string };

/** Every opening component tag in the body, with its attributes as written. */
function tags(body: string): Array<{ name: string; attributes: Attribute[]; line: number }> {
  const attribute = /([^\s=/>]+)(?:=("[^"]*"|'[^']*'|\{[^}]*\}))?/g;
  return [...body.matchAll(/<([A-Z][A-Za-z0-9]*)((?:\s+[^\s=/>]+(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?)*)\s*\/?>/g)].map((match) => ({
    name: match[1] ?? '',
    line: body.slice(0, match.index).split('\n').length,
    attributes: [...(match[2] ?? '').matchAll(attribute)].map(([raw, key = '', value]) => ({ key, value, raw })),
  }));
}

describe('lesson MDX components', () => {
  it('finds the lessons, the fixtures among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    expect(files.some((file) => file.startsWith('tests/fixtures/'))).toBe(true);
  });

  it('reads tags the way authors write them, and refuses expressions', () => {
    const [quiz] = tags('<LessonQuiz ids={[3,5]} lead="做题" />');
    expect(quiz?.attributes.map(({ key, value }) => [key, value])).toEqual([
      ['ids', '{[3,5]}'],
      ['lead', '"做题"'],
    ]);
    expect(tags('<Timeline>\n\n<TimelineItem\n  when="1921年7月">')[1]).toMatchObject({ name: 'TimelineItem', line: 3 });
  });

  for (const file of files) {
    it(`${file} uses only the vocabulary, with literal attributes its schemas accept`, () => {
      const body = stripFrontmatter(readFileSync(file, 'utf8'));
      const found = tags(body);
      // Every component tag opened in the body was read (none hides in a form the reader misses).
      expect(found.length, `${file} 里有读不出的组件写法`).toBe([...body.matchAll(/<[A-Z]/g)].length);
      expect(body, `${file} 不能用 import 或 export`).not.toMatch(/^(import|export)\s/m);
      for (const { name, attributes, line } of found) {
        const where = `${file}:${line} <${name}>`;
        expect(Object.keys(LESSON_COMPONENT_PROPS), where).toContain(name);
        for (const { key, value, raw } of attributes) {
          expect(value, `${where} 的 ${key} 要写成 ${key}="…"：${raw}`).toMatch(/^"[^"]*"$/);
        }
        const props = Object.fromEntries(attributes.map(({ key, value }) => [key, value?.slice(1, -1)]));
        expect(() => parseLessonProps(name as LessonComponent, props), where).not.toThrow();
      }
    });
  }
});
