import type { APIRoute } from 'astro';
import { routeUser } from '../../../../lib/server/access';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { courseStats, LEARNER_COLUMNS, learnerTableRows } from '../../../../lib/server/course-stats';
import { findCourse } from '../../../../lib/server/course-source';
import { contentDisposition, toCsv, toXlsx, XLSX_TYPE } from '../../../../lib/spreadsheet';

export const prerender = false;

/** The course's learner table as a file, for instructors and admins (phones masked as on the page). */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const { params, url } = context;
  const format = url.searchParams.get('format');
  if (format !== 'csv' && format !== 'xlsx') return json({ message: '文件格式不对，请选 csv 或 xlsx。' }, 400);
  const db = await getDb();
  const found = await findCourse(params.course ?? '', db);
  if (!found) return json({ message: '没有找到这门课。' }, 404);
  const { course, lessons } = found;
  const stats = await courseStats(db, { id: course.id, lessonIds: lessons.map((lesson) => lesson.id) });
  const rows = learnerTableRows(stats);
  const name = `${course.title}-学员名单.${format}`;
  const headers = {
    'content-disposition': contentDisposition(name, `${course.id}-learners.${format}`),
    'cache-control': 'no-store',
  };
  if (format === 'xlsx') {
    const bytes = await toXlsx('学员名单', LEARNER_COLUMNS, rows, (header) => (header === '姓名' || header === '手机号' ? 16 : 20));
    return new Response(bytes, { headers: { ...headers, 'content-type': XLSX_TYPE } });
  }
  // Names are typed by learners: toCsv escapes `=…` so it never runs as a formula in Excel.
  return new Response(toCsv(LEARNER_COLUMNS, rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
};
