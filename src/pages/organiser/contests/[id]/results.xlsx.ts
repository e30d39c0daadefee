import type { APIRoute } from 'astro';
import { routeUser } from '../../../../lib/server/access';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { contestFromParam } from '../../../../lib/server/contests';
import { resultsWorkbook } from '../../../../lib/server/contest-results';
import { contentDisposition, XLSX_TYPE } from '../../../../lib/spreadsheet';

export const prerender = false;

/** 个人成绩, 支部成绩 and 逐题统计 as one Excel workbook, for the organiser's report. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const { params } = context;
  const db = await getDb();
  const contest = await contestFromParam(db, params.id);
  if (!contest) return json({ message: '没有找到这场竞赛。' }, 404);
  const bytes = await resultsWorkbook(db, contest.id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': contentDisposition(`${contest.title}-成绩.xlsx`, `contest-${contest.id}-results.xlsx`),
      'cache-control': 'no-store',
    },
  });
};
