import { z } from './zod';
import { sourceSchema } from './source';

/** Frontmatter of content/courses/<course>/<nn>-<lesson>.mdx. */
export const lessonSchema = z.object({
  /** Lesson title, e.g. 第一课　红船精神. */
  title: z.string().min(2).max(60),
  /** Position within the course, 1 first. */
  order: z.number().int().positive(),
  /** One sentence, shown in lists and in link previews. */
  summary: z.string().min(10).max(140),
  /** Estimated minutes; when left out it is worked out from the length of the text. */
  minutes: z.number().int().positive().max(120).optional(),
  /** What the lesson is based on; at least one. */
  sources: z.array(sourceSchema).min(1, '每一课至少写明一个出处'),
  /**
   * The day the lesson's facts, quotations and sources were last checked against its sources
   * (YYYY-MM-DD); the lesson page shows 内容核对于 YYYY年M月. Studio lessons have none: they count as
   * checked in the month their version was reviewed and published (src/lib/content-checked.ts).
   */
  checkedOn: z.coerce.date({ error: '请写明内容核对日期 checkedOn（如 2026-11-30）' }),
  /** Drafts are left out of production builds. */
  draft: z.boolean().default(false),
});

export type LessonData = z.infer<typeof lessonSchema>;
