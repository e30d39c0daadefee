import type { z } from './zod';

/**
 * The one parse of component props both MDX vocabularies share, the help vocabulary
 * (src/schemas/help-components.ts) and the lesson vocabulary (src/schemas/lesson-components.ts):
 * each component parses its props at render, so a wrong attribute stops the build with a Chinese
 * message that names the component and the prop. The studio's lesson checker
 * (src/lib/studio-mdx.ts) reads the same problems one by one, to point at each attribute.
 */

/** Props with Astro's own keys left out (`class`, slots are not attributes an author writes). */
function authorProps(props: Record<string, unknown>): Record<string, unknown> {
  // Astro adds `class` and its scoped-style marker (`data-astro-cid-…`) when a page styles the tag.
  return Object.fromEntries(Object.entries(props).filter(([key]) => key !== 'class' && !key.startsWith('data-astro-cid')));
}

/**
 * Parses a component's props, or throws an error that says which component, which prop and what is
 * wrong, in Chinese, for the author reading the build output.
 */
export function parseComponentProps<S extends z.ZodType>(component: string, schema: S, props: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(authorProps(props));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '属性'}：${issueMessage(issue)}`);
  throw new Error(`<${component}> 的写法不对：${problems.join('；')}`);
}

/** What one issue says, in Chinese: an attribute the schema does not know is named. */
function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? `没有这个属性：${issue.keys.join('、')}` : issue.message;
}

/** One thing wrong with a component's props: the attribute it is about (if one), and what is wrong, in Chinese. */
export interface PropProblem {
  prop: string | undefined;
  message: string;
}

/**
 * Checks props exactly as written (nothing left out, unlike at render) against a component's
 * schema: every problem, each with the attribute it is about; none when the props are right.
 */
export function componentPropProblems(schema: z.ZodType, props: Record<string, unknown>): PropProblem[] {
  const parsed = schema.safeParse(props);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ prop: key, message: '没有这个属性' }))
      : [{ prop: issue.path.length > 0 ? issue.path.join('.') : undefined, message: issueMessage(issue) }],
  );
}
