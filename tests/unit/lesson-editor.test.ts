import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockAtLine, parseLesson, problemsByBlock, writeLesson, writeLessonWithOwners, type Block } from '../../src/islands/editor/mdx-blocks';
import { LESSON_PALETTE } from '../../src/islands/editor/palette';
import { paletteModule } from '../../src/lib/lesson-palette';
import { LESSON_COMPONENT_PROPS } from '../../src/schemas/lesson-components';

/** Blocks without their React keys, for comparing. */
const shapes = (blocks: Block[]) => blocks.map(({ id: _id, ...rest }) => rest);

function blocksOf(text: string): Block[] {
  const parsed = parseLesson(text);
  if (!parsed.ok) throw new Error(`not blocks: ${parsed.reason}`);
  return parsed.blocks;
}

/** A lesson using everything the blocks express, as the editor writes it. */
const EVERYTHING = `## 大革命失败后的抉择

1927年，**大革命**失败了。详见[党史学习](/courses/red-spirit/) 和 *八七会议*。

### 小标题

- 第一条
- 第二条，有[链接](https://www.12371.cn/)

1. 先读原文
2. 再讨论

<KeyPoints>
  - 三湾改编把支部建在连上。
  - 朱毛会师。
</KeyPoints>

<Quote source="毛泽东在八七会议上的发言（1927年8月7日）">
  须知政权是由枪杆子中取得的。

  第二段原文。
</Quote>

<Timeline title="井冈山大事记">
  <TimelineItem when="1927年9月9日">秋收起义爆发。</TimelineItem>
  <TimelineItem when="1927年10月">部队到达**井冈山**。</TimelineItem>
</Timeline>

<Figure src="/images/courses/red-boat.jpg" alt="嘉兴南湖上的红船" caption="南湖红船" width="640" />

<Discussion>
  在您的工作经历中，有没有需要“闯一闯”的时候？
</Discussion>

<SelfCheck question="“支部建在连上”是在哪一次改编中确立的？" answer="三湾改编。">
  三湾改编从组织上确立了党对军队的领导。
</SelfCheck>

<LessonQuiz tag="井冈山精神" />

<LessonQuiz ids="3,5" lead="做两道题吧。" />
`;

describe('lesson text ↔ editor blocks', () => {
  it('reads every kind of block and writes the same text back', () => {
    const blocks = blocksOf(EVERYTHING);
    expect(blocks.map((block) => (block.kind === 'component' ? block.name : block.kind))).toEqual([
      'heading', 'paragraph', 'heading', 'list', 'list', 'KeyPoints', 'Quote', 'Timeline', 'Figure', 'Discussion', 'SelfCheck', 'LessonQuiz', 'LessonQuiz',
    ]);
    expect(writeLesson(blocks)).toBe(EVERYTHING);
  });

  it('keeps each field as written', () => {
    const blocks = blocksOf(EVERYTHING);
    expect(shapes(blocks).slice(5, 9)).toEqual([
      { kind: 'component', name: 'KeyPoints', props: {}, body: '', items: ['三湾改编把支部建在连上。', '朱毛会师。'], events: [] },
      { kind: 'component', name: 'Quote', props: { source: '毛泽东在八七会议上的发言（1927年8月7日）' }, body: '须知政权是由枪杆子中取得的。\n\n第二段原文。', items: [], events: [] },
      { kind: 'component', name: 'Timeline', props: { title: '井冈山大事记' }, body: '', items: [], events: [{ when: '1927年9月9日', text: '秋收起义爆发。' }, { when: '1927年10月', text: '部队到达**井冈山**。' }] },
      { kind: 'component', name: 'Figure', props: { src: '/images/courses/red-boat.jpg', alt: '嘉兴南湖上的红船', caption: '南湖红船', width: '640' }, body: '', items: [], events: [] },
    ]);
  });

  it('blocks written and read again are the same blocks, including awkward characters', () => {
    const blocks: Block[] = [
      { kind: 'paragraph', id: 'a', text: '花括号 { 和尖括号 < 都只是字，还有 * 号和 1. 开头' },
      { kind: 'heading', id: 'b', depth: 2, text: '“引号”与 **加粗**' },
      { kind: 'list', id: 'c', ordered: true, items: ['一', '二'] },
      { kind: 'component', id: 'd', name: 'Quote', props: { source: '他说“对”' }, body: '一段\n\n两段 <b>', items: [], events: [] },
      { kind: 'component', id: 'e', name: 'SelfCheck', props: { question: '问？', answer: '答' }, body: '', items: [], events: [] },
    ];
    const again = blocksOf(writeLesson(blocks));
    expect(shapes(again)).toEqual(shapes(blocksOf(writeLesson(again))));
    expect(shapes(again).slice(1, 3)).toEqual(shapes(blocks).slice(1, 3));
    expect(again[0]).toMatchObject({ kind: 'paragraph' });
    // What the author typed comes back as words, not as markup.
    expect(writeLesson(again)).toContain('\\{');
    expect(writeLesson(again)).not.toMatch(/[^\\]<b>/);
  });

  it('reads the other way of writing time-line items (one per element, with paragraphs)', () => {
    const blocks = blocksOf('<Timeline>\n<TimelineItem when="1921年7月">\n中共一大召开。\n</TimelineItem>\n</Timeline>\n');
    expect(shapes(blocks)).toEqual([{ kind: 'component', name: 'Timeline', props: {}, body: '', items: [], events: [{ when: '1921年7月', text: '中共一大召开。' }] }]);
  });

  it('opens in 源码, with the line, what the blocks cannot show', () => {
    const cases: Array<[string, RegExp]> = [
      ['第一段\n\nimport X from "y"\n', /第 3 行有import 或 export/],
      ['第一段\n\n{1 + 1}\n', /第 3 行有花括号/],
      ['<Unknown />\n', /第 1 行有不认识的标签 <Unknown>/],
      ['<Quote source={x}>\n甲\n</Quote>\n', /第 1 行有“原文”里编辑器显示不了的写法/],
      ['<Figure src="/a.jpg" alt="a" onclick="x" />\n', /第 1 行/],
      ['> 引用\n', /以 > 开头的引用/],
      ['<div>\n', /第 1 行/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseLesson(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    }
  });

  it('finds the block a problem line points at', () => {
    const parsed = parseLesson(EVERYTHING);
    if (!parsed.ok) throw new Error('not blocks');
    expect(blockAtLine(parsed.lines, 1)).toBe(0);
    const quote = parsed.blocks.findIndex((block) => block.kind === 'component' && block.name === 'Quote');
    const [start, end] = parsed.lines[quote] ?? [0, 0];
    expect(blockAtLine(parsed.lines, start)).toBe(quote);
    expect(blockAtLine(parsed.lines, end)).toBe(quote);
  });

  it('puts each problem of the saved text at the block that wrote its line, skipping empty blocks', () => {
    const blocks = blocksOf(EVERYTHING);
    const empty: Block = { kind: 'paragraph', id: 'empty', text: '' };
    const { text, ids } = writeLessonWithOwners([empty, ...blocks]);
    expect(text).toBe(EVERYTHING);
    const quote = blocks.find((block) => block.kind === 'component' && block.name === 'Quote');
    const quoteLine = EVERYTHING.split('\n').findIndex((line) => line.startsWith('<Quote')) + 1;
    const found = problemsByBlock(text, ids, [{ line: quoteLine + 1, column: 3, message: '原话太长' }, { line: 1, column: 1, message: '标题' }]);
    expect(found.get(quote?.id ?? '')).toEqual([{ line: quoteLine + 1, column: 3, message: '原话太长' }]);
    expect(found.get(blocks[0]?.id ?? '')).toEqual([{ line: 1, column: 1, message: '标题' }]);
    expect(found.has('empty')).toBe(false);
  });

  it('opens every course lesson of content/courses that is within the blocks and writes it back unchanged in meaning', () => {
    let opened = 0;
    let lessons = 0;
    for (const course of readdirSync('content/courses')) {
      for (const file of readdirSync(`content/courses/${course}`).filter((name) => name.endsWith('.mdx') && name !== 'index.mdx')) {
        const body = readFileSync(`content/courses/${course}/${file}`, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
        lessons += 1;
        const parsed = parseLesson(body);
        if (!parsed.ok) continue;
        opened += 1;
        const written = writeLesson(parsed.blocks);
        expect(shapes(blocksOf(written)), file).toEqual(shapes(parsed.blocks));
        expect(writeLesson(blocksOf(written)), file).toBe(written);
      }
    }
    // Every lesson of the MDX courses is within what the blocks express.
    expect(opened).toBe(lessons);
    expect(opened).toBeGreaterThanOrEqual(18);
  });
});

describe('the editor palette', () => {
  it('is generated from the schemas and up to date (npm run build writes it)', () => {
    expect(readFileSync('src/islands/editor/palette.ts', 'utf8')).toBe(paletteModule());
  });

  it('offers every lesson component with each of its attributes labelled in Chinese', () => {
    expect(Object.keys(LESSON_PALETTE).sort()).toEqual(Object.keys(LESSON_COMPONENT_PROPS).sort());
    for (const [name, schema] of Object.entries(LESSON_COMPONENT_PROPS)) {
      const entry = LESSON_PALETTE[name as keyof typeof LESSON_PALETTE];
      expect(entry.fields.map((field) => field.name)).toEqual(Object.keys(schema.shape));
      for (const field of [entry, ...entry.fields]) {
        expect(field.label).toMatch(/\p{Script=Han}/u);
        expect(field.hint).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(LESSON_PALETTE.Figure.fields.filter((field) => field.required).map((field) => field.name)).toEqual(['src', 'alt']);
    expect(LESSON_PALETTE.Quote).toMatchObject({ label: '原文', content: 'paragraphs' });
  });

  it('keeps zod out of the generated palette and the editor modules', () => {
    for (const file of [...readdirSync('src/islands/editor'), '../LessonEditor.tsx']) {
      const imports = readFileSync(`src/islands/editor/${file}`, 'utf8').split('\n').filter((line) => /^import (?!type )/.test(line));
      expect(imports.join('\n'), file).not.toMatch(/(zod|schemas\/|lib\/server)/);
    }
  });
});
