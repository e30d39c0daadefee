import { z } from './zod';
import { THEME_LABELS } from '../lib/themes';
import { sourceSchema } from './source';

/**
 * A picture of the site (`/images/…`, a file under public/), or an uploaded picture that travels in
 * the course folder (`/media/<sha-256>-<width>.webp`, a file in the folder's media/: an exported
 * studio course's cover).
 */
const COVER_SRC = /^(\/images\/[\w./-]+\.(svg|png|jpe?g|webp)|\/media\/[0-9a-f]{64}-[1-9]\d{0,4}\.webp)$/;

/** Frontmatter of content/courses/<course>/index.mdx. */
export const courseSchema = z.object({
  /** Course title as shown in the catalog. */
  title: z.string().min(2).max(40),
  /** One of the site's themes (src/lib/themes.ts). */
  theme: z.enum(THEME_LABELS),
  /** One or two sentences for the catalog card and link previews. */
  summary: z.string().min(10).max(140),
  /** Who teaches it: a person or a teaching group. */
  instructor: z.string().min(2),
  /** Cover picture under public/, with a description for people who cannot see it. */
  cover: z.object({
    src: z.string().regex(COVER_SRC, '封面路径须以 /images/ 开头，或是课程文件夹 media/ 里的图片（/media/…）'),
    alt: z.string().min(4, '封面需要文字说明（alt）'),
    /** A 1200×630 JPEG or PNG for link previews (WeChat and most apps do not show SVG). */
    share: z
      .string()
      .regex(/^\/images\/[\w./-]+\.(png|jpe?g)$/, '分享图须是 /images/ 下的 .jpg 或 .png 文件')
      .optional(),
  }),
  /** 出处 of the course as a whole (each lesson lists its own too); shown on the course page. */
  sources: z.array(sourceSchema).default([]),
  /** 学时: credited study hours. */
  hours: z.number().positive().max(100),
  /** Position in the catalog, smallest first. */
  order: z.number().int().nonnegative(),
  /** Drafts are left out of production builds. */
  draft: z.boolean().default(false),
  /** Date of the last substantive revision. */
  updatedAt: z.coerce.date(),
});

export type CourseData = z.infer<typeof courseSchema>;
