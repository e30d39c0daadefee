import type { AstroGlobal } from 'astro';
import { getDb, type Db } from './db';
import { contestFromParam, type Contest } from './contests';
import { routeUser } from './access';
import type { User } from './users';

export interface ContestPage<U> {
  user: U;
  db: Db;
  contest: Contest;
  /** /contests/<id> or /organiser/contests/<id>, without the trailing slash. */
  base: string;
  now: number;
}

/**
 * What every page about one contest starts with: the person this route admits (access-map.ts; or
 * whoever is signed in, perhaps nobody, with 'anyone'), and the contest named in the URL. Returns
 * the response to send instead when the person must sign in, may not see it, or the contest does
 * not exist (the Chinese 404).
 */
export async function contestPage(astro: AstroGlobal, who: 'anyone'): Promise<ContestPage<User | null> | Response>;
export async function contestPage(astro: AstroGlobal): Promise<ContestPage<User> | Response>;
export async function contestPage(astro: AstroGlobal, who?: 'anyone'): Promise<ContestPage<User | null> | Response> {
  const user = who === 'anyone' ? astro.locals.user : await routeUser(astro);
  if (user instanceof Response) return user;
  const db = await getDb();
  const contest = await contestFromParam(db, astro.params['id']);
  if (!contest) return astro.rewrite('/404/');
  const organiser = astro.routePattern.startsWith('/organiser/');
  return { user, db, contest, base: `${organiser ? '/organiser' : ''}/contests/${contest.id}`, now: Date.now() };
}
