/** `03-long-march-spirit.mdx` → `long-march-spirit`: the URL drops the ordering prefix. */
export function lessonSlug(fileName: string): string {
  return fileName.replace(/\.mdx?$/, '').replace(/^\d+-/, '');
}

/** Lesson ids are `<course>/<lesson>`; this splits them back. */
export function splitLessonId(id: string): { course: string; lesson: string } {
  const slash = id.indexOf('/');
  return { course: id.slice(0, slash), lesson: id.slice(slash + 1) };
}

export function courseUrl(course: string): string {
  return `/courses/${course}/`;
}

export function lessonUrl(lessonId: string): string {
  const { course, lesson } = splitLessonId(lessonId);
  return `/courses/${course}/${lesson}/`;
}

/** The catalogue, filtered to one theme when an id is given. */
export function catalogUrl(themeId?: string): string {
  return themeId ? `/courses/?theme=${themeId}` : '/courses/';
}
