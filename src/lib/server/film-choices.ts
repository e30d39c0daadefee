import { listFilms } from './film-library';
import { listCatalog } from './course-source';

/** The films an organiser can choose for a 红色观影: the film library (content/films). */
export interface FilmChoice {
  slug: string;
  title: string;
}

export async function filmChoices(): Promise<FilmChoice[]> {
  return (await listFilms()).map((film) => ({ slug: film.id, title: film.data.title }));
}

/** Whether a slug names a published film of the library. */
export async function filmExists(slug: string): Promise<boolean> {
  return (await filmChoices()).some((film) => film.slug === slug);
}

/** What the activity form offers: the films, and the published lessons by course. */
export async function activityFormChoices(): Promise<{ films: FilmChoice[]; courses: Array<{ title: string; lessons: Array<{ id: string; title: string }> }> }> {
  const [films, catalog] = await Promise.all([filmChoices(), listCatalog()]);
  return { films, courses: catalog.map(({ course, lessons }) => ({ title: course.title, lessons: lessons.map(({ id, title }) => ({ id, title })) })) };
}
