import type { APIRoute } from 'astro';
import { calendarNotFound, calendarResponse } from '../../lib/server/calendar';
import { personalFeed, userForToken } from '../../lib/server/calendar-feed';
import { getDb } from '../../lib/server/db';

export const prerender = false;

/**
 * The personal subscription (webcal://…/calendar/<token>.ics): the token is the only key, so anyone
 * may call it (access-map: public), and a reset token answers 404 at once.
 */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const db = await getDb();
  const userId = await userForToken(db, params.token ?? '');
  if (userId === undefined) return calendarNotFound('这个日历订阅地址已失效。请登录霞光学堂，打开“我的日历订阅”页面复制新的地址。');
  return calendarResponse(request, await personalFeed(db, userId, locals.siteUrl), { shared: false });
};
