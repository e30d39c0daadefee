import { isMap, parseDocument, stringify } from 'yaml';
import { courseSchema } from '../schemas/course';
import { lessonSchema } from '../schemas/lesson';
import { publishedDay } from './content-checked';

/** A folder exported before lessons carried checkedOn still imports: the studio dates a lesson by its publication. */
const importedLessonSchema = lessonSchema.extend({ checkedOn: lessonSchema.shape.checkedOn.optional() });
import type { Source } from '../schemas/source';
import { lessonSlug } from './lesson-path';
import { mediaAddressesIn, mediaFileNames, parseMediaFile } from './media-widths';
import { compileStudioLesson } from './studio-mdx';
import type { StudioSnapshot } from './studio-snapshot';

/**
 * Moving a course between the studio and content/courses/ (issue 13, item 8). A studio course is
 * exported as the folder an MDX course is — `index.mdx` with the course's frontmatter and one
 * `<nn>-<lesson slug>.mdx` per lesson — so it drops into content/courses/ and builds unchanged,
 * with the same lesson ids (`<course slug>/<lesson slug>`), so learners' progress carries over.
 * Uploaded pictures (the cover, the lessons' 图片) keep their addresses, `/media/<hash>-<width>.webp`,
 * and travel in the folder's `media/` at every stored width (the build serves them from there:
 * src/lib/server/course-media.ts). The course's own 出处 is the index's `sources:`.
 * Reading such a folder back checks it with the same schemas the build uses and the same checker
 * the studio uses at save. Pure: the caller zips, unzips and stores.
 */

export interface FolderFile {
  /** Path inside the folder, `/`-separated: `index.mdx`, `01-lesson-3.mdx`, `media/<hash>-480.webp`. */
  path: string;
  /** A .mdx file's text ('' for a picture). */
  text: string;
  /** A picture's bytes (media/ only). */
  bytes?: Uint8Array;
}

/** Where a course folder keeps its pictures. */
export const FOLDER_MEDIA = 'media/';

/** What the course folder says beyond the snapshot: its place in the catalogue, date and cover. */
export interface FolderMeta {
  order: number;
  updatedAt: Date;
  cover: { src: string; alt: string };
}

const yamlOptions = { lineWidth: 0 } as const;

function frontmatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, yamlOptions)}---\n`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function sourceList(sources: Source[]): Array<Record<string, unknown>> {
  return sources.map((source) => ({ title: source.title, issuer: source.issuer, ...(source.year === undefined ? {} : { year: source.year }) }));
}

/** Two digits, as the MDX courses number their lesson files. */
function lessonFileName(position: number, slug: string): string {
  return `${String(position).padStart(2, '0')}-${slug}.mdx`;
}

/** The published (or draft) course as the files of a content/courses/<slug>/ folder. */
export function courseFolder(snapshot: StudioSnapshot, meta: FolderMeta): FolderFile[] {
  const { course, lessons } = snapshot;
  const index: FolderFile = {
    path: 'index.mdx',
    text:
      frontmatter({
        title: course.title,
        theme: course.theme,
        summary: course.summary,
        instructor: course.instructor,
        cover: { src: meta.cover.src, alt: meta.cover.alt },
        sources: sourceList(course.sources),
        hours: course.hours,
        order: meta.order,
        draft: false,
        updatedAt: day(meta.updatedAt),
      }) + '\n',
  };
  return [
    index,
    ...lessons.map((lesson, index) => ({
      path: lessonFileName(index + 1, lesson.slug),
      text: `${frontmatter({
        title: lesson.title,
        order: index + 1,
        summary: lesson.summary,
        ...(lesson.minutes === null ? {} : { minutes: lesson.minutes }),
        sources: sourceList(lesson.sources),
        // A studio lesson is checked when its version is reviewed and published (src/lib/content-checked.ts).
        checkedOn: publishedDay(meta.updatedAt),
        draft: false,
      })}\n${lesson.body.trim()}\n`,
    })),
  ];
}

/**
 * The pictures the folder must carry (`media/<hash>-<width>.webp`, every stored width): the uploaded
 * cover's and those of the lessons' 图片. The caller reads them from data/media/.
 */
export function folderPictureNames(snapshot: StudioSnapshot, coverSrc: string): string[] {
  const addresses = [coverSrc, ...snapshot.lessons.flatMap((lesson) => mediaAddressesIn(lesson.body).map((found) => found.src))];
  return [...new Set(addresses.flatMap(mediaFileNames))].sort();
}

/** A problem with one file of an imported folder, with the line it is on (1-based; 0 for the whole file). */
export interface FolderProblem {
  file: string;
  line: number;
  message: string;
}

/** A lesson read from a folder: a snapshot's lesson without its studio id; `slug` is the file's (`01-lesson-3.mdx` → `lesson-3`). */
export type ImportedLesson = Omit<StudioSnapshot['lessons'][number], 'id'>;

export interface ImportedCourse {
  title: string;
  theme: string;
  summary: string;
  hours: number;
  cover: { src: string; alt: string };
  sources: Source[];
  lessons: ImportedLesson[];
  /** The uploaded pictures the course shows (`/media/…` addresses), each with its file in media/: the caller stores them. */
  pictures: Array<{ src: string; file: FolderFile }>;
  /** What the folder says that a studio course cannot keep, in Chinese, for the importer. */
  notes: string[];
}

export type FolderOutcome = { ok: true; value: ImportedCourse } | { ok: false; problems: FolderProblem[] };

const LESSON_FILE = /^\d\d-[^/]+\.mdx$/;

interface Split {
  data: unknown;
  body: string;
  /** Line of the file the body starts on. */
  bodyLine: number;
}

/** Splits `---` frontmatter from the body and parses it as YAML; problems carry the file's lines. */
function splitFile(file: FolderFile, problems: FolderProblem[]): Split | undefined {
  const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    problems.push({ file: file.path, line: 1, message: '文件开头没有用 --- 括起来的课程信息（标题、摘要等）。' });
    return undefined;
  }
  const yaml = match[1] ?? '';
  const document = parseDocument(yaml, { prettyErrors: false });
  const errors = document.errors;
  if (errors.length > 0 || !isMap(document.contents)) {
    const first = errors[0];
    const line = first?.linePos?.[0]?.line ?? 0;
    problems.push({ file: file.path, line: line + 1, message: '开头的课程信息格式不对，请检查冒号、缩进和引号。' });
    return undefined;
  }
  return { data: document.toJS(), body: text.slice(match[0].length), bodyLine: match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1 };
}

/** The frontmatter line a field of the YAML sits on, so a wrong field points at its line. */
function fieldLine(file: FolderFile, field: string | number | undefined): number {
  if (typeof field !== 'string') return 2;
  const lines = file.text.replace(/\r\n?/g, '\n').split('\n');
  const found = lines.findIndex((line, index) => index > 0 && line.startsWith(`${field}:`));
  return found === -1 ? 2 : found + 1;
}

function schemaProblems(file: FolderFile, issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FolderProblem[] {
  return issues.map((issue) => {
    const [field] = issue.path;
    const name = issue.path.map(String).join('.');
    return { file: file.path, line: fieldLine(file, typeof field === 'string' ? field : undefined), message: name ? `${name}：${issue.message}` : issue.message };
  });
}

/**
 * Reads an exported course folder (or one written by hand for content/courses/) back: every file
 * checked, every problem reported with its file and line; nothing is returned unless all is well.
 * Files may sit inside one top folder (as a zip of the folder has them); pictures under media/
 * are the caller's to store, and anything else is refused so nothing is silently dropped.
 */
export function readCourseFolder(input: FolderFile[]): FolderOutcome {
  const problems: FolderProblem[] = [];
  const files = withoutTopFolder(input.filter((file) => !file.path.endsWith('/') && !/(^|\/)(\.|__MACOSX)/.test(file.path)));
  const mdx = files.filter((file) => !file.path.startsWith(FOLDER_MEDIA));
  const pictureFiles = new Map<string, FolderFile>();
  for (const file of files.filter((file) => file.path.startsWith(FOLDER_MEDIA))) {
    const name = file.path.slice(FOLDER_MEDIA.length);
    if (parseMediaFile(name) && file.bytes) pictureFiles.set(name, file);
    else problems.push({ file: file.path, line: 0, message: '不认识这个图片文件：media/ 里只放导出时带出来的图片（名字是“一长串字母数字-宽度.webp”）。' });
  }
  const pictures = new Map<string, FolderFile>();
  /** A `/media/…` address the course shows: its file must be in media/. */
  const picture = (src: string, file: string, line: number): void => {
    const name = src.slice('/media/'.length);
    const found = pictureFiles.get(name);
    if (found) pictures.set(src, found);
    else problems.push({ file, line, message: `这张图片不在课程文件夹的 media/ 里：${src}。请把导出时带的 media 文件夹一起压缩进来。` });
  };
  const notes: string[] = [];
  const index = mdx.find((file) => file.path === 'index.mdx');
  if (!index) problems.push({ file: 'index.mdx', line: 0, message: '文件夹里没有 index.mdx（课程信息），请上传整个课程文件夹。' });
  for (const file of mdx) {
    if (file !== index && !LESSON_FILE.test(file.path)) {
      problems.push({ file: file.path, line: 0, message: '不认识这个文件：每一课应是“两位数字-名字.mdx”，例如 01-first-lesson.mdx。' });
    }
  }
  const lessonFiles = mdx.filter((file) => LESSON_FILE.test(file.path)).sort((a, b) => a.path.localeCompare(b.path));
  if (lessonFiles.length === 0) problems.push({ file: 'index.mdx', line: 0, message: '文件夹里一课也没有：每一课是一个“两位数字-名字.mdx”文件。' });

  let course: Omit<ImportedCourse, 'lessons' | 'pictures' | 'notes'> | undefined;
  if (index) {
    const split = splitFile(index, problems);
    if (split) {
      // Checked as the build checks it; an uploaded cover must come with its file.
      const parsed = courseSchema.safeParse(split.data);
      if (parsed.success) {
        const data = parsed.data;
        course = { title: data.title, theme: data.theme, summary: data.summary, hours: data.hours, cover: { src: data.cover.src, alt: data.cover.alt }, sources: data.sources };
        if (data.cover.src.startsWith('/media/')) picture(data.cover.src, index.path, fieldLine(index, 'cover'));
        notes.push(...courseNotes(data, split.body));
      } else {
        problems.push(...schemaProblems(index, parsed.error.issues));
      }
    }
  }

  const lessons: Array<ImportedLesson & { order: number }> = [];
  for (const file of lessonFiles) {
    const split = splitFile(file, problems);
    if (!split) continue;
    const parsed = importedLessonSchema.safeParse(split.data);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, parsed.error.issues));
      continue;
    }
    const body = split.body.replace(/^\n+/, '');
    const leadingLines = split.body.length - body.length;
    const compiled = compileStudioLesson(body);
    if (!compiled.ok) {
      for (const problem of compiled.problems) problems.push({ file: file.path, line: problem.line + split.bodyLine - 1 + leadingLines, message: problem.message });
      continue;
    }
    const bodyStart = split.bodyLine + leadingLines;
    for (const found of mediaAddressesIn(body)) picture(found.src, file.path, bodyStart + (body.slice(0, found.index).match(/\n/g)?.length ?? 0));
    const data = parsed.data;
    lessons.push({
      slug: lessonSlug(file.path),
      title: data.title,
      summary: data.summary,
      minutes: data.minutes ?? null,
      sources: data.sources,
      body: body.trimEnd(),
      order: data.order,
    });
  }
  if (problems.length > 0 || !course) return { ok: false, problems };
  lessons.sort((a, b) => a.order - b.order);
  return {
    ok: true,
    value: { ...course, lessons: lessons.map(({ order: _order, ...lesson }) => lesson), pictures: [...pictures].map(([src, file]) => ({ src, file })), notes },
  };
}

/** What an MDX course folder may say that a studio course has no place for: told, not silently dropped. */
function courseNotes(data: { instructor: string; cover: { share?: string | undefined } }, body: string): string[] {
  const notes = [
    `授课人“${data.instructor}”没有导入：导入的课程归导入的讲师，显示您的名字。`,
    '每一课在网站上有了新的地址：学员在原来那门课上的学习记录不会跟过来。',
  ];
  if (body.trim()) notes.push('课程介绍（index.mdx 里课程信息下面的文字）没有导入：网上编写的课程只有摘要，需要的话请写进摘要或第一课。');
  if (data.cover.share) notes.push(`分享图 ${data.cover.share} 没有导入：网上编写的课程分享时用封面图片。`);
  return notes;
}

/** `red-spirit/index.mdx` → `index.mdx` when every file shares one top folder. */
function withoutTopFolder(files: FolderFile[]): FolderFile[] {
  const tops = new Set(files.map((file) => (file.path.includes('/') ? file.path.slice(0, file.path.indexOf('/')) : '')));
  const [top] = [...tops];
  if (tops.size !== 1 || !top || top === 'media') return files;
  return files.map((file) => ({ ...file, path: file.path.slice(top.length + 1) }));
}
