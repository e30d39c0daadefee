import { z } from './zod';

/** `<course>/<lesson>` ids as in the content collection. */
export const lessonIdField = z.string().regex(/^[a-z0-9-]{1,80}\/[a-z0-9-]{1,80}$/, '课文编号不正确。');

/** A progress event from a lesson page (form-encoded, so it also works as a plain HTML form). */
export const progressEventSchema = z.object({
  /** open: the page was opened; beat: active reading; complete: 我学完了. */
  event: z.enum(['open', 'beat', 'complete'], { error: '不认识的学习记录类型。' }),
  lesson: lessonIdField,
  /** 1 when the reader has reached the end of the lesson. */
  end: z.enum(['0', '1']).default('0'),
  /** Where a plain form submission returns to. */
  back: z.string().optional(),
});

/** Progress kept in the browser while signed out, sent once at sign-in. */
export const localProgressSchema = z
  .array(
    z.object({
      lessonId: lessonIdField,
      openedAt: z.number().int().positive(),
      completedAt: z.number().int().positive().nullable(),
      seconds: z.number().int().min(0).max(24 * 60 * 60),
    }),
  )
  .max(1000, '记录太多，无法一次合并。');
