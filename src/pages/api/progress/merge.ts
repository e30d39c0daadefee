import type { APIRoute } from 'astro';
import { routeUser } from '../../../lib/server/access';
import { readFormFields } from '../../../lib/server/forms';
import { localProgressSchema } from '../../../schemas/progress';
import { getDb } from '../../../lib/server/db';
import { findLessonRef } from '../../../lib/server/course-source';
import { mergeLocalProgress } from '../../../lib/server/progress';
import { json } from '../../../lib/server/http';

export const prerender = false;

/** Progress a person made while signed out, sent by their browser once they sign in. */
export const POST: APIRoute = async (context) => {
  const user = await routeUser(context);
  if (user instanceof Response) return user;
  const { request } = context;
  const form = await readFormFields(request);
  let items: unknown;
  try {
    items = JSON.parse(form?.['items'] ?? '');
  } catch {
    return json({ message: '学习记录格式不正确。' }, 400);
  }
  const parsed = localProgressSchema.safeParse(items);
  if (!parsed.success) return json({ message: parsed.error.issues[0]?.message ?? '学习记录格式不正确。' }, 400);
  const known = [];
  for (const item of parsed.data) {
    const lesson = await findLessonRef(item.lessonId);
    if (lesson) known.push({ ...item, courseId: lesson.courseId, ...(lesson.course ? { course: lesson.course } : {}) });
  }
  const merged = await mergeLocalProgress(await getDb(), user.id, known);
  return json({ merged });
};
