import { z } from './zod';
import { sourceSchema } from './source';

const line = (max: number) => z.string().min(4).max(max);

/**
 * One scam of the anti-fraud corner (/help/fraud/): content/help/fraud/<scam>.yaml, where the file
 * name is the scam's anchor on the page (#impersonate-police). Plain words for readers of 70–85
 * (CONTENT.md); every fact a source can back, with the sources listed.
 */
export const fraudScamSchema = z.object({
  /** The scam as people call it: 冒充公检法. */
  title: z.string().min(2).max(16),
  /** Order on the page (smaller first). */
  order: z.number().int().min(0).max(99),
  /** One sentence: who they pretend to be and what they are after. */
  summary: line(80),
  /** 骗子常这样说: typical lines of such a call or message, as the scammer says them. */
  sounds: z.array(line(80)).min(2).max(4),
  /** 警惕这些信号: what gives it away. */
  signs: z.array(line(80)).min(2).max(6),
  /** 这样做: what to do, in order, one action each. */
  actions: z.array(line(80)).min(2).max(6),
  /** 要记住: what the real police, children, shops or offices do, that the scammer does not. */
  truth: line(160),
  sources: z.array(sourceSchema).min(1),
});

export type FraudScam = z.infer<typeof fraudScamSchema>;
