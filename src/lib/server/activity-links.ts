import { listLessons } from './catalog';
import { listFilms } from './film-library';
import { splitLessonId } from '../lesson-path';

/**
 * The title of the published lesson an activity names (activities.lessonId, `<course>/<lesson>`),
 * from the one content source; undefined when it is not (or no longer) published.
 */
export async function lessonTitle(lessonId: string | null): Promise<string | undefined> {
  if (!lessonId || !lessonId.includes('/')) return undefined;
  const lessons = await listLessons(splitLessonId(lessonId).course);
  return lessons.find((lesson) => lesson.id === lessonId)?.data.title;
}

/** The title of the published film a screening shows (activities.filmSlug); undefined when there is none. */
export async function filmTitle(slug: string | null | undefined): Promise<string | undefined> {
  if (!slug) return undefined;
  return (await listFilms()).find((film) => film.id === slug)?.data.title;
}
