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
  void source;
  throw new Error('compileStudioLesson is not written yet');
}
