import type { CompileOutcome } from './studio-tree';

/**
 * Checks and compiles a studio lesson written in the strict MDX subset: markdown (headings, lists,
 * bold, links to http(s) and site paths) and the lesson vocabulary (LESSON_COMPONENT_PROPS) with
 * literal string attributes only; no imports, exports, {expressions}, raw HTML or unknown tags.
 * The same function checks at save (the author sees every problem with its line) and compiles at
 * publication and for the preview.
 *
 * FOUNDATION STUB: the studio-mdx helper replaces this body.
 */
export function compileStudioLesson(source: string): CompileOutcome {
  // Until then: paragraphs of plain text, so the modules built on it can be tested.
  const paragraphs = source.split(/\n{2,}/).map((part) => part.trim()).filter(Boolean);
  return {
    ok: true,
    value: {
      nodes: paragraphs.map((value) => ({ kind: 'element', tag: 'p', attrs: {}, children: [{ kind: 'text', value }] })),
      headings: [],
      plainText: paragraphs.join('\n'),
    },
  };
}
