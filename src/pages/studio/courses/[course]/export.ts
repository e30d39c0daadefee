import type { APIRoute } from 'astro';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { hasRole } from '../../../../lib/server/users';
import { courseStats, LEARNER_COLUMNS, learnerTableRows } from '../../../../lib/server/course-stats';
import { listCourses, listLessons } from '../../../../lib/catalog';

export const prerender = false;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987 needs `'()*` escaped too, which encodeURIComponent leaves alone. */
function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

async function workbookBytes(sheetName: string, rows: Array<Array<string | number>>): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEARNER_COLUMNS.map((header) => ({ header, width: header === '姓名' || header === '手机号' ? 16 : 20 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The course's learner table as a file, for instructors and admins (phones masked as on the page). */
export const GET: APIRoute = async ({ locals, params, url }) => {
  const { user } = locals;
  if (!user) return json({ message: '请先登录。' }, 401);
  if (!hasRole(user, 'instructor') && !hasRole(user, 'admin')) return json({ message: '只有讲师和管理员可以导出。' }, 403);
  const format = url.searchParams.get('format');
  if (format !== 'csv' && format !== 'xlsx') return json({ message: '文件格式不对，请选 csv 或 xlsx。' }, 400);
  const course = (await listCourses()).find((entry) => entry.id === params.course);
  if (!course) return json({ message: '没有找到这门课。' }, 404);
  const lessons = await listLessons(course.id);
  const stats = await courseStats(await getDb(), { id: course.id, lessonIds: lessons.map((lesson) => lesson.id) });
  const rows = learnerTableRows(stats);
  const name = `${course.data.title}-学员名单.${format}`;
  const headers = {
    'content-disposition': contentDisposition(name, `${course.id}-learners.${format}`),
    'cache-control': 'no-store',
  };
  if (format === 'xlsx') {
    return new Response(await workbookBytes('学员名单', rows), { headers: { ...headers, 'content-type': XLSX_TYPE } });
  }
  // Names are typed by learners: escapeFormulae keeps `=…` from running as a formula in Excel.
  const csv = Papa.unparse({ fields: [...LEARNER_COLUMNS], data: rows }, { escapeFormulae: true, newline: '\r\n' });
  return new Response(`\uFEFF${csv}\r\n`, { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
};
