/**
 * The film library's addresses, names and order. Pure: pages, the cover, the search index and the
 * tests all use these, so a film is named and sorted the same everywhere.
 */
import { FILM_ERAS, type FilmEra } from '../schemas/film';
import { THEMES, type Theme } from './themes';

export const FILMS_PATH = '/films/';

export function filmUrl(slug: string): string {
  return `${FILMS_PATH}${slug}/`;
}

/** Where the schedule lists this film's screenings (the public schedule, filtered to the film). */
export function filmScreeningsUrl(slug: string): string {
  return `/screenings/?film=${encodeURIComponent(slug)}`;
}

/** 上甘岭 → 《上甘岭》. */
export function filmTitle(title: string): string {
  return `《${title}》`;
}

/** What the typographic cover says to people who cannot see it: 《上甘岭》，1956年，红色教育. */
export function coverLabel(film: { title: string; year: number; theme: string }): string {
  return `${filmTitle(film.title)}，${film.year}年，${film.theme}`;
}

/** Names as one phrase: 沙蒙、林杉. */
export function nameList(names: readonly string[]): string {
  return names.join('、');
}

interface Sortable {
  id: string;
  data: { theme: string; eras: readonly FilmEra[]; year: number };
}

/** Oldest history first (by the earliest period a story is set in), then by year of release. */
export function compareFilms(a: Sortable, b: Sortable): number {
  const era = (film: Sortable): number => Math.min(...film.data.eras.map((name) => FILM_ERAS.indexOf(name)));
  return era(a) - era(b) || a.data.year - b.data.year || a.id.localeCompare(b.id);
}

/** The films under each theme, in the site's order of themes; themes without films are left out. */
export function groupByTheme<T extends Sortable>(films: readonly T[]): Array<{ theme: Theme; films: T[] }> {
  return THEMES.map((theme) => ({ theme, films: films.filter((film) => film.data.theme === theme.label).sort(compareFilms) })).filter(
    (group) => group.films.length > 0,
  );
}
