import type { z } from './zod';

/**
 * The one parse of component props both MDX vocabularies share, the help vocabulary
 * (src/schemas/help-components.ts) and the lesson vocabulary (src/schemas/lesson-components.ts):
 * each component parses its props at render, so a wrong attribute stops the build with a Chinese
 * message that names the component and the prop.
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
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '属性';
    const message = issue.code === 'unrecognized_keys' ? `没有这个属性：${issue.keys.join('、')}` : issue.message;
    return `${where}：${message}`;
  });
  throw new Error(`<${component}> 的写法不对：${problems.join('；')}`);
}
