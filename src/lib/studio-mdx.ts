import type { Element as HastElement, ElementContent as HastContent, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toHast, type State } from 'mdast-util-to-hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import GithubSlugger from 'github-slugger';
import { LESSON_COMPONENT_PROPS, type LessonComponent } from '../schemas/lesson-components';
import { componentPropProblems } from '../schemas/component-props';
import type { CompileOutcome, CompiledLesson, StudioHeading, StudioNode, StudioProblem } from './studio-tree';
import { isAllowedHref, STUDIO_ALLOWED } from './studio-allowed';

/**
 * Checks and compiles a studio lesson written in the strict MDX subset: markdown (headings, lists,
 * bold, links to http(s) and site paths) and the lesson vocabulary (LESSON_COMPONENT_PROPS) with
 * literal string attributes only; no imports, exports, {expressions}, raw HTML or unknown tags.
 * The same function checks at save (the author sees every problem with its line) and compiles at
 * publication and for the preview. Pure: no database, no Astro, so it runs anywhere.
 *
 * How: the text is parsed as MDX (mdast-util-from-markdown + micromark-extension-mdxjs +
 * mdast-util-mdx), so it means what it would mean in an MDX course file; the tree is checked node
 * by node; the markdown parts become HTML elements through mdast-util-to-hast and are sanitised
 * against STUDIO_ALLOWED (hast-util-sanitize) — what survives is the compiled tree
 * (src/lib/studio-tree.ts) that src/components/studio/StudioBody.astro renders.
 */

/** The longest lesson text accepted, in characters (a long lesson is about 8 000). */
export const STUDIO_LESSON_MAX_LENGTH = 100_000;

/** How deep components, lists and quotes may nest in one another. */
const MAX_DEPTH = 24;

/** The Chinese name of each vocabulary component, for messages and the editor's palette. */
export const LESSON_COMPONENT_NAMES: Record<LessonComponent, string> = {
  KeyPoints: '要点',
  Quote: '原文',
  Timeline: '时间线',
  TimelineItem: '时间线的一项',
  Figure: '图片',
  Discussion: '思考题',
  SelfCheck: '小测',
  LessonQuiz: '课后小测',
  Recitation: '诵读',
};

/** Components that take no content between their tags (write them as `<Figure … />`). */
const EMPTY_COMPONENTS: ReadonlySet<LessonComponent> = new Set(['Figure', 'LessonQuiz']);

/** Props whose text learners see, so they count in the plain text (reading time, search, 汉字). */
const VISIBLE_PROPS = ['title', 'when', 'source', 'question', 'answer', 'caption', 'lead', 'author', 'date'];

/** The tag the vocabulary's components wear between mdast-util-to-hast and the sanitiser. */
const COMPONENT_TAG = 'studio-component';

const SANITIZE_SCHEMA: Schema = {
  tagNames: [...Object.keys(STUDIO_ALLOWED), COMPONENT_TAG],
  attributes: {
    ...Object.fromEntries(Object.entries(STUDIO_ALLOWED).map(([tag, attributes]) => [tag, [...attributes]])),
    [COMPONENT_TAG]: ['dataIndex'],
  },
  protocols: { href: ['http', 'https'] },
  ancestors: { li: ['ol', 'ul'] },
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style'],
  allowComments: false,
  allowDoctypes: false,
};

/** A component name of the lesson vocabulary. */
function isLessonComponent(name: string): name is LessonComponent {
  return Object.hasOwn(LESSON_COMPONENT_PROPS, name);
}

const COMPONENT_LIST = (Object.keys(LESSON_COMPONENT_NAMES) as LessonComponent[]).map((name) => `<${name}>（${LESSON_COMPONENT_NAMES[name]}）`).join('、');

const REFERENCE_LINK = '链接请直接写成 [文字](地址)，不用引用式写法。';
const NO_IMPORT = '课文里不能写 import 或 export：组件不用导入，直接写 <组件名 属性="文字">。';
const NO_EXPRESSION = '课文里不能写花括号 {…}（表达式或注释）：要写花括号本身，请用全角的｛ ｝。';

type Point = { line?: number; column?: number } | undefined;

function problemAt(point: Point, message: string): StudioProblem {
  return { line: point?.line ?? 1, column: point?.column ?? 1, message };
}

/** The author's place of a node: its start. */
function startOf(node: { position?: { start: Point } | undefined }): Point {
  return node.position?.start;
}

/** A Chinese message for what the MDX parser could not read, at the place it stopped. */
function parseProblem(error: unknown): StudioProblem {
  const failure = error as { reason?: string; message?: string; source?: string; ruleId?: string; line?: number; column?: number; place?: unknown };
  const reason = failure.reason ?? failure.message ?? '';
  let point: Point = failure.line ? { line: failure.line, column: failure.column ?? 1 } : undefined;
  const place = failure.place as { start?: Point; line?: number; column?: number } | undefined;
  if (!point && place) point = place.start ?? (place.line ? place : undefined);
  if (!point) {
    const where = /\((\d+):(\d+)/.exec(reason);
    if (where) point = { line: Number(where[1]), column: Number(where[2]) };
  }
  const closing = /closing tag for `<\/?([^>`]*)>`/.exec(reason);
  if (closing || /end-tag-mismatch|end-tag/.test(failure.ruleId ?? '')) {
    const name = closing?.[1] ?? '';
    return problemAt(point, `组件 <${name}> 的开头标签和结尾标签没有配对：请在内容后面单独一行写上 </${name}>，或把不用写内容的组件写成 <${name} … />。`);
  }
  if (failure.source?.includes('expression') || /expression|acorn|brace/i.test(reason)) {
    return problemAt(point, '这里的花括号 { } 没有配对：课文里不能写 {…} 表达式。要写花括号本身，请用全角的｛ ｝。');
  }
  if (failure.source?.includes('esm') || failure.ruleId === 'non-esm') {
    return problemAt(point, NO_IMPORT);
  }
  if (/in attribute value/.test(reason)) {
    return problemAt(point, '有一个属性值的引号没有配对，一直读到了这里：请从这里往前找，给那个属性值补上结尾的英文双引号 "。');
  }
  if (/before attribute value/.test(reason)) {
    return problemAt(point, '属性的值要用英文双引号括起来，例如 source="《中国共产党章程》"。');
  }
  if (failure.source?.includes('jsx') || /before name|in name|after name|attribute|self-closing|tag/i.test(reason)) {
    return problemAt(
      point,
      '这里的尖括号 < 后面的写法读不懂：组件要写成 <组件名 属性="文字">，属性值用英文双引号；要写小于号本身，请用全角的＜，或前后空一格。',
    );
  }
  return problemAt(point, '这里的写法读不懂：请检查尖括号 < >、花括号 { } 和引号是否成对。');
}

type JsxElement = MdxJsxFlowElement | Extract<MdastContent, { type: 'mdxJsxTextElement' }>;

/** What the check collects while it walks the tree. */
interface Walk {
  problems: StudioProblem[];
  /** The vocabulary components found, in order; the HTML tree refers to them by index. */
  components: Array<{ name: LessonComponent; props: Record<string, string> }>;
  /** Index of each checked component element in `components`. */
  indexOf: Map<MdxJsxFlowElement, number>;
}

/** The element's attributes as literal strings, or the problems that stop them being that. */
function literalAttributes(element: JsxElement, name: string, walk: Walk): Record<string, string> | undefined {
  const props: Record<string, string> = {};
  let fine = true;
  for (const attribute of element.attributes as Array<MdxJsxAttribute | MdxJsxExpressionAttribute>) {
    const where = attribute.position?.start ?? startOf(element);
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      walk.problems.push(problemAt(where, `<${name}> 的属性不能写成 {…}：每个属性都写成 名字="文字"。`));
      fine = false;
    } else if (attribute.value === null || attribute.value === undefined) {
      walk.problems.push(problemAt(where, `<${name}> 的 ${attribute.name} 要写上值，例如 ${attribute.name}="…"。`));
      fine = false;
    } else if (typeof attribute.value !== 'string') {
      walk.problems.push(problemAt(where, `<${name}> 的 ${attribute.name} 要写成 ${attribute.name}="文字"（英文双引号），不能写成 {…}。`));
      fine = false;
    } else if (Object.hasOwn(props, attribute.name)) {
      walk.problems.push(problemAt(where, `<${name}> 的 ${attribute.name} 写了两次，只写一次。`));
      fine = false;
    } else {
      props[attribute.name] = attribute.value;
    }
  }
  return fine ? props : undefined;
}

/** Checks a vocabulary component: its attributes against its schema and what it may hold. */
function checkComponent(element: MdxJsxFlowElement, name: LessonComponent, parent: string | undefined, walk: Walk): void {
  const props = literalAttributes(element, name, walk);
  if (props) {
    for (const { prop, message } of componentPropProblems(LESSON_COMPONENT_PROPS[name], props)) {
      const attribute = element.attributes.find((candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === prop);
      walk.problems.push(problemAt(attribute?.position?.start ?? startOf(element), `<${name}>（${LESSON_COMPONENT_NAMES[name]}）的写法不对：${prop ? `${prop}：` : ''}${message}`));
    }
    walk.indexOf.set(element, walk.components.length);
    walk.components.push({ name, props });
  }
  if (EMPTY_COMPONENTS.has(name) && element.children.length > 0) {
    walk.problems.push(problemAt(startOf(element), `<${name}>（${LESSON_COMPONENT_NAMES[name]}）不用写内容：写成一行 <${name} … />。`));
  }
  if (name === 'TimelineItem' && parent !== 'Timeline') {
    walk.problems.push(problemAt(startOf(element), '<TimelineItem>（时间线的一项）要写在 <Timeline> 和 </Timeline> 之间。'));
  }
  if (name === 'Timeline') {
    for (const child of element.children) {
      if (child.type !== 'mdxJsxFlowElement' || child.name !== 'TimelineItem') {
        walk.problems.push(problemAt(startOf(child), '<Timeline>（时间线）里只写一项一项的 <TimelineItem when="…">…</TimelineItem>。'));
      }
    }
  }
}

/** What the subset does not have, by mdast node type, and what the author is told instead. */
const REFUSED: Readonly<Record<string, string>> = {
  image: '图片请用 <Figure src="…" alt="图上有什么" /> 插入（工具栏的“图片”），写明图片说明。',
  code: '课文里不用代码块（```）：请直接写文字。',
  definition: REFERENCE_LINK,
  linkReference: REFERENCE_LINK,
  imageReference: REFERENCE_LINK,
  footnoteDefinition: REFERENCE_LINK,
  footnoteReference: REFERENCE_LINK,
  html: '课文里不能写 HTML：请用工具栏里的组件。',
  mdxjsEsm: NO_IMPORT,
  mdxFlowExpression: NO_EXPRESSION,
  mdxTextExpression: NO_EXPRESSION,
};

/** Checks a node and what it holds; `parent` is the nearest vocabulary component around it. */
function check(node: MdastNodes, parent: string | undefined, depth: number, walk: Walk): void {
  const at = startOf(node);
  if (depth > MAX_DEPTH) {
    walk.problems.push(problemAt(at, '这里套了太多层（列表、引用或组件一层套一层），请减少层数。'));
    return;
  }
  const refusal = Object.hasOwn(REFUSED, node.type) ? REFUSED[node.type] : undefined;
  if (refusal) {
    walk.problems.push(problemAt(at, refusal));
    return;
  }
  switch (node.type) {
    case 'root':
    case 'paragraph':
    case 'list':
    case 'listItem':
    case 'blockquote':
    case 'emphasis':
    case 'strong':
      break;
    case 'text':
    case 'inlineCode':
    case 'break':
    case 'thematicBreak':
      return;
    case 'heading':
      if (node.depth < 2 || node.depth > 4) {
        walk.problems.push(
          problemAt(at, node.depth === 1 ? '不用写一级标题（#）：课的题目另外填写，正文的标题从二级标题（##）开始。' : '标题最多分三级：用 ##、### 或 ####。'),
        );
      }
      break;
    case 'link':
      if (!isAllowedHref(node.url)) {
        walk.problems.push(problemAt(at, `链接地址“${node.url}”不能用：只能链接到 http:// 或 https:// 开头的网址，或本站以 / 开头的地址。`));
      }
      break;
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      const name = node.name;
      if (name === null || name === undefined) {
        walk.problems.push(problemAt(at, '不能写空标签 <>…</>：请用组件 <组件名>…</组件名>。'));
        return;
      }
      if (!isLessonComponent(name)) {
        walk.problems.push(
          problemAt(
            at,
            /^[a-z]/.test(name) || /[.:]/.test(name)
              ? `课文里不能写 HTML 标签 <${name}>：只能用这些组件：${COMPONENT_LIST}。`
              : `没有 <${name}> 这个组件：只能用这些组件：${COMPONENT_LIST}。`,
          ),
        );
        return;
      }
      if (node.type === 'mdxJsxTextElement') {
        walk.problems.push(
          problemAt(at, `<${name}>（${LESSON_COMPONENT_NAMES[name]}）要单独成段：开头标签单独一行（前后各空一行），内容写在下面，结尾标签 </${name}> 也单独一行。`),
        );
        literalAttributes(node, name, walk);
        return;
      }
      checkComponent(node, name, parent, walk);
      for (const child of node.children) check(child, name, depth + 1, walk);
      return;
    }
    default:
      walk.problems.push(problemAt(at, '这里的写法课文里不能用：请用标题、段落、列表、加粗、链接和工具栏里的组件。'));
      return;
  }
  if ('children' in node) for (const child of node.children) check(child, parent, depth + 1, walk);
}

/**
 * A paragraph that holds nothing but components (and spaces) is those components, as MDX reads it
 * (@mdx-js/mdx's unravelling): `<TimelineItem when="1921年7月">一大召开。</TimelineItem>` on one
 * line inside a <Timeline> is an item, not a paragraph around one.
 */
function unravel(node: MdastNodes): void {
  if (!('children' in node)) return;
  const children: MdastContent[] = [];
  for (const child of node.children as MdastContent[]) {
    if (child.type === 'paragraph') {
      const content = child.children.filter((part) => !(part.type === 'text' && part.value.trim() === ''));
      if (content.length > 0 && content.every((part) => part.type === 'mdxJsxTextElement')) {
        children.push(...content.map((part) => ({ ...part, type: 'mdxJsxFlowElement' }) as MdxJsxFlowElement));
        continue;
      }
    }
    children.push(child);
  }
  (node as { children: MdastContent[] }).children = children;
  for (const child of children) unravel(child);
}

/** The text of a hast node, as the browser would read it. */
function textOf(node: HastRoot | HastContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((child) => textOf(child as HastContent)).join('');
  return '';
}

/** Gives headings their ids the way Astro's MDX does (github-slugger over the heading's text, in document order). */
function addHeadingIds(node: HastRoot | HastContent, slugger: GithubSlugger, headings: StudioHeading[]): void {
  if (node.type !== 'element' && node.type !== 'root') return;
  if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
    const text = textOf(node);
    const slug = slugger.slug(text);
    node.properties = { ...node.properties, id: slug };
    headings.push({ depth: Number(node.tagName.slice(1)), slug, text });
  }
  for (const child of node.children) addHeadingIds(child as HastContent, slugger, headings);
}

/** The sanitised HTML tree as the compiled lesson's nodes, the placeholders back as components. */
function toStudioNodes(children: HastContent[], components: Walk['components']): StudioNode[] {
  return children.flatMap((child): StudioNode[] => {
    if (child.type === 'text') return [{ kind: 'text', value: child.value }];
    if (child.type !== 'element') return [];
    const inner = toStudioNodes(child.children, components);
    if (child.tagName === COMPONENT_TAG) {
      const component = components[Number(child.properties.dataIndex)];
      return component ? [{ kind: 'component', name: component.name, props: { ...component.props }, children: inner }] : inner;
    }
    const allowed = STUDIO_ALLOWED[child.tagName];
    if (!allowed) return inner;
    const attrs: Record<string, string> = {};
    for (const name of allowed) {
      const value = child.properties[name];
      if (typeof value === 'string' || typeof value === 'number') attrs[name] = String(value);
    }
    return [{ kind: 'element', tag: child.tagName, attrs, children: inner }];
  });
}

/** The words of the lesson without markup, components' visible attributes included, one block a line. */
function plainTextOf(nodes: StudioNode[]): string {
  const parts: string[] = [];
  const visit = (list: StudioNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') parts.push(node.value);
      else {
        if (node.kind === 'component') for (const prop of VISIBLE_PROPS) if (node.props[prop]) parts.push(`\n${node.props[prop]}\n`);
        visit(node.children);
        if (node.kind === 'component' || !['strong', 'em', 'a', 'code'].includes(node.tag)) parts.push('\n');
      }
    }
  };
  visit(nodes);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

export function compileStudioLesson(source: string): CompileOutcome {
  if (source.length > STUDIO_LESSON_MAX_LENGTH) {
    return { ok: false, problems: [problemAt(undefined, `这一课太长了（${source.length} 个字符，最多 ${STUDIO_LESSON_MAX_LENGTH} 个）：请分成几课。`)] };
  }
  let tree: MdastRoot;
  try {
    tree = fromMarkdown(source, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch (error) {
    return { ok: false, problems: [parseProblem(error)] };
  }
  unravel(tree);
  const walk: Walk = { problems: [], components: [], indexOf: new Map() };
  check(tree, undefined, 0, walk);
  if (walk.problems.length > 0) {
    const problems = walk.problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, problems };
  }
  const hast = toHast(tree, {
    handlers: {
      // Only checked components reach here; anything else has been refused above.
      mdxJsxFlowElement: (state: State, node: MdxJsxFlowElement): HastElement => ({
        type: 'element',
        tagName: COMPONENT_TAG,
        properties: { dataIndex: String(walk.indexOf.get(node) ?? -1) },
        children: state.all(node),
      }),
    },
  });
  const clean = sanitize(hast, SANITIZE_SCHEMA) as HastRoot;
  const headings: StudioHeading[] = [];
  addHeadingIds(clean, new GithubSlugger(), headings);
  const nodes = toStudioNodes(clean.children as HastContent[], walk.components);
  const value: CompiledLesson = { nodes, headings, plainText: plainTextOf(nodes) };
  return { ok: true, value };
}
