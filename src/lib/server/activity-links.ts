import { listLessons } from './catalog';
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
