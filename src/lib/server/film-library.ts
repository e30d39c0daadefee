import { getCollection } from 'astro:content';
import type { Film } from '../../schemas/content-entry';
import { listMdxCourses, type SourceLesson } from './course-source';
import { compareFilms } from '../films';
import { isPublished } from './content-drafts';

export type { Film };

/** Every published film, oldest history first: /films/, the film pages and search ask here. */
export async function listFilms(): Promise<Film[]> {
  const films = await getCollection('films', isPublished);
  return films.sort(compareFilms);
}

/** The published lessons a film names, in the order it names them (a draft lesson is left out). */
export async function filmLessons(film: Film): Promise<SourceLesson[]> {
  const lessons = (await listMdxCourses()).flatMap((course) => course.lessons);
  return film.data.lessons.map((id) => lessons.find((lesson) => lesson.id === id)).filter((lesson) => lesson !== undefined);
}

/** The published films that name this lesson (for the lesson page's 相关影片). */
export async function filmsForLesson(lessonId: string): Promise<Film[]> {
  const films = await listFilms();
  return films.filter((film) => film.data.lessons.includes(lessonId));
}
