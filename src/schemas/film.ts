import { z } from './zod';
import { sourceSchema } from './source';
import { THEME_LABELS } from '../lib/themes';

/**
 * The periods of history a film is set in, oldest first: /films/ shows them on each card and
 * orders films within a theme by them. Add a period by adding a row.
 */
export const FILM_ERAS = ['建党时期', '土地革命战争', '抗日战争', '解放战争', '抗美援朝', '社会主义建设', '改革开放与新时代'] as const;
export type FilmEra = (typeof FILM_ERAS)[number];

/** A lesson id `<course>/<lesson>` as in src/lib/lesson-path.ts (the URL form, without the number prefix). */
const lessonIdSchema = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '课的写法是“课程/课”，例如 red-spirit/red-boat-spirit');

/**
 * Frontmatter of content/films/<film>.mdx; the body is the spoiler-free synopsis (剧情简介).
 * CONTENT.md: real films only, every stated fact checked; a detail one is unsure of is left out,
 * which is why the running time and the studios may be missing.
 */
export const filmSchema = z.object({
  /** The film's title as released, without 《》 (the pages add them). */
  title: z.string().min(1).max(30),
  /** The year the film is dated by in the film archive's records (中国电影资料馆, 《中国电影大辞典》): usually its first release; 《地道战》, finished in 1965, reached cinemas nationwide on 1 January 1966. */
  year: z.number().int().min(1905).max(2100),
  /** 导演: everyone credited as director (总导演 first for a film with several parts). */
  directors: z.array(z.string().min(2)).min(1, '至少写明一位导演'),
  /** 出品或摄制单位 as credited; left out when not checked. */
  studios: z.array(z.string().min(2)).min(1).optional(),
  /** Running time of the version first released, in minutes; left out when not checked. */
  minutes: z.number().int().min(10).max(400).optional(),
  /** One of the site's themes (src/lib/themes.ts): /films/ groups by it, search filters by it. */
  theme: z.enum(THEME_LABELS),
  /** The periods the story is set in (one, or two for a story that spans both). */
  eras: z.array(z.enum(FILM_ERAS)).min(1).max(2),
  /** One sentence for the card on /films/ and for link previews; gives nothing of the ending away. */
  summary: z.string().min(10).max(100),
  /** 为什么值得看: what the film brings to the course it relates to (a short paragraph). */
  why: z.string().min(20).max(400),
  /** Lessons the film goes with, `<course>/<lesson>`; each must exist (content.config.ts checks). */
  lessons: z.array(lessonIdSchema).min(1, '至少关联一课'),
  /** 讨论题: exactly three questions for the branch meeting after the screening. */
  questions: z.array(z.string().min(8)).length(3, '讨论题要正好三道'),
  /** Where the stated facts come from; at least one. */
  sources: z.array(sourceSchema).min(1, '每部影片至少写明一个出处'),
  /** Drafts are left out of production builds. */
  draft: z.boolean().default(false),
});

export type FilmData = z.infer<typeof filmSchema>;
