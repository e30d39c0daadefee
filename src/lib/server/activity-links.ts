import { listFilms } from './film-library';

/** The title of the published film a screening shows (activities.filmSlug); undefined when there is none. */
export async function filmTitle(slug: string | null | undefined): Promise<string | undefined> {
  if (!slug) return undefined;
  return (await listFilms()).find((film) => film.id === slug)?.data.title;
}
