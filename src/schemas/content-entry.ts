import type { CollectionEntry } from 'astro:content';

/** A course or lesson entry of the content collections (content.config.ts), as pages and components receive it. */
export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
/** A film of content/films (content.config.ts). */
export type Film = CollectionEntry<'films'>;
/** A help guide of content/help (content.config.ts). */
export type HelpGuide = CollectionEntry<'helpGuides'>;
