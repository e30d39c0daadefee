import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import { activities, activitySignups, ACTIVITY_KINDS, type ActivityKind } from '../../../db/schema';
import type { Db } from './db';
import { getActivity, listActivities, type Activity, type ActivityQuery, type ActivityWithSeats } from './activities';
import { mySignups, settleDue, toView, type SignupView } from './activity-signups';
import { remindTomorrow } from './messages';
import { activityIdFrom, groupAgenda, type AgendaGroup } from '../activity-agenda';

/**
 * What the learner-facing schedule pages read: the agenda (/screenings/), one activity from its
 * URL, and a person's next activity (home page and 我的学习). The rules are the engine's
 * (activity-signups.ts); this module only reads.
 */

/** The activity an URL's id names; undefined for anything that is not one (the page answers 404). */
export async function activityFromParam(db: Db, param: string | undefined): Promise<ActivityWithSeats | undefined> {
  const id = activityIdFrom(param);
  return id === undefined ? undefined : getActivity(db, id);
}

export function parseKind(value: string | null): ActivityKind | undefined {
  return (ACTIVITY_KINDS as readonly string[]).includes(value ?? '') ? (value as ActivityKind) : undefined;
}

/** A film's slug as content/films names it (lower-case words and digits joined by hyphens). */
export function parseFilmSlug(value: string | null): string | undefined {
  return value && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 80 ? value : undefined;
}

export const PAST_PAGE = 10;

export interface ScheduleQuery {
  kind?: ActivityKind | undefined;
  filmSlug?: string | undefined;
  /** How many past activities to show (PAST_PAGE at first, more through 更早的活动). */
  pastShown?: number;
}

type Mine = SignupView & { activity: Activity };

export interface Schedule {
  groups: Array<AgendaGroup<ActivityWithSeats>>;
  /** Over already, latest first. */
  past: ActivityWithSeats[];
  /** Whether there are earlier ones than `past` shows. */
  morePast: boolean;
  /** The signed-in person's own sign-ups, by activity id. */
  mine: Map<number, Mine>;
}

/**
 * The public schedule: coming activities grouped by week, then the latest past ones. Seats held
 * past their 撤销 time are settled first, so the seats shown are the ones to be had.
 */
export async function loadSchedule(db: Db, query: ScheduleQuery, userId: number | undefined, now = Date.now()): Promise<Schedule> {
  await settleDue(db, now);
  const filter: ActivityQuery = {};
  if (query.kind) filter.kind = query.kind;
  if (query.filmSlug) filter.filmSlug = query.filmSlug;
  const pastShown = Math.min(Math.max(query.pastShown ?? PAST_PAGE, PAST_PAGE), 200);
  const [coming, ended, signups] = await Promise.all([
    // From a day back: one that started this morning and is still on is listed as coming.
    listActivities(db, { ...filter, from: now - 86_400_000 }),
    listActivities(db, { ...filter, to: now, newestFirst: true, limit: pastShown + 20 }),
    userId === undefined ? Promise.resolve([]) : mySignups(db, userId, now),
  ]);
  const past = ended.filter((activity) => activity.endsAt <= now);
  return {
    groups: groupAgenda(
      coming.filter((activity) => activity.endsAt > now),
      now,
    ),
    past: past.slice(0, pastShown),
    morePast: past.length > pastShown,
    mine: new Map(signups.map((signup) => [signup.activityId, signup])),
  };
}

export interface NextActivity {
  activity: Activity;
  signup: SignupView;
}

/**
 * The person's next activity: the soonest confirmed or waitlisted sign-up whose activity has not
 * ended and is not cancelled. The home page's tile and 我的学习 both ask here.
 */
export async function nextActivity(db: Db, userId: number, now = Date.now()): Promise<NextActivity | undefined> {
  const rows = await db
    .select({ signup: activitySignups, activity: activities })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(
      and(
        eq(activitySignups.userId, userId),
        inArray(activitySignups.status, ['confirmed', 'waitlisted']),
        gt(activities.endsAt, now),
        ne(activities.status, 'cancelled'),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(1);
  const row = rows[0];
  return row ? { activity: row.activity, signup: await toView(db, row.signup, now) } : undefined;
}

/**
 * What a person's visit to the home page, 我的学习 or 我的消息 sets off before they are read: seats
 * held past their 撤销 time go to the waitlist (so a promotion shows at once), and tomorrow's
 * activities get their reminder. Both are cheap when nothing is due, and idempotent.
 */
export async function settleAndRemind(db: Db, userId: number, now = Date.now()): Promise<void> {
  await settleDue(db, now);
  await remindTomorrow(db, userId, now);
}
