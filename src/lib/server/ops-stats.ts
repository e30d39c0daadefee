import { count, gte, sql } from 'drizzle-orm';
import { activitySignups, attemptQuestions, lessonProgress, users } from '../../../db/schema';
import { beijingDayStart } from '../beijing-time';
import type { Db } from './db';

/** Today's counts (Beijing day) for 管理 › 运行情况. */
export interface TodayCounts {
  /** Signed in or studied today. */
  activePeople: number;
  lessonsCompleted: number;
  contestAnswers: number;
  signups: number;
}

export async function todayCounts(db: Db, now = Date.now()): Promise<TodayCounts> {
  const start = beijingDayStart(now);
  const [active, completed, answers, signups] = await Promise.all([
    db.get<{ n: number }>(
      sql`select count(*) as n from (select ${users.id} as id from ${users} where ${users.lastSeenAt} >= ${start} union select ${lessonProgress.userId} from ${lessonProgress} where ${lessonProgress.lastSeenAt} >= ${start})`,
    ),
    db.select({ n: count() }).from(lessonProgress).where(gte(lessonProgress.completedAt, start)),
    db.select({ n: count() }).from(attemptQuestions).where(gte(attemptQuestions.answeredAt, start)),
    db.select({ n: count() }).from(activitySignups).where(gte(activitySignups.createdAt, start)),
  ]);
  return { activePeople: Number(active.n), lessonsCompleted: completed[0]?.n ?? 0, contestAnswers: answers[0]?.n ?? 0, signups: signups[0]?.n ?? 0 };
}
