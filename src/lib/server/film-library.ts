import { getCollection, getEntry } from 'astro:content';
import type { Film, Lesson } from '../../schemas/content-entry';
import { compareFilms } from '../films';
import { isPublished } from './catalog';

export type { Film };

/** Every published film, oldest history first: /films/, the film pages and search ask here. */
export async function listFilms(): Promise<Film[]> {
  const films = await getCollection('films', isPublished);
  return films.sort(compareFilms);
}

/** The published lessons a film names, in the order it names them (a draft lesson is left out). */
export async function filmLessons(film: Film): Promise<Lesson[]> {
  const lessons = await Promise.all(film.data.lessons.map((id) => getEntry('lessons', id)));
  return lessons.filter((lesson): lesson is Lesson => lesson !== undefined && isPublished(lesson));
}

/** The published films that name this lesson (for the lesson page's 相关影片). */
export async function filmsForLesson(lessonId: string): Promise<Film[]> {
  const films = await listFilms();
  return films.filter((film) => film.data.lessons.includes(lessonId));
}
