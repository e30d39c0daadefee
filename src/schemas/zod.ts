import { z } from 'astro/zod';

// Every validation message people may see is Chinese: zod's own Simplified Chinese texts, and a
// plainer one for a missing or wrongly typed field. Schemas set friendlier messages where it matters.
z.config(z.locales.zhCN());
z.config({ customError: (issue) => (issue.code === 'invalid_type' ? '请填写这一项。' : undefined) });

export { z };

/** A form field that may be left empty (posted empty or not at all): '' then. */
export const optionalText = (max: number, tooLong: string) =>
  z.string().trim().max(max, tooLong).nullish().transform((value) => value ?? '');

/** A record's id from a form or an address: a positive whole number, or `message`. */
export const idField = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);
