import type { APIRoute } from 'astro';
import { routeUser } from '../../../../lib/server/access';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { bankFromParam, exportQuestions } from '../../../../lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER, questionToTemplateRow } from '../../../../lib/question-import';
import { contentDisposition, toCsv, toXlsx, XLSX_TYPE } from '../../../../lib/spreadsheet';

export const prerender = false;

/** The bank's questions in the import template's own columns, so an export imports back unchanged. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const { params, url } = context;
  const format = url.searchParams.get('format');
  if (format !== 'csv' && format !== 'xlsx') return json({ message: '文件格式不对，请选 csv 或 xlsx。' }, 400);
  const db = await getDb();
  const bank = await bankFromParam(db, params.id);
  if (!bank) return json({ message: '没有找到这个题库。' }, 404);
  const rows = (await exportQuestions(db, bank.id)).map(questionToTemplateRow);
  const headers = {
    'content-disposition': contentDisposition(`${bank.name}-题库.${format}`, `question-bank-${bank.id}.${format}`),
    'cache-control': 'no-store',
  };
  if (format === 'xlsx') {
    const bytes = await toXlsx('题库', QUESTION_TEMPLATE_HEADER, rows, (header) => (header === '题干' || header === '解析' ? 40 : 14));
    return new Response(bytes, { headers: { ...headers, 'content-type': XLSX_TYPE } });
  }
  return new Response(toCsv(QUESTION_TEMPLATE_HEADER, rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
};
