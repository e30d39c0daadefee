import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { LESSON_COMPONENT_PROPS, type LessonComponent } from '../schemas/lesson-components';
import { componentPropProblems } from '../schemas/component-props';

/**
 * The content check of the MDX lessons (run by the lessons collection's loader in
 * src/content.config.ts, so `astro sync` and `astro build` stop): every lesson-vocabulary component
 * written with literal attributes is checked against its schema, so a wrong or missing attribute —
 * a <Recitation> without its author or source — is reported with the file and the line
 * (`content/courses/…/03-x.mdx 第 12 行`), not only the component, as the check at render does.
 * Attributes written as {…} are left to that check.
 */

type Element = MdxJsxFlowElement | MdxJsxTextElement;

const NAMES: Readonly<Record<string, string>> = { Recitation: '诵读', Quote: '原文', Figure: '图片', LessonQuiz: '课后小测', SelfCheck: '小测', TimelineItem: '时间线的一项', Timeline: '时间线', KeyPoints: '要点', Discussion: '思考题' };

function isElement(node: unknown): node is Element {
  const type = (node as { type?: unknown }).type;
  return type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement';
}

function isLessonComponent(name: string | null): name is LessonComponent {
  return name !== null && Object.hasOwn(LESSON_COMPONENT_PROPS, name);
}

/** The element's attributes when every one is literal text; undefined when one is not. */
function literalProps(element: Element): Record<string, string> | undefined {
  const props: Record<string, string> = {};
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') return undefined;
    props[attribute.name] = attribute.value;
  }
  return props;
}

/** The problems of one component, each as the message the build prints (file and line included). */
export function componentProblems(element: Element, path: string): string[] {
  if (!isLessonComponent(element.name)) return [];
  const props = literalProps(element);
  if (!props) return [];
  const name = element.name;
  const line = element.position?.start.line;
  const where = line === undefined ? path : `${path} 第 ${line} 行`;
  return componentPropProblems(LESSON_COMPONENT_PROPS[name], props).map(
    ({ prop, message }) => `${where}：<${name}>（${NAMES[name] ?? name}）的写法不对：${prop ? `${prop}：` : ''}${message}`,
  );
}

/**
 * Every problem of the lesson components in one course file, each with the file and its line. The
 * frontmatter is kept as blank lines so the lines are the file's own. A file that does not parse
 * has no problems here: the MDX compiler names its line itself.
 */
export function lessonComponentProblems(source: string, path: string): string[] {
  const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/, (frontmatter) => frontmatter.replace(/[^\n]/g, ''));
  let tree: Root;
  try {
    tree = fromMarkdown(body, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch {
    return [];
  }
  const problems: string[] = [];
  const visit = (node: unknown): void => {
    if (isElement(node)) problems.push(...componentProblems(node, path));
    const children = (node as { children?: unknown[] }).children;
    if (Array.isArray(children)) for (const child of children) visit(child);
  };
  visit(tree);
  return problems;
}
