import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lessonSlug, splitLessonId } from '../lesson-path';

/**
 * Whether the lesson `<course>/<lesson>` has its file under `<contentDir>/courses/<course>/`
 * (`<nn>-<lesson>.mdx`): what a film's `lessons:` may name. Read from the files because the
 * content config checks it before the collections exist.
 */
export function lessonFileExists(contentDir: string, lessonId: string): boolean {
  const { course, lesson } = splitLessonId(lessonId);
  const dir = join(contentDir, 'courses', course);
  if (!course || !lesson || !existsSync(dir)) return false;
  return readdirSync(dir).some((file) => /^\d\d-.*\.mdx$/.test(file) && lessonSlug(file) === lesson);
}
