import { progressEventSchema } from '../../schemas/progress';
import { safeReturnPath } from '../preferences';
import type { Db } from './db';
import { findLessonRef } from './course-source';
import { recordComplete, recordHeartbeat, recordOpen, type LessonState } from './progress';

/**
 * What POST /api/progress/ answers a signed-in person for a posted form: a JSON status and body,
 * and, once recorded, where a plain form (我学完了 without JavaScript) goes back to. Used by the
 * endpoint (src/pages/api/progress/index.ts) and by the progress fast lane (progress-lane.ts), so
 * both answer alike.
 */
export async function progressPost(
  db: Db,
  userId: number,
  fields: Record<string, string> | null,
): Promise<{ status: 400 | 404; body: { message: string } } | { status: 200; body: { state: LessonState }; back: string }> {
  const parsed = progressEventSchema.safeParse(fields ?? {});
  if (!parsed.success) return { status: 400, body: { message: parsed.error.issues[0]?.message ?? '请求格式不正确。' } };
  const back = safeReturnPath(parsed.data.back);
  const lesson = await findLessonRef(parsed.data.lesson);
  if (!lesson) return { status: 404, body: { message: '没有找到这篇课文。' } };
  const state =
    parsed.data.event === 'open'
      ? await recordOpen(db, userId, lesson)
      : parsed.data.event === 'beat'
        ? await recordHeartbeat(db, userId, lesson, parsed.data.end === '1')
        : await recordComplete(db, userId, lesson);
  return { status: 200, body: { state }, back };
}
