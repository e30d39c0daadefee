import type { APIRoute } from 'astro';
import { routeUser } from '../../lib/server/access';
import { getDb } from '../../lib/server/db';
import { volunteerHoursBook } from '../../lib/server/volunteer-hours';
import { contentDisposition, XLSX_TYPE } from '../../lib/spreadsheet';
import { beijingDay } from '../../lib/beijing-time';

export const prerender = false;

/** 霞光时间银行: hours per volunteer and per 党支部, as one Excel workbook of two sheets. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const bytes = await volunteerHoursBook(await getDb());
  const day = beijingDay(Date.now());
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': contentDisposition(`志愿服务时长-${day}.xlsx`, `volunteer-hours-${day}.xlsx`),
      'cache-control': 'no-store',
    },
  });
};
