import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';
import { progressEventSchema, lessonIdField } from '../../../schemas/progress';
import { getDb } from '../../../lib/server/db';
import { findLessonRef } from '../../../lib/server/course-source';
import { getLessonState, recordComplete, recordHeartbeat, recordOpen } from '../../../lib/server/progress';
import { safeReturnPath } from '../../../lib/preferences';
import { json } from '../../../lib/server/http';
import { readFormFields } from '../../../lib/server/forms';

export const prerender = false;

/** This person's state for one lesson (the lesson page asks on load). */
export const GET: APIRoute = async (context) => {
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const { url } = context;
  const lesson = lessonIdField.safeParse(url.searchParams.get('lesson'));
  if (!lesson.success) return json({ message: '课文编号不正确。' }, 400);
  const state = await getLessonState(await getDb(), user.id, lesson.data);
  return json({ state });
};

/**
 * Progress events. Form-encoded, so Astro's origin check guards it against cross-site posts, and
 * the 我学完了 button works as a plain form without JavaScript.
 */
export const POST: APIRoute = async (context) => {
  // Signed out, a script gets 401 and the plain 我学完了 form is sent to sign in (access.ts).
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const { request, redirect } = context;
  const parsed = progressEventSchema.safeParse((await readFormFields(request)) ?? {});
  const wantsPage = (request.headers.get('accept') ?? '').includes('text/html');
  if (!parsed.success) return json({ message: parsed.error.issues[0]?.message ?? '请求格式不正确。' }, 400);
  const back = safeReturnPath(parsed.data.back);
  const lesson = await findLessonRef(parsed.data.lesson);
  if (!lesson) return json({ message: '没有找到这篇课文。' }, 404);
  const db = await getDb();
  const userId = user.id;
  const state =
    parsed.data.event === 'open'
      ? await recordOpen(db, userId, lesson)
      : parsed.data.event === 'beat'
        ? await recordHeartbeat(db, userId, lesson, parsed.data.end === '1')
        : await recordComplete(db, userId, lesson);
  return wantsPage ? redirect(back, 303) : json({ state });
};
