import { fromMarkdown } from 'mdast-util-from-markdown';
import { toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown, mdxToMarkdown, type MdxJsxFlowElement, type MdxJsxTextElement } from 'mdast-util-mdx';
import type { Paragraph, PhrasingContent, Root, RootContent, List, ListItem } from 'mdast';
import { LESSON_PALETTE } from './palette';
import type { LessonComponentName, PaletteEntry } from './palette-types';

/**
 * A studio lesson as the editor shows it: a list of blocks (paragraphs, headings, lists, and the
 * lesson vocabulary's components with their fields), and the strict MDX subset it is stored as.
 * `parseLesson` reads the text into blocks when every part of it is something a block expresses
 * (otherwise the editor opens 源码 and says why); `writeLesson` writes blocks back as MDX through
 * mdast-util-to-markdown. For what the blocks express the round trip is exact:
 * parseLesson(writeLesson(blocks)) gives the same blocks, and text the editor wrote comes back as it was.
 * Text inside a block keeps markdown's inline marks (**加粗**, [链接](地址)).
 */

/** The components one can insert (a 时间点 lives inside a 时间线). */
export type BlockComponentName = Exclude<LessonComponentName, 'TimelineItem'>;

export interface TimelineEvent {
  when: string;
  text: string;
}

export type Block =
  | { kind: 'paragraph'; id: string; text: string }
  | { kind: 'heading'; id: string; depth: 2 | 3; text: string }
  | { kind: 'list'; id: string; ordered: boolean; items: string[] }
  | {
      kind: 'component';
      id: string;
      name: BlockComponentName;
      /** The attributes as written, by name (absent or '' = not written). */
      props: Record<string, string>;
      /** content 'paragraphs': paragraphs separated by a blank line. */
      body: string;
      /** content 'list': one point a line. */
      items: string[];
      /** content 'items': the time line's events. */
      events: TimelineEvent[];
    };

export type ParsedLesson =
  | { ok: true; blocks: Block[]; /** 1-based first and last line of each block in the text. */ lines: Array<[number, number]> }
  | { ok: false; line: number; reason: string };

let counter = 0;
/** A key for React and for focusing a block; never written into the lesson. */
export function newBlockId(): string {
  counter += 1;
  return `b${counter}`;
}

const PARSE_OPTIONS = { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] };
const INLINE_OPTIONS: ToMarkdownOptions = { bullet: '-', emphasis: '*', strong: '*', listItemIndent: 'one', rule: '-' };
const WRITE_OPTIONS: ToMarkdownOptions = { ...INLINE_OPTIONS, extensions: [mdxToMarkdown()] };

function isBlockComponent(name: string | null | undefined): name is BlockComponentName {
  return typeof name === 'string' && name !== 'TimelineItem' && Object.hasOwn(LESSON_PALETTE, name);
}

/** Phrasing a block's text can hold: words, bold, italic, links, code, line breaks. */
function plainPhrasing(nodes: PhrasingContent[]): boolean {
  return nodes.every((node) => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'break':
        return true;
      case 'strong':
      case 'emphasis':
        return plainPhrasing(node.children);
      case 'link':
        return !node.title && plainPhrasing(node.children);
      default:
        return false;
    }
  });
}

/** A block's text as the author edits it: markdown inline marks, nothing else. */
export function phrasingToText(children: PhrasingContent[]): string {
  if (children.length === 0) return '';
  return toMarkdown({ type: 'paragraph', children }, INLINE_OPTIONS).replace(/\n$/, '');
}

/** What the author typed, as phrasing; text that would be more than a paragraph stays words. */
export function textToPhrasing(text: string): PhrasingContent[] {
  const value = text.trim();
  if (value === '') return [];
  const root = fromMarkdown(value);
  const [only] = root.children;
  if (root.children.length === 1 && only?.type === 'paragraph' && plainPhrasing(only.children)) return stripPositions(only.children);
  return [{ type: 'text', value }];
}

function stripPositions<T>(nodes: T[]): T[] {
  return nodes.map((node) => {
    const { position: _position, ...rest } = node as { position?: unknown; children?: unknown[] };
    if (Array.isArray(rest.children)) rest.children = stripPositions(rest.children);
    return rest as T;
  });
}

function paragraphsToText(nodes: RootContent[]): string | null {
  const texts: string[] = [];
  for (const node of nodes) {
    if (node.type !== 'paragraph' || !plainPhrasing(node.children)) return null;
    texts.push(phrasingToText(node.children));
  }
  return texts.join('\n\n');
}

function listItems(list: List): string[] | null {
  if (list.spread || (list.ordered && list.start !== 1 && list.start != null)) return null;
  const items: string[] = [];
  for (const item of list.children as ListItem[]) {
    const [paragraph] = item.children;
    if (item.spread || item.checked != null || item.children.length !== 1 || paragraph?.type !== 'paragraph' || !plainPhrasing(paragraph.children)) return null;
    items.push(phrasingToText(paragraph.children));
  }
  return items;
}

/** The attributes of a component as literal strings, or null when one is not (or is unknown). */
function literalProps(element: MdxJsxFlowElement | MdxJsxTextElement, entry: PaletteEntry): Record<string, string> | null {
  const props: Record<string, string> = {};
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') return null;
    if (!entry.fields.some((field) => field.name === attribute.name) || Object.hasOwn(props, attribute.name)) return null;
    props[attribute.name] = attribute.value;
  }
  return props;
}

function timelineEvents(children: RootContent[]): TimelineEvent[] | null {
  const events: TimelineEvent[] = [];
  const entry = LESSON_PALETTE.TimelineItem;
  const add = (element: MdxJsxFlowElement | MdxJsxTextElement, text: string | null): boolean => {
    const props = literalProps(element, entry);
    if (!props || text === null || Object.keys(props).some((key) => key !== 'when')) return false;
    events.push({ when: props['when'] ?? '', text });
    return true;
  };
  for (const child of children) {
    if (child.type === 'mdxJsxFlowElement' && child.name === 'TimelineItem') {
      if (!add(child, paragraphsToText(child.children as RootContent[]))) return null;
    } else if (child.type === 'paragraph') {
      // Items written one a line are text elements inside one paragraph, separated by line breaks.
      for (const node of child.children) {
        if (node.type === 'text' && node.value.trim() === '') continue;
        if (node.type !== 'mdxJsxTextElement' || node.name !== 'TimelineItem') return null;
        if (!plainPhrasing(node.children as PhrasingContent[])) return null;
        if (!add(node, phrasingToText(node.children as PhrasingContent[]))) return null;
      }
    } else {
      return null;
    }
  }
  return events;
}

function toBlock(node: RootContent): Block | null {
  const id = newBlockId();
  switch (node.type) {
    case 'paragraph':
      return plainPhrasing(node.children) ? { kind: 'paragraph', id, text: phrasingToText(node.children) } : null;
    case 'heading':
      return (node.depth === 2 || node.depth === 3) && plainPhrasing(node.children) ? { kind: 'heading', id, depth: node.depth, text: phrasingToText(node.children) } : null;
    case 'list': {
      const items = listItems(node);
      return items ? { kind: 'list', id, ordered: Boolean(node.ordered), items } : null;
    }
    case 'mdxJsxFlowElement': {
      if (!isBlockComponent(node.name)) return null;
      const entry = LESSON_PALETTE[node.name];
      const props = literalProps(node, entry);
      if (!props) return null;
      const block = { kind: 'component' as const, id, name: node.name, props, body: '', items: [] as string[], events: [] as TimelineEvent[] };
      const children = node.children as RootContent[];
      if (entry.content === 'none') return children.length === 0 ? block : null;
      if (entry.content === 'paragraphs') {
        const body = paragraphsToText(children);
        return body === null ? null : { ...block, body };
      }
      if (entry.content === 'list') {
        if (children.length === 0) return block;
        const [list] = children;
        const items = children.length === 1 && list?.type === 'list' && !list.ordered ? listItems(list) : null;
        return items ? { ...block, items } : null;
      }
      const events = timelineEvents(children);
      return events ? { ...block, events } : null;
    }
    default:
      return null;
  }
}

const WHAT: Partial<Record<string, string>> = {
  mdxjsEsm: 'import 或 export',
  mdxFlowExpression: '花括号 { } 里的表达式',
  html: 'HTML 标签',
  code: '代码块',
  blockquote: '以 > 开头的引用（请用“原文”）',
  thematicBreak: '分隔线',
  table: '表格',
};

/** Reads a lesson's text into blocks, or says (with the line) what the blocks cannot show. */
export function parseLesson(text: string): ParsedLesson {
  let root: Root;
  try {
    root = fromMarkdown(text, PARSE_OPTIONS);
  } catch (error) {
    const line = (error as { line?: number }).line ?? 1;
    return { ok: false, line, reason: `第 ${line} 行的写法读不懂（也许少了结束标签、引号或括号）` };
  }
  const blocks: Block[] = [];
  const lines: Array<[number, number]> = [];
  for (const node of root.children) {
    const block = toBlock(node);
    const line = node.position?.start.line ?? 1;
    if (!block) {
      const name = node.type === 'mdxJsxFlowElement' ? node.name : undefined;
      const what = name ? (isBlockComponent(name) ? `“${LESSON_PALETTE[name].label}”里编辑器显示不了的写法` : `不认识的标签 <${name ?? ''}>`) : (WHAT[node.type] ?? '编辑器显示不了的写法');
      return { ok: false, line, reason: `第 ${line} 行有${what}` };
    }
    blocks.push(block);
    lines.push([line, node.position?.end.line ?? line]);
  }
  return { ok: true, blocks, lines };
}

function paragraphs(body: string): Paragraph[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((part) => textToPhrasing(part))
    .filter((children) => children.length > 0)
    .map((children) => ({ type: 'paragraph', children }));
}

function listNode(items: string[], ordered: boolean): List {
  return {
    type: 'list',
    ordered,
    ...(ordered ? { start: 1 } : {}),
    spread: false,
    children: items
      .map((item) => textToPhrasing(item))
      .filter((children) => children.length > 0)
      .map((children): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })),
  };
}

function attributes(name: LessonComponentName, props: Record<string, string>): MdxJsxFlowElement['attributes'] {
  // In the palette's order; an optional attribute left empty is not written, a required one is (so
  // the check at save points at it).
  return LESSON_PALETTE[name].fields
    .filter((field) => field.required || (props[field.name] ?? '').trim() !== '')
    .map((field) => ({ type: 'mdxJsxAttribute', name: field.name, value: (props[field.name] ?? '').trim() }));
}

function toNode(block: Block): RootContent | null {
  switch (block.kind) {
    case 'paragraph': {
      const children = textToPhrasing(block.text);
      return children.length > 0 ? { type: 'paragraph', children } : null;
    }
    case 'heading': {
      const children = textToPhrasing(block.text);
      return children.length > 0 ? { type: 'heading', depth: block.depth, children } : null;
    }
    case 'list': {
      const list = listNode(block.items, block.ordered);
      return list.children.length > 0 ? list : null;
    }
    case 'component': {
      const content = LESSON_PALETTE[block.name].content;
      let children: MdxJsxFlowElement['children'] = [];
      if (content === 'paragraphs') children = paragraphs(block.body);
      if (content === 'list') {
        const list = listNode(block.items, false);
        children = list.children.length > 0 ? [list] : [];
      }
      if (content === 'items' && block.events.length > 0) {
        const line: PhrasingContent[] = [];
        block.events.forEach((event, index) => {
          if (index > 0) line.push({ type: 'text', value: '\n' });
          line.push({ type: 'mdxJsxTextElement', name: 'TimelineItem', attributes: attributes('TimelineItem', { when: event.when }), children: textToPhrasing(event.text) });
        });
        children = [{ type: 'paragraph', children: line }];
      }
      return { type: 'mdxJsxFlowElement', name: block.name, attributes: attributes(block.name, block.props), children };
    }
  }
}

/** The lesson text the blocks stand for (empty blocks leave nothing behind). */
export function writeLesson(blocks: readonly Block[]): string {
  return writeLessonWithOwners(blocks).text;
}

/** The lesson text, and for each block written (in order) its id: what a line of the text belongs to. */
export function writeLessonWithOwners(blocks: readonly Block[]): { text: string; ids: string[] } {
  const written = blocks.map((block) => ({ id: block.id, node: toNode(block) })).filter((entry): entry is { id: string; node: RootContent } => entry.node !== null);
  if (written.length === 0) return { text: '', ids: [] };
  return { text: toMarkdown({ type: 'root', children: written.map((entry) => entry.node) }, WRITE_OPTIONS), ids: written.map((entry) => entry.id) };
}

/**
 * Which block each problem of `text` belongs to (by block id), when `text` is what `ids`' blocks
 * wrote; problems before the first block (or when the text is not blocks) go under ''.
 */
export function problemsByBlock<P extends { line: number }>(text: string, ids: readonly string[], problems: readonly P[]): Map<string, P[]> {
  const parsed = parseLesson(text);
  const lines = parsed.ok && parsed.lines.length === ids.length ? parsed.lines : [];
  const found = new Map<string, P[]>();
  for (const problem of problems) {
    const index = blockAtLine(lines, problem.line);
    const id = index >= 0 ? (ids[index] ?? '') : '';
    found.set(id, [...(found.get(id) ?? []), problem]);
  }
  return found;
}

/** A new, empty block of a component, with its fields empty. */
export function newComponentBlock(name: BlockComponentName): Block {
  const content = LESSON_PALETTE[name].content;
  return {
    kind: 'component',
    id: newBlockId(),
    name,
    props: {},
    body: '',
    items: content === 'list' ? [''] : [],
    events: content === 'items' ? [{ when: '', text: '' }] : [],
  };
}

/** The index of the block a line of the text belongs to (the nearest before it when between blocks). */
export function blockAtLine(lines: ReadonlyArray<[number, number]>, line: number): number {
  let found = -1;
  lines.forEach(([start], index) => {
    if (start <= line) found = index;
  });
  return found;
}
