import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';
import { lessonIdField } from '../../../schemas/progress';
import { getDb } from '../../../lib/server/db';
import { getLessonState } from '../../../lib/server/progress';
import { progressPost } from '../../../lib/server/progress-post';
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
 * the 我学完了 button works as a plain form without JavaScript. A heartbeat from a lesson page's
 * script usually does not reach here: the progress fast lane (progress-lane.ts) answers it alike.
 */
export const POST: APIRoute = async (context) => {
  // Signed out, a script gets 401 and the plain 我学完了 form is sent to sign in (access.ts).
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const { request, redirect } = context;
  const answer = await progressPost(await getDb(), user.id, await readFormFields(request));
  const wantsPage = (request.headers.get('accept') ?? '').includes('text/html');
  return answer.status === 200 && wantsPage ? redirect(answer.back, 303) : json(answer.body, answer.status);
};
