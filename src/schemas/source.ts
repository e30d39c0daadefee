import { z } from './zod';

/** One source a lesson is based on (CONTENT.md: every lesson lists its sources). */
export const sourceSchema = z.object({
  /** Title of the work or document, with 《》 where it has them. */
  title: z.string().min(2, '出处标题不能为空'),
  /** Publisher or issuing body, optionally with the date or version it was issued. */
  issuer: z.string().min(2, '出处需要写明出版或发布单位'),
  /**
   * Year of publication or of the version followed. Leave it out only where the document's date was
   * never published (say so in issuer); the studio's forms always ask for it.
   */
  year: z.number().int().min(1800).max(2100).optional(),
});

export type Source = z.infer<typeof sourceSchema>;
