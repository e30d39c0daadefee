import JSZip from 'jszip';
import { courseFolder, readCourseFolder, type FolderFile, type FolderProblem } from '../studio-export';
import { fail, ok, type Result } from '../result';
import type { Db } from './db';
import { studioCover, themeCover } from './studio-catalog';
import { studioDraftSnapshot } from './studio-draft';
import { courseForEditing, importCourse, type ImportedCourseInput, type StudioActor } from './studio-courses';
import { guardUpload, UploadRefused } from './upload-guard';

/**
 * Moving a course between the studio and content/courses/ (issue 13, item 8): the draft as a zip
 * of its MDX folder, and such a zip (or one written by hand) read back into a new draft course.
 * The folder's shape and checks are studio-export.ts's; the writing is studio-courses.ts's.
 */

/** MDX courses are ordered 1, 2, 3 …; an exported studio course comes after them. */
const EXPORTED_ORDER_BASE = 100;
/** A zipped course folder is text: a few hundred KB. 5 MB leaves room and refuses anything else. */
export const MAX_COURSE_ZIP_BYTES = 5 * 1024 * 1024;
export const COURSE_ZIP_TOO_BIG = '这个文件太大了（超过5MB）。课程文件夹里只需要 index.mdx 和每一课的 .mdx 文件，请不要把图片、视频放进去。';
export const NO_COURSE_ZIP = '请选择要导入的课程文件夹压缩包（.zip）。';

export interface CourseZip {
  /** `<course slug>.zip` */
  name: string;
  /** The course's title, for the downloaded file's name. */
  title: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The course's draft as `<course slug>/index.mdx` and `<course slug>/<nn>-<lesson slug>.mdx` in a
 * zip, for someone who may write the course; 'forbidden' for anyone else, undefined when there is
 * no such course.
 */
export async function exportCourseZip(db: Db, actor: StudioActor, courseId: number, now = new Date()): Promise<CourseZip | 'forbidden' | undefined> {
  const editing = await courseForEditing(db, actor, courseId);
  if (editing === undefined || editing === 'forbidden') return editing;
  const snapshot = await studioDraftSnapshot(db, courseId);
  if (!snapshot) return undefined;
  const cover = studioCover(snapshot.course);
  // The build takes covers from public/images/ only: an uploaded picture gives way to the theme's.
  const src = cover.src.startsWith('/images/') ? cover.src : themeCover(snapshot.course.theme);
  const alt = cover.alt.length >= 4 ? cover.alt : `${cover.alt}的封面`;
  const files = courseFolder(snapshot, { order: EXPORTED_ORDER_BASE + courseId, updatedAt: now, cover: { src, alt } });
  const zip = new JSZip();
  const folder = zip.folder(snapshot.course.slug) as JSZip;
  for (const file of files) folder.file(file.path, file.text, { date: now });
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'arraybuffer', compression: 'DEFLATE' }));
  return { name: `${snapshot.course.slug}.zip`, title: snapshot.course.title, bytes };
}

/** The outcome of an import: the new course, or every problem of the folder (nothing created). */
export type ImportOutcome = { imported: true; id: number; title: string; lessons: number } | { imported: false; problems: FolderProblem[] };

/** The text files of a zip that the upload guard has let through. */
async function zipFiles(bytes: Uint8Array): Promise<FolderFile[]> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  return Promise.all(entries.map(async (entry) => ({ path: entry.name, text: entry.name.endsWith('.mdx') ? await entry.async('string') : '' })));
}

/**
 * 导入课程文件夹: an uploaded .zip of a course folder, through the upload guard (its directory read,
 * its unpacked size capped), checked with readCourseFolder, then created as one new draft course.
 */
export async function importCourseZip(db: Db, actor: StudioActor, file: File, now = Date.now()): Promise<Result<ImportOutcome>> {
  if (file.size === 0) return fail(NO_COURSE_ZIP, 'file');
  if (file.size > MAX_COURSE_ZIP_BYTES) return fail(COURSE_ZIP_TOO_BIG, 'file');
  const bytes = await guardUpload({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, 'course-zip');
  let files: FolderFile[];
  try {
    files = await zipFiles(bytes);
  } catch (cause) {
    throw new UploadRefused('这个压缩文件打不开，请重新压缩课程文件夹后再上传。', { cause });
  }
  const read = readCourseFolder(files);
  if (!read.ok) return ok({ imported: false, problems: read.problems });
  const { lessons, cover, ...course } = read.value;
  const created = await importCourse(
    db,
    actor,
    {
      course: {
        title: course.title,
        // readCourseFolder checked it against the build's course schema (one of THEME_LABELS).
        theme: course.theme as ImportedCourseInput['course']['theme'],
        summary: course.summary,
        hours: String(course.hours),
        // The theme's own picture is what a studio course without a cover shows anyway.
        coverImage: cover.src === themeCover(course.theme) ? null : cover.src,
        coverAlt: cover.alt,
      },
      lessons,
      fileName: file.name,
    },
    now,
  );
  if (!created.ok) return created;
  return ok({ imported: true, id: created.value.id, title: course.title, lessons: lessons.length });
}
