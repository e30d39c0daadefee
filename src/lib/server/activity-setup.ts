import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { activities, activitySignups } from '../../../db/schema';
import type { Db, Tx } from './db';
import { getActivity, type Activity } from './activities';
import { roster, settleActivity, type RosterRow } from './activity-signups';
import { activitySubject, sendMessage, unreadAbout } from './messages';
import { fail, ok, type Result } from '../result';
import { formatDateTime, formatTimeOfDay } from '../beijing-time';
import { KIND_LABELS, UNDO_MINUTES, UNDO_MS } from '../activity-rules';
import { activityTimeText, venueText } from '../activity-wording';
import { activityPath } from '../activity-agenda';
import type { ActivitySettings, MoveSettings } from '../../schemas/activity';

/**
 * Setting the schedule up (organisers): create, change, move (改期/换地点) and cancel activities, and
 * the 电话通知名单 after a change (signing someone up by name and phone is the engine's signUpByPhone). Every change is one write
 * transaction; a move or a cancellation bumps the iCalendar SEQUENCE and writes 我的消息 to everyone
 * signed up in that same transaction, so nobody's calendar or inbox misses it.
 */

const NOT_FOUND = '没有找到这项活动，请回到活动列表重新选择。';
const CANCELLED = '这项活动已经取消，不能再修改。';

/** What people's calendars show: a change to any of these bumps `sequence`. */
const CALENDAR_FIELDS = ['kind', 'title', 'filmSlug', 'destination', 'startsAt', 'endsAt', 'venueName', 'venueAddress', 'venueRoom', 'talkTopic', 'talkSpeaker', 'notes'] as const;
/** A change to these is 改期/换地点: it must reach everyone signed up (moveActivity). */
const TIME_AND_PLACE = ['startsAt', 'endsAt', 'venueName', 'venueAddress', 'venueRoom'] as const;

function changed(before: Activity, after: Partial<Activity>, fields: readonly (keyof Activity)[]): boolean {
  return fields.some((field) => field in after && after[field] !== before[field]);
}

/**
 * Why `capacity` is too small for the seats held; null when it fits. Counts people (a pair is two:
 * the person and their 同行家属), and names apart the seats still held for someone who has just
 * cancelled (撤销 can restore them for UNDO_MINUTES; then they go back).
 */
export async function capacityRefusal(tx: Db | Tx, activityId: number, capacity: number): Promise<string | null> {
  const holding = await tx
    .select({ seatsHeld: activitySignups.seatsHeld, status: activitySignups.status, cancelledAt: activitySignups.cancelledAt })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), gt(activitySignups.seatsHeld, 0)))
    .orderBy(asc(activitySignups.queuedAt), asc(activitySignups.id));
  const taken = holding.reduce((sum, row) => sum + row.seatsHeld, 0);
  if (capacity >= taken) return null;
  const coming = holding.filter((row) => row.status === 'confirmed');
  const people = coming.reduce((sum, row) => sum + row.seatsHeld, 0);
  const held = taken - people;
  // Those last in line who would no longer fit: the people the organiser would have to ring.
  let seats = 0;
  const left = coming.filter((row) => (seats += row.seatsHeld) > capacity).reduce((sum, row) => sum + row.seatsHeld, 0);
  const releasedBy = Math.max(...holding.filter((row) => row.status === 'cancelled').map((row) => (row.cancelledAt ?? 0) + UNDO_MS), 0);
  const heldText = held > 0 ? `，另有 ${held} 个座位给刚取消报名的人保留着（${UNDO_MINUTES}分钟内可以撤销，${formatTimeOfDay(releasedBy)}以后放出）` : '';
  const start = `座位数不能少于现在占着的 ${taken} 个：已报名 ${people} 人（同行家属也算一人）${heldText}。`;
  if (left === 0) return `${start}改成 ${capacity} 个，已报名的人都坐得下，请在${formatTimeOfDay(releasedBy)}以后再改。`;
  return `${start}改成 ${capacity} 个，会有 ${left} 人没有座位。如果确实要减少，请先联系他们取消报名。`;
}

/** The database's own refusal (migration 0009's trigger), should anything get past capacityRefusal. */
function belowTaken(error: unknown): boolean {
  return String((error as { cause?: unknown })?.cause ?? error).includes('activity_capacity_below_taken');
}

async function guarded<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    if (belowTaken(error)) return fail('座位数不能少于已经报名的座位数，请刷新页面看看现在有多少人报名。', 'capacity');
    throw error;
  }
}

/** A new activity on the schedule. */
export async function createActivity(db: Db, settings: ActivitySettings, actorId: number, now = Date.now()): Promise<Result<{ id: number }>> {
  if (settings.startsAt <= now) return fail('开始时间已经过去了，请检查日期和时间。', 'startsAt');
  const inserted = await db
    .insert(activities)
    .values({ ...settings, createdBy: actorId, createdAt: now, updatedAt: now })
    .returning({ id: activities.id });
  return ok({ id: (inserted[0] as { id: number }).id });
}

/** Live sign-ups (coming or waitlisted) of an activity. */
async function liveSignups(tx: Db | Tx, activityId: number): Promise<Array<{ userId: number | null }>> {
  return tx
    .select({ userId: activitySignups.userId })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), ne(activitySignups.status, 'cancelled')));
}

/**
 * Changes an activity's details. Once people have signed up, a new time or place goes through
 * 改期/换地点 instead, which tells each of them; capacity may not drop below the seats held.
 */
export async function updateActivity(db: Db, id: number, settings: ActivitySettings, now = Date.now()): Promise<Result<{ id: number }>> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const before = await getActivity(tx, id);
      if (!before) return fail(NOT_FOUND);
      if (before.status === 'cancelled') return fail(CANCELLED);
      if (changed(before, settings, TIME_AND_PLACE) && (await liveSignups(tx, id)).length > 0) {
        return fail('已经有人报名了。要改时间或地点，请用“改期/换地点”，报了名的人会在“我的消息”里收到通知。');
      }
      if (settings.startsAt !== before.startsAt && settings.startsAt <= now) return fail('开始时间已经过去了，请检查日期和时间。', 'startsAt');
      const refusal = await capacityRefusal(tx, id, settings.capacity);
      if (refusal) return fail(refusal, 'capacity');
      const sequence = before.sequence + (changed(before, settings, CALENDAR_FIELDS) ? 1 : 0);
      await tx.update(activities).set({ ...settings, sequence, updatedAt: now }).where(eq(activities.id, id));
      // More seats go to the waitlist in order at once, each person told.
      await settleActivity(tx, { ...before, ...settings, sequence, updatedAt: now }, now);
      return ok({ id });
    }),
  );
}

/** Writes one message about the activity to every live sign-up that has an account. */
async function tellSignedUp(tx: Tx, activity: Activity, message: { kind: 'activity.moved' | 'activity.cancelled'; title: string; body: string }, now: number): Promise<number> {
  const people = [...new Set((await liveSignups(tx, activity.id)).flatMap((row) => (row.userId === null ? [] : [row.userId])))];
  for (const userId of people) {
    await sendMessage(tx, {
      userId,
      ...message,
      subject: activitySubject(activity.id),
      link: activityPath(activity.id),
      dedupeKey: `${message.kind}:${activity.id}:${activity.sequence}`,
      now,
    });
  }
  return people.length;
}

/**
 * 改期/换地点: a new time and place, every sign-up kept. Status becomes 'moved' with the reason, the
 * calendar SEQUENCE goes up, and everyone signed up with an account gets 'activity.moved'.
 */
export async function moveActivity(db: Db, id: number, move: MoveSettings, now = Date.now()): Promise<Result<{ id: number; told: number }>> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const before = await getActivity(tx, id);
      if (!before) return fail(NOT_FOUND);
      if (before.status === 'cancelled') return fail(CANCELLED);
      if (before.endsAt <= now) return fail('这项活动已经结束，不能再改期。');
      if (move.startsAt <= now) return fail('新的开始时间已经过去了，请检查日期和时间。', 'startsAt');
      if (!changed(before, move, TIME_AND_PLACE)) return fail('时间和地点都没有变。只改座位数或其他内容，请用“修改活动”。');
      const refusal = await capacityRefusal(tx, id, move.capacity);
      if (refusal) return fail(refusal, 'capacity');
      const { reason, ...where } = move;
      const after = { ...before, ...where, status: 'moved' as const, statusReason: reason, sequence: before.sequence + 1, updatedAt: now };
      await tx
        .update(activities)
        .set({ ...where, status: 'moved', statusReason: reason, sequence: after.sequence, updatedAt: now })
        .where(eq(activities.id, id));
      const told = await tellSignedUp(
        tx,
        after,
        {
          kind: 'activity.moved',
          title: `活动改期或换地点：${before.title}`,
          body: `${KIND_LABELS[before.kind]}“${before.title}”改为 ${activityTimeText(after)}，地点：${venueText(after)}。原因：${reason}。您的报名保留不变；如果来不了，请在活动页面取消报名。`,
        },
        now,
      );
      // With more seats, the waitlist moves up in order (each person told, after the move itself).
      await settleActivity(tx, after, now);
      return ok({ id, told });
    }),
  );
}

/** 取消活动 with a reason: sign-ups stay as they were (for the 电话通知名单), each person is told. */
export async function cancelActivity(db: Db, id: number, reason: string, now = Date.now()): Promise<Result<{ id: number; told: number }>> {
  return db.transaction(async (tx) => {
    const before = await getActivity(tx, id);
    if (!before) return fail(NOT_FOUND);
    if (before.status === 'cancelled') return fail('这项活动已经取消过了。');
    if (before.endsAt <= now) return fail('这项活动已经结束，不能再取消。');
    const after = { ...before, status: 'cancelled' as const, statusReason: reason, sequence: before.sequence + 1, updatedAt: now };
    await tx.update(activities).set({ status: 'cancelled', statusReason: reason, sequence: after.sequence, updatedAt: now }).where(eq(activities.id, id));
    const told = await tellSignedUp(
      tx,
      after,
      {
        kind: 'activity.cancelled',
        title: `活动取消：${before.title}`,
        body: `原定 ${formatDateTime(before.startsAt)} 的${KIND_LABELS[before.kind]}“${before.title}”取消了。原因：${reason}。给您带来不便，请谅解。`,
      },
      now,
    );
    return ok({ id, told });
  });
}

/**
 * 电话通知名单 after a move or a cancellation: people still signed up who have not read the message
 * about it, and every guest (no account, so no 我的消息), with their phone numbers.
 */
export async function phoneList(db: Db, activity: Pick<Activity, 'id' | 'status'>): Promise<RosterRow[]> {
  if (activity.status === 'scheduled') return [];
  const [rows, unread] = await Promise.all([roster(db, activity.id), unreadAbout(db, activitySubject(activity.id), ['activity.moved', 'activity.cancelled'])]);
  const waiting = new Set(unread);
  return rows.filter((row) => row.userId === null || waiting.has(row.userId));
}
