import type { APIRoute } from 'astro';
import { json } from '../../../lib/server/http';
import { hasRole } from '../../../lib/server/users';

export const prerender = false;

/** The import template: the three columns and one example row, UTF-8 with a BOM for Excel. */
export const GET: APIRoute = ({ locals }) => {
  if (!locals.user) return json({ message: '请先登录。' }, 401);
  if (!hasRole(locals.user, 'admin')) return json({ message: '只有管理员可以下载导入模板。' }, 403);
  const csv = '\uFEFF姓名,手机号,党支部\r\n王秀兰,13812345678,第一党支部\r\n';
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('学员导入模板.csv')}`,
    },
  });
};
