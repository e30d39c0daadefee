import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mediaAddressesIn, parseMediaFile } from '../media-widths';

/**
 * Pictures that travel in a course folder (issue 13, item 8). An exported studio course keeps its
 * uploaded pictures' addresses, `/media/<sha-256>-<width>.webp`, and carries every stored width in
 * the folder's `media/` (content/courses/<course>/media/). The build serves them at those same
 * addresses: src/pages/media/[file].ts is prerendered from this list into dist/client/media/, so the
 * built lesson page is the studio page, and the server sends them as it sends every built file;
 * pictures uploaded while the server runs (data/media/) are served on request by
 * src/pages/media/[...upload].ts. A name is its content, so two folders holding the same picture
 * hold the same bytes. Node built-ins only: the content config reads it before collections exist.
 */

/** The folder inside a course folder that holds its pictures. */
export const COURSE_MEDIA_FOLDER = 'media';

export interface ContentPicture {
  /** `<sha-256>-<width>.webp` */
  name: string;
  /** The file on disk. */
  path: string;
}

/** Every picture in `<contentDir>/courses/<course>/media/` (one per name), in name order. */
export function contentPictures(contentDir: string): ContentPicture[] {
  const courses = join(contentDir, 'courses');
  if (!existsSync(courses)) return [];
  const found = new Map<string, string>();
  for (const course of readdirSync(courses, { withFileTypes: true })) {
    if (!course.isDirectory()) continue;
    const folder = join(courses, course.name, COURSE_MEDIA_FOLDER);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      if (parseMediaFile(name) && !found.has(name)) found.set(name, join(folder, name));
    }
  }
  return [...found].sort(([a], [b]) => a.localeCompare(b)).map(([name, path]) => ({ name, path }));
}

/** Whether a `/media/…` address is a picture some course folder of `contentDir` carries. */
export function contentPictureExists(contentDir: string, src: string): boolean {
  const name = src.startsWith('/media/') ? src.slice('/media/'.length) : '';
  return parseMediaFile(name) !== null && contentPictures(contentDir).some((picture) => picture.name === name);
}

/**
 * The uploaded pictures (`/media/…`) an MDX lesson's text shows that no course folder carries: a
 * lesson page is built only when this is empty, as a course is only built when its cover exists.
 */
export function missingContentPictures(contentDir: string, body: string): string[] {
  const carried = new Set(contentPictures(contentDir).map((picture) => `/media/${picture.name}`));
  return [...new Set(mediaAddressesIn(body).map((found) => found.src))].filter((src) => !carried.has(src));
}
