import { z } from 'astro/zod';

// Every validation message people may see is Chinese: zod's own Simplified Chinese texts, and a
// plainer one for a missing or wrongly typed field. Schemas set friendlier messages where it matters.
z.config(z.locales.zhCN());
z.config({ customError: (issue) => (issue.code === 'invalid_type' ? '请填写这一项。' : undefined) });

export { z };
