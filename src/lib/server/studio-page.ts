import type { AstroGlobal } from 'astro';
import { routeUser } from './access';
import { getDb, type Db } from './db';
import { courseForEditing, type StudioCourseDraft } from './studio-courses';
import type { User } from './users';

export interface StudioCoursePage {
  user: User;
  db: Db;
  course: StudioCourseDraft;
  /** /studio/write/<id>/ */
  base: string;
}

/** A positive whole number from a URL segment, or undefined. */
export function idFromParam(param: string | undefined): number | undefined {
  return param && /^[1-9]\d{0,9}$/.test(param) ? Number(param) : undefined;
}

/**
 * What every studio page about one course starts with: the person this route admits and the
 * course's draft. Someone who may not write this course gets the Chinese 403 page, a course that
 * does not exist the 404 page.
 */
export async function studioCoursePage(astro: AstroGlobal): Promise<StudioCoursePage | Response> {
  const user = await routeUser(astro);
  if (user instanceof Response) return user;
  const db = await getDb();
  const id = idFromParam(astro.params['id']);
  const course = id === undefined ? undefined : await courseForEditing(db, user, id);
  if (!course) return astro.rewrite('/404/');
  if (course === 'forbidden') {
    astro.response.status = 403;
    return astro.rewrite('/forbidden/');
  }
  return { user, db, course, base: `/studio/write/${course.id}/` };
}

/** The source rows a form posted, to show again after an error (nothing is lost). */
export function postedSourceRows(all: (name: string) => string[]): Array<{ title: string; issuer: string; year: string }> {
  const titles = all('sourceTitle');
  const issuers = all('sourceIssuer');
  const years = all('sourceYear');
  return titles
    .map((title, index) => ({ title, issuer: issuers[index] ?? '', year: years[index] ?? '' }))
    .filter((row) => row.title.trim() !== '' || row.issuer.trim() !== '' || row.year.trim() !== '');
}
