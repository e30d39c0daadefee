import type { APIRoute } from 'astro';
import { routeUser } from '../../../../lib/server/access';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { getActivity } from '../../../../lib/server/activities';
import { roster } from '../../../../lib/server/activity-signups';
import { activityIdFrom } from '../../../../lib/activity-agenda';
import { contentDisposition, toXlsx, XLSX_TYPE } from '../../../../lib/spreadsheet';
import { ROSTER_HEADER, rosterSheetRows } from '../../../../lib/roster-rows';

export const prerender = false;

/** 报名名单 (coming, then the waitlist) with phone numbers and check-in times, as an Excel workbook. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const db = await getDb();
  const id = activityIdFrom(context.params.id);
  const activity = id === undefined ? undefined : await getActivity(db, id);
  if (!activity) return json({ message: '没有找到这项活动。' }, 404);
  const bytes = await toXlsx('报名名单', ROSTER_HEADER, rosterSheetRows(await roster(db, activity.id)), (header) => (header === '签到时间' || header === '同行家属' ? 22 : header === '手机号' ? 16 : 12));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': contentDisposition(`${activity.title}-报名名单.xlsx`, `activity-${activity.id}-roster.xlsx`),
      'cache-control': 'no-store',
    },
  });
};
