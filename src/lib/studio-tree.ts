import type { LessonComponent } from '../schemas/lesson-components';

/**
 * A studio lesson compiled once, at publication (and for the preview): the strict MDX subset the
 * author wrote (src/lib/studio-mdx.ts), checked against the lesson vocabulary's schemas and reduced
 * to a tree that holds nothing but allowed HTML elements with allowed attributes, text, and
 * vocabulary components with their checked string props. src/components/studio/StudioBody.astro
 * renders it with the same .astro components the MDX courses use. Plain data: stored as JSON in
 * studio_course_versions.compiled.
 */
export type StudioNode =
  | { kind: 'text'; value: string }
  | {
      kind: 'element';
      /** An element the sanitiser's allow-list keeps (p, h2, h3, ul, ol, li, strong, em, a, br …). */
      tag: string;
      /** Attributes that survived sanitising: an a's href (http(s) or a site path), a heading's id. */
      attrs: Record<string, string>;
      children: StudioNode[];
    }
  | {
      kind: 'component';
      name: LessonComponent;
      /** The attributes as written (literal strings); the component parses them with its schema. */
      props: Record<string, string>;
      children: StudioNode[];
    };

/** A heading of the lesson, for the lesson page's 本课目录 (the shape Astro's render() gives MDX). */
export interface StudioHeading {
  depth: number;
  slug: string;
  text: string;
}

export interface CompiledLesson {
  nodes: StudioNode[];
  headings: StudioHeading[];
  /** The words of the lesson without markup: for reading time, the search index and the 汉字 count. */
  plainText: string;
}

/** Where a refusal points: 1-based line and column of the lesson text, and what is wrong, in Chinese. */
export interface StudioProblem {
  line: number;
  column: number;
  message: string;
}

/** What checking a lesson gives: the compiled lesson, or every problem found (never just the first). */
export type CompileOutcome = { ok: true; value: CompiledLesson } | { ok: false; problems: StudioProblem[] };
