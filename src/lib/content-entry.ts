import type { CollectionEntry } from 'astro:content';

/** A course or lesson of the content collections, as components receive it (types only: no I/O). */
export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
