import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';
import { getDb } from '../../../lib/server/db';
import { myStudyRecordCsv } from '../../../lib/server/my-record';
import { listAllLessons } from '../../../lib/server/catalog';

export const prerender = false;

/** A person downloads their own study record (PIPL: access and portability). */
export const GET: APIRoute = async (context) => {
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const catalog = await listAllLessons();
  const titles = new Map(catalog.flatMap(({ lessons }) => lessons.map((lesson) => [lesson.id, lesson.data.title] as const)));
  const csv = await myStudyRecordCsv(await getDb(), user, (id) => titles.get(id) ?? id);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('我的学习记录.csv')}`,
      'cache-control': 'no-store',
    },
  });
};
