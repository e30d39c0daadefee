import type { APIRoute } from 'astro';
import { readFormFields } from '../../lib/server/forms';
import {
  CONTRAST_COOKIE,
  PREF_MAX_AGE,
  SIZE_COOKIE,
  parseSize,
  requestedContrast,
  safeReturnPath,
} from '../../lib/preferences';

export const prerender = false;

/** The no-JavaScript path of the text-size and contrast switches: set the cookie, go back. */
export const POST: APIRoute = async ({ request, cookies, redirect }) => {
  const form = await readFormFields(request);
  if (!form) return new Response('请求格式不正确，请返回上一页重试。', { status: 400 });
  const size = parseSize(form['size']);
  const contrast = requestedContrast(form['contrast'], cookies.get(CONTRAST_COOKIE)?.value);
  if (!size && !contrast) return new Response('没有可保存的设置，请返回上一页重试。', { status: 400 });
  const options = { path: '/', maxAge: PREF_MAX_AGE, sameSite: 'lax' as const, httpOnly: false };
  if (size) cookies.set(SIZE_COOKIE, size, options);
  if (contrast) cookies.set(CONTRAST_COOKIE, contrast, options);
  return redirect(safeReturnPath(form['back']), 303);
};
