import type { APIRoute } from 'astro';
import { routeUser } from '../../lib/server/access';
import { getDb } from '../../lib/server/db';
import { totalsPerBranch, totalsPerVolunteer } from '../../lib/server/volunteer-hours';
import { contentDisposition, toXlsxBook, XLSX_TYPE } from '../../lib/spreadsheet';
import { BRANCH_HEADER, VOLUNTEER_HEADER, branchSheetRows, volunteerSheetRows } from '../../lib/volunteer-hours-rows';
import { beijingDay } from '../../lib/beijing-time';

export const prerender = false;

/** 霞光时间银行: hours per volunteer and per 党支部, as one Excel workbook of two sheets. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const db = await getDb();
  const [volunteers, branches] = await Promise.all([totalsPerVolunteer(db), totalsPerBranch(db)]);
  const bytes = await toXlsxBook([
    { name: '按志愿者', header: VOLUNTEER_HEADER, rows: volunteerSheetRows(volunteers), width: (header) => (header === '手机号' ? 16 : header === '党支部' ? 24 : 18) },
    { name: '按党支部', header: BRANCH_HEADER, rows: branchSheetRows(branches), width: (header) => (header === '党支部' ? 24 : 18) },
  ]);
  const day = beijingDay(Date.now());
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': contentDisposition(`志愿服务时长-${day}.xlsx`, `volunteer-hours-${day}.xlsx`),
      'cache-control': 'no-store',
    },
  });
};
