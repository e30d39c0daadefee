import { isMap, parseDocument, stringify } from 'yaml';
import { courseSchema } from '../schemas/course';
import { lessonSchema } from '../schemas/lesson';
import type { Source } from '../schemas/source';
import { lessonSlug } from './lesson-path';
import { compileStudioLesson } from './studio-mdx';
import type { StudioSnapshot } from './studio-snapshot';

/**
 * Moving a course between the studio and content/courses/ (issue 13, item 8). A studio course is
 * exported as the folder an MDX course is — `index.mdx` with the course's frontmatter and one
 * `<nn>-<lesson slug>.mdx` per lesson — so it drops into content/courses/ and builds unchanged,
 * with the same lesson ids (`<course slug>/<lesson slug>`), so learners' progress carries over.
 * Reading such a folder back checks it with the same schemas the build uses and the same checker
 * the studio uses at save. Pure: the caller zips, unzips and stores.
 */

export interface FolderFile {
  /** Path inside the folder, `/`-separated: `index.mdx`, `01-lesson-3.mdx`. */
  path: string;
  text: string;
}

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
  return sources.map((source) => ({ title: source.title, issuer: source.issuer, year: source.year }));
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
        draft: false,
      })}\n${lesson.body.trim()}\n`,
    })),
  ];
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
  lessons: ImportedLesson[];
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
  const mdx = files.filter((file) => !file.path.startsWith('media/'));
  const index = mdx.find((file) => file.path === 'index.mdx');
  if (!index) problems.push({ file: 'index.mdx', line: 0, message: '文件夹里没有 index.mdx（课程信息），请上传整个课程文件夹。' });
  for (const file of mdx) {
    if (file !== index && !LESSON_FILE.test(file.path)) {
      problems.push({ file: file.path, line: 0, message: '不认识这个文件：每一课应是“两位数字-名字.mdx”，例如 01-first-lesson.mdx。' });
    }
  }
  const lessonFiles = mdx.filter((file) => LESSON_FILE.test(file.path)).sort((a, b) => a.path.localeCompare(b.path));
  if (lessonFiles.length === 0) problems.push({ file: 'index.mdx', line: 0, message: '文件夹里一课也没有：每一课是一个“两位数字-名字.mdx”文件。' });

  let course: Omit<ImportedCourse, 'lessons'> | undefined;
  if (index) {
    const split = splitFile(index, problems);
    if (split) {
      // The cover is checked by the caller (a picture of this site); the rest as the build checks it.
      const parsed = courseSchema.safeParse(split.data);
      if (parsed.success) {
        const data = parsed.data;
        course = { title: data.title, theme: data.theme, summary: data.summary, hours: data.hours, cover: { src: data.cover.src, alt: data.cover.alt } };
      } else {
        problems.push(...schemaProblems(index, parsed.error.issues));
      }
    }
  }

  const lessons: Array<ImportedLesson & { order: number }> = [];
  for (const file of lessonFiles) {
    const split = splitFile(file, problems);
    if (!split) continue;
    const parsed = lessonSchema.safeParse(split.data);
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
  return { ok: true, value: { ...course, lessons: lessons.map(({ order: _order, ...lesson }) => lesson) } };
}

/** `red-spirit/index.mdx` → `index.mdx` when every file shares one top folder. */
function withoutTopFolder(files: FolderFile[]): FolderFile[] {
  const tops = new Set(files.map((file) => (file.path.includes('/') ? file.path.slice(0, file.path.indexOf('/')) : '')));
  const [top] = [...tops];
  if (tops.size !== 1 || !top || top === 'media') return files;
  return files.map((file) => ({ ...file, path: file.path.slice(top.length + 1) }));
}
