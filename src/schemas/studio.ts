import { z, idField, optionalText } from './zod';
import { phoneField } from './auth';
import { sourceSchema, type Source } from './source';
import { THEME_LABELS } from '../lib/themes';

/**
 * The instructor studio's forms and the lesson save (studio.saveLesson): the JSON the editor island
 * sends and the no-JS forms post the same fields, each problem reported on its field in plain Chinese.
 */

export const courseIdField = idField('课程编号不正确，请回到“我的课程”重新打开。');
export const lessonIdField = idField('课文编号不正确，请回到课程页面重新打开。');
/** The revision the form was opened at: a save naming an older one is refused as stale. */
const revisionField = z.coerce.number({ error: '页面信息不完整，请刷新页面后再改。' }).int().nonnegative();

const requiredText = (min: number, max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(min, missing).max(max, tooLong);

/** Full-width digits (１．５) typed on a phone are read as ASCII. */
function asciiDigits(text: string): string {
  return text.normalize('NFKC').trim();
}

/** 学时: a positive number up to 100 with at most one decimal, kept as text so 1.5 stays exact. */
export const hoursField = z
  .string({ error: '请填写学时，例如 2 或 1.5。' })
  .transform(asciiDigits)
  .refine((text) => /^\d{1,3}(\.\d)?$/.test(text) && Number(text) > 0 && Number(text) <= 100, '学时请填大于0、不超过100的数字，例如 2 或 1.5。')
  .transform((text) => String(Number(text)));

/** Minutes to study a lesson, or empty (worked out from the length of the text). */
const minutesText = z
  .string()
  .nullish()
  .transform((value, context) => {
    const text = asciiDigits(value ?? '');
    if (text === '') return null;
    if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 240) {
      context.addIssue({ code: 'custom', message: '学习时间请填1到240之间的整数（分钟），或者留空。' });
      return z.NEVER;
    }
    return Number(text);
  });

/** The three repeated fields a form posts per source row (出处标题, 发布单位, 年份). */
const sourceRowFields = {
  sourceTitle: z.array(z.string()).default([]),
  sourceIssuer: z.array(z.string()).default([]),
  sourceYear: z.array(z.string()).default([]),
};
type SourceRows = { sourceTitle: string[]; sourceIssuer: string[]; sourceYear: string[] };

/**
 * Sources from a form's rows. A row left empty is ignored; a row half filled in is a problem on
 * the `sources` field.
 */
function readSourceRows(rows: SourceRows, context: z.RefinementCtx): Source[] {
  const sources: Source[] = [];
  const count = Math.max(rows.sourceTitle.length, rows.sourceIssuer.length, rows.sourceYear.length);
  for (let index = 0; index < count; index += 1) {
    const title = (rows.sourceTitle[index] ?? '').trim();
    const issuer = (rows.sourceIssuer[index] ?? '').trim();
    const year = asciiDigits(rows.sourceYear[index] ?? '');
    if (title === '' && issuer === '' && year === '') continue;
    const parsed = sourceSchema.safeParse({ title, issuer, year: /^\d{4}$/.test(year) ? Number(year) : Number.NaN });
    if (parsed.success) sources.push(parsed.data);
    else context.addIssue({ code: 'custom', path: ['sources'], message: `第${index + 1}条出处没有填完整：请写出处标题、出版或发布单位和四位数的年份（例如 2022）。` });
  }
  return sources;
}

const courseFields = {
  title: requiredText(2, 40, '请填写课程名称（至少两个字）。', '课程名称不超过40个字。'),
  theme: z.enum(THEME_LABELS, { error: '请选择课程的主题。' }),
  summary: requiredText(10, 140, '请用一两句话介绍这门课（至少10个字）。', '课程简介不超过140个字。'),
  hours: hoursField,
};

/** 新建课程. */
export const createCourseSchema = z.object(courseFields);
export type NewCourse = z.output<typeof createCourseSchema>;

/** The course's details (the form on /studio/write/<id>/), with its sources. */
export const courseDetailsSchema = z
  .object({
    courseId: courseIdField,
    revision: revisionField,
    ...courseFields,
    coverAlt: optionalText(120, '封面图片的文字说明不超过120个字。'),
    ...sourceRowFields,
  })
  .transform(({ sourceTitle, sourceIssuer, sourceYear, ...details }, context) => ({
    ...details,
    sources: readSourceRows({ sourceTitle, sourceIssuer, sourceYear }, context),
  }));
export type CourseDetails = Omit<z.output<typeof courseDetailsSchema>, 'courseId' | 'revision'>;

/** A picture for the cover, with its description (required: people who cannot see it hear it). */
export const coverSchema = z.object({
  courseId: courseIdField,
  cover: z.instanceof(File, { error: '请选择一张图片（JPG、PNG 或 WebP）。' }).refine((file) => file.size > 0, '请选择一张图片（JPG、PNG 或 WebP）。'),
});

/** 导入课程文件夹: a .zip of a course folder (its size and contents are checked by studio-move.ts). */
export const importCourseSchema = z.object({
  file: z
    .instanceof(File, { error: '请选择要导入的课程文件夹压缩包（.zip）。' })
    .refine((file) => file.size > 0, '请选择要导入的课程文件夹压缩包（.zip）。')
    .refine((file) => /\.zip$/i.test(file.name), '只能导入 .zip 压缩文件：请把整个课程文件夹压缩成 .zip 再上传。'),
});

const lessonTitle = requiredText(2, 40, '请填写课文标题（至少两个字）。', '课文标题不超过40个字。');
export const addLessonSchema = z.object({ courseId: courseIdField, title: lessonTitle });

export const moveLessonSchema = z.object({
  courseId: courseIdField,
  lessonId: lessonIdField,
  direction: z.enum(['up', 'down'], { error: '请用“上移”或“下移”按钮。' }),
});

export const removeLessonSchema = z.object({ courseId: courseIdField, lessonId: lessonIdField });

export const authorSchema = z.object({ courseId: courseIdField, phone: phoneField });
export const removeAuthorSchema = z.object({ courseId: courseIdField, userId: idField('这位合作讲师的信息不完整，请刷新页面后再试。') });
export const transferSchema = z.object({ courseId: courseIdField, phone: phoneField });


const sourceList = z.array(sourceSchema, { error: '出处的格式不对。' }).max(30, '出处最多30条。');

/** What both ways of saving a lesson send as they are. */
const lessonFields = {
  courseId: courseIdField,
  lessonId: lessonIdField,
  revision: revisionField,
  title: lessonTitle,
  summary: optionalText(140, '课文简介不超过140个字。'),
  // A form leaves an emptied text area out: an empty lesson text is saved as empty.
  body: z
    .string({ error: '课文内容没有收到，请再保存一次。' })
    .max(100_000, '课文太长了（超过十万字），请分成几课。')
    .nullish()
    // A browser posts a text area's line breaks as CRLF: the lesson keeps them as written (LF).
    .transform((text) => (text ?? '').replace(/\r\n?/g, '\n')),
};

/** studio.saveLesson as the editor island sends it (JSON). */
export const saveLessonSchema = z.object({
  ...lessonFields,
  sources: sourceList,
  minutes: z.number().int().min(1, '学习时间请填1到240之间的整数（分钟），或者留空。').max(240, '学习时间请填1到240之间的整数（分钟），或者留空。').nullable(),
});
export type SaveLessonInput = z.output<typeof saveLessonSchema>;

/** Sources a script posted in a form as one JSON field (the editor's save on leaving the page). */
function readSourceJson(text: string, context: z.RefinementCtx): Source[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = sourceList.safeParse(value);
  if (parsed.success) return parsed.data;
  context.addIssue({ code: 'custom', path: ['sources'], message: '出处的格式不对，请重新填写出处。' });
  return [];
}

/**
 * studio.saveLesson as a form posts it: the no-JS 源码 form with sources as repeated rows, or the
 * editor island (its save on leaving the page) with `sources` as one JSON field.
 */
export const saveLessonFormSchema = z
  .object({
    ...lessonFields,
    minutes: minutesText,
    sources: z.string().nullish(),
    ...sourceRowFields,
  })
  .transform(({ sources, sourceTitle, sourceIssuer, sourceYear, ...lesson }, context): SaveLessonInput => ({
    ...lesson,
    sources: sources ? readSourceJson(sources, context) : readSourceRows({ sourceTitle, sourceIssuer, sourceYear }, context),
  }));
