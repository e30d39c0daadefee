import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToJs } from 'satteri';
import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { compileStudioLesson, STUDIO_LESSON_MAX_LENGTH } from '../../src/lib/studio-mdx';
import { isAllowedHref } from '../../src/lib/studio-allowed';
import { stripFrontmatter } from '../../src/lib/reading-time';
import type { CompiledLesson, StudioNode, StudioProblem } from '../../src/lib/studio-tree';

/**
 * The studio's one checker and compiler (src/lib/studio-mdx.ts): what an author is told at save,
 * with the line and column of each problem, and what a lesson compiles to.
 */

function compiled(source: string): CompiledLesson {
  const outcome = compileStudioLesson(source);
  if (!outcome.ok) throw new Error(`expected the lesson to compile: ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

function problems(source: string): StudioProblem[] {
  const outcome = compileStudioLesson(source);
  if (outcome.ok) throw new Error(`expected the lesson to be refused: ${source}`);
  return outcome.problems;
}

/** The headings Astro's MDX pipeline (Sätteri with Astro's heading-ids plugin) gives the same text. */
async function astroHeadings(source: string): Promise<Array<{ depth: number; slug: string; text: string }>> {
  const data = { astro: { frontmatter: {}, headings: [] as Array<{ depth: number; slug: string; text: string }>, localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() } };
  const result = await mdxToJs(source, {
    hastPlugins: [satteriHeadingIdsPlugin()],
    features: { gfm: true, smartPunctuation: true },
    jsxImportSource: 'astro',
    elementAttributeNameCase: 'html',
    data,
  });
  return (result.data as typeof data).astro.headings;
}

/** The compiled tree without the newlines between blocks, for comparing shapes. */
function shape(nodes: StudioNode[]): unknown[] {
  return nodes
    .filter((node) => !(node.kind === 'text' && node.value.trim() === ''))
    .map((node) => {
      if (node.kind === 'text') return node.value;
      if (node.kind === 'element') return { [node.tag]: shape(node.children), ...(Object.keys(node.attrs).length > 0 ? { attrs: node.attrs } : {}) };
      return { [node.name]: shape(node.children), props: node.props };
    });
}

describe('compileStudioLesson: what a lesson compiles to', () => {
  it('turns markdown into the allowed elements and components into components with their props as written', () => {
    const lesson = compiled(
      [
        '开头一段，有**加粗**、*强调*和[链接](https://www.12371.cn/)，还有[本站](/courses/)。',
        '',
        '## 第一部分',
        '',
        '<Quote source="《中国共产党章程》第六条">',
        '我志愿加入中国共产党。',
        '</Quote>',
        '',
        '<Timeline title="长征大事记">',
        '<TimelineItem when="1935年1月">',
        '遵义会议',
        '</TimelineItem>',
        '</Timeline>',
        '',
        '- 一',
        '- 二',
        '',
        '<LessonQuiz ids="3,5" />',
      ].join('\n'),
    );
    expect(shape(lesson.nodes)).toEqual([
      {
        p: [
          '开头一段，有',
          { strong: ['加粗'] },
          '、',
          { em: ['强调'] },
          '和',
          { a: ['链接'], attrs: { href: 'https://www.12371.cn/' } },
          '，还有',
          { a: ['本站'], attrs: { href: '/courses/' } },
          '。',
        ],
      },
      { h2: ['第一部分'], attrs: { id: '第一部分' } },
      { Quote: [{ p: ['我志愿加入中国共产党。'] }], props: { source: '《中国共产党章程》第六条' } },
      { Timeline: [{ TimelineItem: [{ p: ['遵义会议'] }], props: { when: '1935年1月' } }], props: { title: '长征大事记' } },
      { ul: [{ li: ['一'] }, { li: ['二'] }] },
      { LessonQuiz: [], props: { ids: '3,5' } },
    ]);
    expect(lesson.headings).toEqual([{ depth: 2, slug: '第一部分', text: '第一部分' }]);
  });

  it('gives the plain text of the words, with what learners read on the components, for reading time and search', () => {
    const lesson = compiled('## 标题\n\n正文**加粗**。\n\n<SelfCheck question="预备期多长？" answer="一年。">\n党章第七条。\n</SelfCheck>\n');
    expect(lesson.plainText).toBe('标题\n正文加粗。\n预备期多长？\n一年。\n党章第七条。');
  });

  it('gives headings the ids Astro gives them in an MDX course, repeats and punctuation included', async () => {
    const source = [
      '## 一首诗、一条船',
      '',
      '## 一首诗、一条船',
      '',
      '### Hello World & *Friends*',
      '',
      '<Discussion>',
      '',
      '#### 讨论：**怎样**守住初心？',
      '',
      '</Discussion>',
      '',
      '## 2021年7月1日',
    ].join('\n');
    const lesson = compiled(source);
    expect(lesson.headings).toEqual(await astroHeadings(source));
    expect(lesson.headings.map(({ slug }) => slug)).toEqual(['一首诗一条船', '一首诗一条船-1', 'hello-world--friends', '讨论怎样守住初心', '2021年7月1日']);
  });

  it('takes an empty lesson', () => {
    expect(compiled('')).toEqual({ nodes: [], headings: [], plainText: '' });
  });
});

describe('compileStudioLesson: what an author is told', () => {
  it('finds every problem at once, in order, each at its line and column, in Chinese', () => {
    const found = problems(
      [
        '# 课的题目', // 1
        '', // 2
        '<Quote source={出处}>', // 3
        '原文', // 4
        '</Quote>', // 5
        '', // 6
        '正文里有<Unknown />。', // 7
        '', // 8
        '[点我](javascript:alert(1))', // 9
        '', // 10
        '<Figure src="/images/a.jpg" />', // 11
      ].join('\n'),
    );
    expect(found.map(({ line, column }) => `${line}:${column}`)).toEqual(['1:1', '3:8', '7:5', '9:1', '11:1']);
    expect(found[0]?.message).toContain('一级标题');
    expect(found[1]?.message).toBe('<Quote> 的 source 要写成 source="文字"（英文双引号），不能写成 {…}。');
    expect(found[2]?.message).toMatch(/^没有 <Unknown> 这个组件：只能用这些组件：<KeyPoints>（要点）/);
    expect(found[3]?.message).toContain('链接地址“javascript:alert(1)”不能用');
    expect(found[4]?.message).toBe('<Figure>（图片）的写法不对：alt：请写图片说明（alt），写图上有什么，给看不见图的人听');
  });

  it('refuses imports, exports and expressions', () => {
    expect(problems('第一段\n\nimport Evil from "./evil.astro"')).toEqual([
      { line: 3, column: 1, message: '课文里不能写 import 或 export：组件不用导入，直接写 <组件名 属性="文字">。' },
    ]);
    expect(problems('export const a = 1')[0]?.message).toContain('import 或 export');
    expect(problems('一段 {alert(1)} 文字')).toEqual([{ line: 1, column: 4, message: '课文里不能写花括号 {…}（表达式或注释）：要写花括号本身，请用全角的｛ ｝。' }]);
    expect(problems('\n{/* 注释 */}')[0]).toMatchObject({ line: 2, column: 1 });
    expect(problems('一段 {没有配对')[0]).toMatchObject({ line: 1, message: expect.stringContaining('花括号') });
  });

  it('refuses raw HTML and points at the tag', () => {
    expect(problems('一段\n\n<script>alert(1)</script>')).toEqual([
      {
        line: 3,
        column: 1,
        message: expect.stringMatching(/^课文里不能写 HTML 标签 <script>：只能用这些组件：/),
      },
    ]);
    expect(problems('文字 <b onclick="x">粗</b>')[0]).toMatchObject({ line: 1, column: 4, message: expect.stringContaining('<b>') });
    expect(problems('<></>')[0]?.message).toContain('空标签');
  });

  it('refuses attributes that are not literal text, unknown to the component, repeated or wrong', () => {
    expect(problems('<LessonQuiz ids={[3,5]} />')).toEqual([{ line: 1, column: 13, message: '<LessonQuiz> 的 ids 要写成 ids="文字"（英文双引号），不能写成 {…}。' }]);
    expect(problems('<Discussion {...props}>\n\n问题\n\n</Discussion>')[0]).toMatchObject({ line: 1, column: 13, message: expect.stringContaining('不能写成 {…}') });
    expect(problems('<Quote source="党章" hidden>\n\n原文\n\n</Quote>')[0]).toMatchObject({ line: 1, column: 20, message: expect.stringContaining('hidden 要写上值') });
    expect(problems('<Quote source="党章" source="章程">\n\n原文\n\n</Quote>')[0]?.message).toContain('写了两次');
    expect(problems('<KeyPoints onclick="alert(1)">\n\n- 一\n\n</KeyPoints>')).toEqual([
      { line: 1, column: 12, message: '<KeyPoints>（要点）的写法不对：onclick：没有这个属性' },
    ]);
    expect(problems('<LessonQuiz ids="三,五" />')[0]?.message).toBe('<LessonQuiz>（课后小测）的写法不对：ids：ids 写题号，用逗号隔开，例如 3,5');
    expect(problems('<LessonQuiz tag="红船" ids="3" />')[0]?.message).toContain('只写其中一个');
    expect(problems('<Figure src="javascript:alert(1)" alt="图" />')[0]).toMatchObject({ line: 1, column: 9, message: expect.stringContaining('src：图片地址（src）写本站的路径') });
  });

  it('holds components to where they belong', () => {
    expect(problems('<TimelineItem when="1921年">\n\n一大\n\n</TimelineItem>')[0]?.message).toContain('要写在 <Timeline> 和 </Timeline> 之间');
    expect(problems('<Timeline>\n\n一段文字\n\n</Timeline>')[0]).toMatchObject({ line: 3, message: expect.stringContaining('只写一项一项的 <TimelineItem') });
    expect(problems('<Figure src="/a.jpg" alt="图">\n\n多余的文字\n\n</Figure>')[0]?.message).toContain('不用写内容');
    expect(problems('文字 <Quote source="党章">原文</Quote> 文字')[0]).toMatchObject({ line: 1, column: 4, message: expect.stringContaining('要单独成段') });
  });

  it('refuses what the subset does not have: pictures without alt text, code blocks, reference links, deep nesting, huge lessons', () => {
    expect(problems('![](/a.jpg)')[0]?.message).toContain('<Figure');
    expect(problems('段落\n\n```js\nalert(1)\n```')[0]).toMatchObject({ line: 3, message: expect.stringContaining('代码块') });
    expect(problems('[a][x]\n\n[x]: javascript:alert(1)')[0]?.message).toContain('不用引用式写法');
    expect(problems('>'.repeat(40) + ' 深')[0]?.message).toContain('太多层');
    expect(problems('字'.repeat(STUDIO_LESSON_MAX_LENGTH + 1))[0]?.message).toContain('太长');
  });

  it('explains what the MDX parser could not read, where it stopped', () => {
    expect(problems('<Quote source="党章">\n\n原文')).toEqual([
      { line: 1, column: 1, message: '组件 <Quote> 的开头标签和结尾标签没有配对：请在内容后面单独一行写上 </Quote>，或把不用写内容的组件写成 <Quote … />。' },
    ]);
    // An unclosed quote runs on to the end: the parser stops there, and the author is told to look back.
    expect(problems('一段\n\n<Quote source="党章>\n\n原文\n\n</Quote>')[0]).toMatchObject({ line: 7, column: 9, message: expect.stringContaining('往前找') });
    expect(problems('<Quote source=党章>')[0]).toMatchObject({ line: 1, column: 15, message: expect.stringContaining('英文双引号') });
    expect(problems('文字<1>')[0]).toMatchObject({ line: 1, message: expect.stringContaining('尖括号') });
  });
});

describe('links', () => {
  it('go to http(s) addresses and paths of this site only', () => {
    for (const href of ['https://www.12371.cn/', 'http://example.com/a?b=1#c', '/courses/red-spirit/', '/']) expect(isAllowedHref(href), href).toBe(true);
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example/', '/\\evil.example', 'https:evil', 'mailto:a@b.c', '#top', 'courses/x', '', 'https://a.example/ x', 'java\u200bscript:x', 'https://a\u202e.example/'])
      expect(isAllowedHref(href), href).toBe(false);
  });
});

describe('every MDX lesson compiles with the studio compiler (one vocabulary)', () => {
  const roots = ['content/courses', 'tests/fixtures/content/courses'];
  const files = roots.flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => readdirSync(join(root, entry.name)).filter((file) => file.endsWith('.mdx')).map((file) => join(root, entry.name, file))),
  );

  it('finds the lessons', () => {
    expect(files.filter((file) => file.startsWith('content/')).length).toBeGreaterThanOrEqual(18);
  });

  for (const file of files) {
    it(`${file} compiles, with the headings Astro gives it`, async () => {
      const body = stripFrontmatter(readFileSync(file, 'utf8'));
      const outcome = compileStudioLesson(body);
      expect(outcome.ok ? [] : outcome.problems, file).toEqual([]);
      if (!outcome.ok) return;
      expect(outcome.value.headings).toEqual(await astroHeadings(body));
      expect(outcome.value.plainText.length).toBeGreaterThan(0);
    });
  }
});
