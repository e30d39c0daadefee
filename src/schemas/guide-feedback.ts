import { z } from './zod';

/** A guide's slug (content/help/<guide>.mdx). */
export const guideIdField = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, '没有找到这篇指南。');

export const FEEDBACK_COMMENT_MAX = 300;

/** 这篇有帮助吗: 有帮助 / 没帮上, and optionally what was missing, in the reader's words. */
export const guideFeedbackSchema = z.object({
  guideId: guideIdField,
  helpful: z.enum(['yes', 'no'], { message: '请点“有帮助”或“没帮上”。' }).transform((answer) => answer === 'yes'),
  comment: z
    .string()
    .trim()
    .max(FEEDBACK_COMMENT_MAX, `想说的话请不要超过 ${FEEDBACK_COMMENT_MAX} 个字。`)
    // An empty box arrives as null (Astro's form parsing): no comment.
    .nullish()
    .transform((comment) => comment ?? ''),
});
export type GuideFeedbackInput = z.output<typeof guideFeedbackSchema>;

/** A guide was opened (the guide page's script posts it once per visit). */
export const guideReadSchema = z.object({ guideId: guideIdField });
