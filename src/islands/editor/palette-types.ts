/**
 * The shape of the lesson editor's palette: what each lesson component is called, what it is for
 * and which fields it has, in the author's words. Plain data, generated from the schemas' metadata
 * (src/lib/lesson-palette.ts) so no zod reaches the browser.
 */
export type LessonComponentName = 'KeyPoints' | 'Quote' | 'Timeline' | 'TimelineItem' | 'Figure' | 'Discussion' | 'SelfCheck' | 'LessonQuiz' | 'Recitation';

/** What a component holds between its tags: nothing, paragraphs of text, a list, or time-line items. */
export type PaletteContent = 'none' | 'paragraphs' | 'list' | 'items';

export interface PaletteField {
  /** The attribute's name in the lesson text. */
  name: string;
  label: string;
  hint: string;
  required: boolean;
}

export interface PaletteEntry {
  name: LessonComponentName;
  label: string;
  hint: string;
  content: PaletteContent;
  fields: PaletteField[];
}

export type LessonPalette = Record<LessonComponentName, PaletteEntry>;
