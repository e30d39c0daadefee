import { z } from './zod';
import { sourceSchema } from './source';
import { HELP_CATEGORY_LABELS } from '../lib/help-guides';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期写成 2026-11-30 这样');

/**
 * Frontmatter of content/help/<guide>.mdx (CONTENT.md, 智慧助老): one task, step by step, for the
 * app and version named here. The body uses the help vocabulary (src/components/help/): <Steps>
 * of <Step>s, each one action with its picture, and <Variant> where Android and iPhone differ.
 */
export const helpGuideSchema = z
  .object({
    /** The task, as the reader would say it: 微信视频通话. */
    title: z.string().min(2).max(24),
    category: z.enum(HELP_CATEGORY_LABELS),
    /** One sentence for the tile on /help/ and for link previews: what you will be able to do. */
    summary: z.string().min(8).max(80),
    /** Order within its category on /help/ (smaller first). */
    order: z.number().int().min(0).max(99).default(50),
    /** The app the steps were written for (微信, 安卓手机的“设置”, 本站 …). */
    app: z.string().min(2).max(30),
    /** The version of that app the steps follow: 微信 8.0, 安卓 14 / 鸿蒙 4, iOS 17, 本站当前版本. */
    appVersion: z.string().min(1).max(40),
    /**
     * The day the steps were last followed on a real phone. `null` until someone has: the guide
     * then says 待真机核对 and is on the admins' list. Never fill in a date that did not happen.
     */
    checkedAt: isoDate.nullable(),
    /** The phone the check was made on (华为 Mate 40，鸿蒙 4.2), required with `checkedAt`. */
    checkedOn: z.string().min(2).max(40).optional(),
    /** Whether Android and iPhone steps differ: the guide then shows the switch and uses <Variant>. */
    variants: z.boolean().default(false),
    /**
     * The guide touches money or personal data: it must end with a <SafetyReminder> (CONTENT.md:
     * safety first); tests/unit/help-content.test.ts checks.
     */
    sensitive: z.boolean().default(false),
    /** Search words people use for this task that the text may not contain (视频电话, 开视频). */
    keywords: z.array(z.string().min(1).max(12)).max(12).default([]),
    /** Where stated facts come from (official numbers, rules); guides that state none may omit it. */
    sources: z.array(sourceSchema).default([]),
    /** Drafts are left out of production builds. */
    draft: z.boolean().default(false),
  })
  .refine((guide) => guide.checkedAt === null || guide.checkedOn !== undefined, {
    message: '写了核对日期，也要写明在哪部手机上核对的（checkedOn）',
    path: ['checkedOn'],
  });

export type HelpGuideData = z.infer<typeof helpGuideSchema>;
