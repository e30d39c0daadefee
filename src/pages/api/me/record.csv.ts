import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';
import { getDb } from '../../../lib/server/db';
import { myStudyRecordCsv } from '../../../lib/server/my-record';
import { listCatalog } from '../../../lib/server/course-source';
import { contentDisposition } from '../../../lib/spreadsheet';

export const prerender = false;

/** A person downloads everything kept about them (PIPL: access and portability). */
export const GET: APIRoute = async (context) => {
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const db = await getDb();
  const catalog = await listCatalog(db);
  const titles = new Map(catalog.flatMap(({ lessons }) => lessons.map((lesson) => [lesson.id, lesson.title] as const)));
  const csv = await myStudyRecordCsv(db, user, (id) => titles.get(id) ?? id);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition('我的个人信息.csv', 'my-personal-data.csv'),
      'cache-control': 'no-store',
    },
  });
};
