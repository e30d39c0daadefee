import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { LESSON_COMPONENT_PROPS, parseLessonProps } from '../../src/schemas/lesson-components';
import { recitationId, recitationStanzas } from '../../src/lib/recitation';
import { lessonComponentProblems } from '../../src/lib/lesson-component-check';
import { buildLessonPalette } from '../../src/lib/lesson-palette';
import { compileStudioLesson } from '../../src/lib/studio-mdx';

const FULL = { title: '七律·长征', author: '毛泽东', date: '1935年10月', source: '《毛泽东诗词选》，人民文学出版社，1986年' };

describe('<Recitation> props', () => {
  it('takes title, author, date and source, all required', () => {
    expect(parseLessonProps('Recitation', FULL)).toEqual(FULL);
    expect(() => parseLessonProps('Recitation', { ...FULL, author: undefined })).toThrow(/<Recitation> 的写法不对：author：请写作者/);
    expect(() => parseLessonProps('Recitation', { ...FULL, source: '  ' })).toThrow(/source：请写出处/);
    expect(() => parseLessonProps('Recitation', { ...FULL, date: '' })).toThrow(/date：请写写作时间/);
    expect(() => parseLessonProps('Recitation', { author: '毛泽东', date: '1935年', source: '某书' })).toThrow(/title：请写题目/);
    expect(() => parseLessonProps('Recitation', { ...FULL, edition: '第二版' })).toThrow(/没有这个属性：edition/);
  });

  it('is in the studio palette with its four fields, the text between the tags', () => {
    const entry = buildLessonPalette().Recitation;
    expect(entry.label).toBe('诵读');
    expect(entry.content).toBe('paragraphs');
    expect(entry.fields.map((field) => [field.name, field.required])).toEqual([
      ['title', true],
      ['author', true],
      ['date', true],
      ['source', true],
    ]);
    expect(Object.keys(LESSON_COMPONENT_PROPS)).toContain('Recitation');
  });

  it('a studio lesson with a Recitation saves, and one without its author is refused at its line', () => {
    const text = (props: string) => `开头一段。\n\n<Recitation ${props}>\n红军不怕远征难，\n万水千山只等闲。\n</Recitation>\n`;
    const good = compileStudioLesson(text('title="七律·长征" author="毛泽东" date="1935年10月" source="《毛泽东诗词选》"'));
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.value.plainText).toContain('红军不怕远征难，\n万水千山只等闲。');
    const bad = compileStudioLesson(text('title="七律·长征" date="1935年10月" source="《毛泽东诗词选》"'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((problem) => [problem.line, problem.message])).toEqual([[3, expect.stringContaining('<Recitation>（诵读）的写法不对：author：请写作者')]]);
  });
});

describe('the text between the tags', () => {
  it('is one line a line, a blank line between stanzas, as MDX renders it', () => {
    expect(recitationStanzas('<p>风雨送春归，飞雪迎春到。\n已是悬崖百丈冰，犹有花枝俏。</p>\n<p>俏也不争春，只把春来报。\n待到山花烂漫时，她在丛中笑。</p>')).toEqual([
      ['风雨送春归，飞雪迎春到。', '已是悬崖百丈冰，犹有花枝俏。'],
      ['俏也不争春，只把春来报。', '待到山花烂漫时，她在丛中笑。'],
    ]);
  });

  it('keeps quotation marks, decodes what the renderer escaped, drops markup and empty lines; a blank line is a stanza break', () => {
    expect(recitationStanzas('<p>  中国古时候有个文学家叫做司马迁的说过：“人固有一死，或重于泰山，或轻于鸿毛。”  \n\n&lt;甲&gt; &amp; &#x4e59;<br>丙<strong>丁</strong></p><p>   </p>')).toEqual([
      ['中国古时候有个文学家叫做司马迁的说过：“人固有一死，或重于泰山，或轻于鸿毛。”'],
      ['<甲> & 乙', '丙丁'],
    ]);
    expect(recitationStanzas('')).toEqual([]);
  });

  it('gives each text a stable id of its own', () => {
    expect(recitationId('七律·长征', '毛泽东')).toBe(recitationId('七律·长征', '毛泽东'));
    expect(recitationId('七律·长征', '毛泽东')).not.toBe(recitationId('沁园春·雪', '毛泽东'));
    expect(recitationId('七律·长征', '毛泽东')).toMatch(/^recitation-[0-9a-z]+$/);
  });
});

describe('the content check names the file and the line', () => {
  const lesson = (props: string) => `---\ntitle: 第一课\norder: 1\n---\n\n一段。\n\n<Recitation ${props}>\n红军不怕远征难，\n</Recitation>\n\n<Quote source="某书">原话</Quote>\n`;

  it('finds nothing wrong in a right lesson', () => {
    expect(lessonComponentProblems(lesson('title="七律·长征" author="毛泽东" date="1935年10月" source="某书"'), 'content/courses/a/01-a.mdx')).toEqual([]);
  });

  it('reports a Recitation without its author or its source at the line of its tag', () => {
    expect(lessonComponentProblems(lesson('title="七律·长征" date="1935年10月"'), 'content/courses/a/01-a.mdx')).toEqual([
      'content/courses/a/01-a.mdx 第 8 行：<Recitation>（诵读）的写法不对：author：请写作者（author），例如 毛泽东',
      'content/courses/a/01-a.mdx 第 8 行：<Recitation>（诵读）的写法不对：source：请写出处（source），写权威版本，例如 《毛泽东诗词选》，人民文学出版社，1986年',
    ]);
  });

  it('leaves attributes written as {…} and files that do not parse to the render check and the compiler', () => {
    expect(lessonComponentProblems('<Recitation title={x} />\n', 'x.mdx')).toEqual([]);
    expect(lessonComponentProblems('<Recitation\n', 'x.mdx')).toEqual([]);
  });
});

describe('经典诵读 course', () => {
  const dir = 'content/courses/classics-recitation';
  const files = readdirSync(dir).filter((file) => /^\d\d-.*\.mdx$/.test(file));

  it('has at least eight texts, each lesson one Recitation with a lesson quiz, every component right', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(lessonComponentProblems(source, file), file).toEqual([]);
      const tree = fromMarkdown(source.replace(/^---[\s\S]*?\n---\n/, ''), { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
      const recitations = tree.children.filter((node): node is MdxJsxFlowElement => node.type === 'mdxJsxFlowElement' && node.name === 'Recitation');
      expect(recitations, file).toHaveLength(1);
      expect(source, file).toMatch(/<LessonQuiz tag="[^"]+" \/>/);
      expect(source, file).toMatch(/^checkedOn: 2026-11-30$/m);
    }
  });
});
