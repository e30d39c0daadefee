import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';

export const prerender = false;

/** The import template: the four columns and one example row, UTF-8 with a BOM for Excel. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const csv = '\uFEFF姓名,手机号,党支部,角色\r\n王秀兰,13812345678,第一党支部,学员\r\n';
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('学员导入模板.csv')}`,
    },
  });
};
