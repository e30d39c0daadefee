import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { activities, activitySignups, messages, type MessageKind } from '../../../db/schema';
import type { Db, Writer } from './db';
import { beijingDayStart } from '../beijing-time';
import { KIND_LABELS } from '../activity-rules';
import { activityTimeText, venueText } from '../activity-wording';
import { activityPath } from '../activity-agenda';

/**
 * 我的消息: the site's inbox (there is no SMS). The schedule writes here (promoted from the waitlist,
 * moved, cancelled, the reminder the day before); later modules write through the same sendMessage.
 */
export type Message = typeof messages.$inferSelect;

export interface NewMessage {
  userId: number;
  kind: MessageKind;
  /** What the message is about, e.g. `activity:12` (activitySubject). */
  subject: string;
  title: string;
  body?: string;
  link?: string;
  /** Writing the same key twice for one person keeps the first (the daily reminder). */
  dedupeKey?: string;
  now?: number;
}

export function activitySubject(activityId: number): string {
  return `activity:${activityId}`;
}

/** Joins the caller's transaction, so a message is written exactly when the change it reports is. */
export async function sendMessage(w: Writer, message: NewMessage): Promise<void> {
  await w
    .insert(messages)
    .values({
      userId: message.userId,
      kind: message.kind,
      subject: message.subject,
      title: message.title,
      body: message.body ?? '',
      link: message.link ?? '',
      dedupeKey: message.dedupeKey ?? null,
      createdAt: message.now ?? Date.now(),
    })
    .onConflictDoNothing();
}

/** Newest first. */
export async function listMessages(db: Db, userId: number, limit = 100): Promise<Message[]> {
  return db.select().from(messages).where(eq(messages.userId, userId)).orderBy(desc(messages.createdAt), desc(messages.id)).limit(limit);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.userId, userId), isNull(messages.readAt)));
  return rows[0]?.n ?? 0;
}

/** Marks the given messages (or all of them) read; only the person's own. */
export async function markRead(db: Db, userId: number, ids?: number[], now = Date.now()): Promise<void> {
  const mine = and(eq(messages.userId, userId), isNull(messages.readAt));
  await db
    .update(messages)
    .set({ readAt: now })
    .where(ids ? and(mine, inArray(messages.id, ids)) : mine);
}

/** The people who have not yet read a message of these kinds about `subject` (电话通知名单). */
export async function unreadAbout(db: Db, subject: string, kinds: MessageKind[]): Promise<number[]> {
  const rows = await db
    .selectDistinct({ userId: messages.userId })
    .from(messages)
    .where(and(eq(messages.subject, subject), inArray(messages.kind, kinds), isNull(messages.readAt)));
  return rows.map((row) => row.userId);
}

const DAY_MS = 86_400_000;

/**
 * The reminder the day before: on the person's visit, one message for each of their confirmed
 * activities that starts tomorrow (Beijing time). Idempotent: the dedupe key is the activity and
 * its start, so editing the title or notes sends no second one, and a new start time does.
 */
export async function remindTomorrow(db: Db, userId: number, now = Date.now()): Promise<void> {
  const tomorrow = beijingDayStart(now) + DAY_MS;
  const due = await db
    .select({
      id: activities.id,
      kind: activities.kind,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      venueName: activities.venueName,
      venueRoom: activities.venueRoom,
      venueAddress: activities.venueAddress,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(
      and(
        eq(activitySignups.userId, userId),
        eq(activitySignups.status, 'confirmed'),
        inArray(activities.status, ['scheduled', 'moved']),
        gte(activities.startsAt, tomorrow),
        lt(activities.startsAt, tomorrow + DAY_MS),
      ),
    );
  for (const activity of due) {
    await sendMessage(db, {
      userId,
      kind: 'activity.reminder',
      subject: activitySubject(activity.id),
      title: `明天${KIND_LABELS[activity.kind]}：${activity.title}`,
      body: `时间：${activityTimeText(activity)}，地点：${venueText(activity)}。请按时参加。`,
      link: activityPath(activity.id),
      // A new start time (moved) gets a fresh reminder; a new title or notes does not.
      dedupeKey: `reminder:${activity.id}:${activity.startsAt}`,
      now,
    });
  }
}
