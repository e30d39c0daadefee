import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import mdxRenderer from '@astrojs/mdx/server.js';
import StudioBody from '../../src/components/studio/StudioBody.astro';
import { mdxComponents } from '../../src/components/mdx';
import { compileStudioLesson } from '../../src/lib/studio-mdx';
import { stripFrontmatter } from '../../src/lib/reading-time';

/**
 * One rendering path (issue 13, item 2): a lesson written in the studio and the same text as an MDX
 * course file render to the same HTML, through the same components. Every MDX lesson, and a text
 * with every markdown construct the studio allows, is rendered both ways with the Astro container:
 * as Astro's MDX integration renders the file, and as compileStudioLesson + StudioBody render it.
 */
const lessons = import.meta.glob<{ default: unknown }>(['../../content/courses/*/[0-9][0-9]-*.mdx', '../fixtures/studio/*.mdx']);

const container = await AstroContainer.create();
container.addServerRenderer({ name: 'astro:jsx', renderer: mdxRenderer });
const request = () => new Request('http://localhost/courses/course-1/lesson-1/');

describe('a studio lesson renders exactly as the same MDX does', () => {
  it('finds the lessons and the fixture', () => {
    expect(Object.keys(lessons).length).toBeGreaterThanOrEqual(19);
  });

  for (const [path, load] of Object.entries(lessons)) {
    it(path.replace('../../', ''), async () => {
      const { default: Content } = await load();
      // The MDX component of the file, rendered with the lesson vocabulary as the lesson page does.
      const asMdx = await container.renderToString(Content as Parameters<typeof container.renderToString>[0], { props: { components: mdxComponents }, request: request() });
      const outcome = compileStudioLesson(stripFrontmatter(readFileSync(new URL(path, import.meta.url), 'utf8')));
      expect(outcome.ok ? [] : outcome.problems).toEqual([]);
      if (!outcome.ok) return;
      const asStudio = await container.renderToString(StudioBody, { props: { nodes: outcome.value.nodes }, request: request() });
      expect(asStudio).toBe(asMdx);
    });
  }
});
