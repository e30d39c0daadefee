import type { AstroGlobal } from 'astro';
import { getDb, type Db } from './db';
import { getActivity, type ActivityWithSeats } from './activities';
import { routeUser } from './access';
import type { User } from './users';
import { activityIdFrom } from '../activity-agenda';

export interface ActivityPage {
  user: User;
  db: Db;
  activity: ActivityWithSeats;
  /** /organiser/activities/<id>, without the trailing slash. */
  base: string;
  now: number;
}

/**
 * What every organiser page about one activity starts with: the person this route admits
 * (access-map.ts) and the activity named in the URL. Returns the response to send instead when the
 * person must sign in, may not see it, or the activity does not exist (the Chinese 404).
 */
export async function activityPage(astro: AstroGlobal): Promise<ActivityPage | Response> {
  const user = await routeUser(astro);
  if (user instanceof Response) return user;
  const db = await getDb();
  const id = activityIdFrom(astro.params['id']);
  const activity = id === undefined ? undefined : await getActivity(db, id);
  if (!activity) return astro.rewrite('/404/');
  return { user, db, activity, base: `/organiser/activities/${activity.id}`, now: Date.now() };
}
