import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { studioEvents } from '../../../db/schema';
import { courseFolder, FOLDER_MEDIA, folderPictureNames, readCourseFolder, type FolderFile, type FolderProblem } from '../studio-export';
import { mediaAddressesIn, withMediaAddresses } from '../media-widths';
import { mediaFolder, storeUploadedImage } from './media';
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
/**
 * A zipped course folder is its text (a few hundred KB) and the pictures it came with: each stored
 * at three widths of WebP, a few hundred KB together. 10 MB leaves room for a well-illustrated course.
 */
export const MAX_COURSE_ZIP_BYTES = 10 * 1024 * 1024;
export const COURSE_ZIP_TOO_BIG = '这个文件太大了（超过10MB）。课程文件夹里只需要 index.mdx、每一课的 .mdx 文件和导出时带的 media 图片，请不要放视频或别的文件。';
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
  const alt = cover.alt.length >= 4 ? cover.alt : `${cover.alt}的封面`;
  // The folder's date is that of the draft's last change (what the build calls the last revision).
  const files = courseFolder(snapshot, { order: EXPORTED_ORDER_BASE + courseId, updatedAt: new Date(editing.updatedAt), cover: { src: cover.src, alt } });
  const zip = new JSZip();
  const folder = zip.folder(snapshot.course.slug) as JSZip;
  for (const file of files) folder.file(file.path, file.text, { date: now });
  // Uploaded pictures travel at every stored width, so the built page offers the same srcset.
  for (const name of folderPictureNames(snapshot, cover.src)) {
    const bytes = await readFile(resolve(mediaFolder(), name)).catch(() => undefined);
    if (bytes) folder.file(`${FOLDER_MEDIA}${name}`, bytes, { date: now, compression: 'STORE' });
  }
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'arraybuffer', compression: 'DEFLATE' }));
  return { name: `${snapshot.course.slug}.zip`, title: snapshot.course.title, bytes };
}

/**
 * The outcome of an import: the new course with what the folder said that it could not keep
 * (`notes`), or every problem of the folder (nothing created).
 */
export type ImportOutcome = { imported: true; id: number; title: string; lessons: number; notes: string[] } | { imported: false; problems: FolderProblem[] };

/** The files of a zip that the upload guard has let through: .mdx as text, pictures as bytes. */
async function zipFiles(bytes: Uint8Array): Promise<FolderFile[]> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  return Promise.all(
    entries.map(async (entry) =>
      entry.name.endsWith('.mdx')
        ? { path: entry.name, text: await entry.async('string') }
        : { path: entry.name, text: '', ...(/\.webp$/i.test(entry.name) ? { bytes: await entry.async('uint8array') } : {}) },
    ),
  );
}

/**
 * The folder's pictures stored as if uploaded now (the upload guard, sharp's decoding and
 * re-encoding, no metadata): a file's name is never trusted as its content's hash. Old hash → the
 * stored picture's address; or the problems of the pictures refused.
 */
async function storeFolderPictures(db: Db, actor: StudioActor, pictures: Array<{ src: string; file: FolderFile }>): Promise<{ moved: Map<string, string>; problems: FolderProblem[] }> {
  const moved = new Map<string, string>();
  const problems: FolderProblem[] = [];
  for (const { src, file } of pictures) {
    const [found] = mediaAddressesIn(src);
    const stored = await storeUploadedImage(db, new File([new Uint8Array(file.bytes ?? [])], file.path, { type: 'image/webp' }), actor.id);
    if (stored.ok && found) moved.set(found.hash, stored.value.src);
    else if (!stored.ok) problems.push({ file: file.path, line: 0, message: stored.error.message });
  }
  return { moved, problems };
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
  const { moved, problems } = await storeFolderPictures(db, actor, read.value.pictures);
  if (problems.length > 0) return ok({ imported: false, problems });
  const { cover, notes, pictures: _pictures, ...course } = read.value;
  const lessons = course.lessons.map((lesson) => ({ ...lesson, body: withMediaAddresses(lesson.body, moved) }));
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
        coverImage: cover.src === themeCover(course.theme) ? null : withMediaAddresses(cover.src, moved),
        coverAlt: cover.alt,
        sources: course.sources,
      },
      lessons,
      notes,
      fileName: file.name,
    },
    now,
  );
  if (!created.ok) return created;
  return ok({ imported: true, id: created.value.id, title: course.title, lessons: lessons.length, notes });
}

/** What the import of this course could not keep (its 'imported' event), for the page shown after it. */
export async function importNotes(db: Db, courseId: number): Promise<string[]> {
  const [event] = await db
    .select({ detail: studioEvents.detail })
    .from(studioEvents)
    .where(and(eq(studioEvents.courseId, courseId), eq(studioEvents.kind, 'imported')))
    .orderBy(desc(studioEvents.id))
    .limit(1);
  try {
    const notes = (JSON.parse(event?.detail ?? '{}') as { notes?: unknown }).notes;
    return Array.isArray(notes) ? notes.filter((note): note is string => typeof note === 'string') : [];
  } catch {
    return [];
  }
}
