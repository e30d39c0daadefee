import type { APIRoute } from 'astro';
import { buildCalendar, calendarNotFound, calendarResponse } from '../../../lib/server/calendar';
import { activityForCalendar } from '../../../lib/server/calendar-feed';
import { getDb } from '../../../lib/server/db';

export const prerender = false;

/** 加入手机日历: one activity as an .ics file (a cancelled one too, so a phone that has it drops it). */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const activity = await activityForCalendar(await getDb(), params.id);
  if (!activity) return calendarNotFound('没有找到这个活动，请回到活动安排重新查看。');
  const body = buildCalendar([{ activity }], { siteUrl: locals.siteUrl, name: activity.title });
  return calendarResponse(request, body, { shared: true, fileName: `activity-${activity.id}.ics` });
};
