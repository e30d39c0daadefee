import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/server/db';
import { myStudyRecordCsv } from '../../../lib/server/my-record';
import { listAllLessons } from '../../../lib/catalog';
import { json } from '../../../lib/server/http';
import { contentDisposition } from '../../../lib/spreadsheet';

export const prerender = false;

/** A person downloads everything kept about them (PIPL: access and portability). */
export const GET: APIRoute = async ({ locals }) => {
  if (!locals.user) return json({ message: '请先登录。' }, 401);
  const catalog = await listAllLessons();
  const titles = new Map(catalog.flatMap(({ lessons }) => lessons.map((lesson) => [lesson.id, lesson.data.title] as const)));
  const csv = await myStudyRecordCsv(await getDb(), locals.user, (id) => titles.get(id) ?? id);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition('我的个人信息.csv', 'my-personal-data.csv'),
      'cache-control': 'no-store',
    },
  });
};
