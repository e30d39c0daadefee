import type { APIRoute } from 'astro';
import { routeUser } from '../../../../lib/server/access';
import { getDb } from '../../../../lib/server/db';
import { json } from '../../../../lib/server/http';
import { idFromParam } from '../../../../lib/server/studio-page';
import { exportCourseZip } from '../../../../lib/server/studio-move';
import { contentDisposition } from '../../../../lib/spreadsheet';

export const prerender = false;

/**
 * 导出为课程文件夹: the course's draft as a zip of its MDX folder, which unpacked into
 * content/courses/ builds as an MDX course (its owner, co-authors and admins only).
 */
export const GET: APIRoute = async (context) => {
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const id = idFromParam(context.params.id);
  const zip = id === undefined ? undefined : await exportCourseZip(await getDb(), user, id);
  if (zip === undefined) return json({ message: '没有找到这门课。' }, 404);
  if (zip === 'forbidden') return json({ message: '这门课不是您的，也没有把您加为合作讲师，不能导出。' }, 403);
  return new Response(zip.bytes, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': contentDisposition(`${zip.title}-课程文件夹.zip`, zip.name),
      'cache-control': 'no-store',
    },
  });
};
