import { getCollection } from 'astro:content';
import { listAllLessons } from './catalog';

/**
 * The films an organiser can choose for a 红色观影 (content/films). While the film library holds no
 * film yet, the form takes a film's slug as typed and accepts any well-formed one.
 */
export interface FilmChoice {
  slug: string;
  title: string;
}

type FilmEntry = { id: string; data: { title: string; draft?: boolean } };

export async function filmChoices(): Promise<FilmChoice[]> {
  // The collection is added by the film library; until then this reads an empty list.
  const films = (await getCollection('films' as never)) as unknown as FilmEntry[];
  return films
    .filter((film) => !film.data.draft)
    .map((film) => ({ slug: film.id, title: film.data.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
}

/** Whether a slug names a film of the library (any slug while the library is empty). */
export async function filmExists(slug: string): Promise<boolean> {
  const films = await filmChoices();
  return films.length === 0 || films.some((film) => film.slug === slug);
}

/** What the activity form offers: the films, and the published lessons by course. */
export async function activityFormChoices(): Promise<{ films: FilmChoice[]; courses: Array<{ title: string; lessons: Array<{ id: string; title: string }> }> }> {
  const [films, catalog] = await Promise.all([filmChoices(), listAllLessons()]);
  return { films, courses: catalog.map(({ course, lessons }) => ({ title: course.data.title, lessons: lessons.map((lesson) => ({ id: lesson.id, title: lesson.data.title })) })) };
}
