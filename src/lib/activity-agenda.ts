import { beijingWeekStart, formatDayWithWeekday, nextBeijingMonthStart } from './beijing-time';

/**
 * The public schedule as an agenda by week (本周 / 下周 / 本月 / 以后), and a person's own sign-ups
 * sorted into what 我的学习 lists. Pure: Beijing weeks start on Monday (beijing-time.ts).
 */
export type AgendaGroupId = 'thisWeek' | 'nextWeek' | 'thisMonth' | 'later';

export const AGENDA_LABELS: Readonly<Record<AgendaGroupId, string>> = {
  thisWeek: '本周',
  nextWeek: '下周',
  thisMonth: '本月',
  later: '以后',
};

export interface AgendaGroup<T> {
  id: AgendaGroupId;
  label: string;
  /** The days the group covers, in words: 11月30日星期一至12月6日星期日. */
  range: string;
  items: T[];
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

interface Bounds {
  nextWeek: number;
  weekAfter: number;
  nextMonth: number;
}

function bounds(now: number): Bounds {
  const nextWeek = beijingWeekStart(now) + WEEK_MS;
  return { nextWeek, weekAfter: nextWeek + WEEK_MS, nextMonth: nextBeijingMonthStart(now) };
}

/** Which group an activity starting at `startsAt` belongs to (one already running counts as this week). */
export function agendaGroupOf(startsAt: number, now: number): AgendaGroupId {
  const { nextWeek, weekAfter, nextMonth } = bounds(now);
  if (startsAt < nextWeek) return 'thisWeek';
  if (startsAt < weekAfter) return 'nextWeek';
  if (startsAt < nextMonth) return 'thisMonth';
  return 'later';
}

function rangeText(id: AgendaGroupId, now: number): string {
  const { nextWeek, weekAfter, nextMonth } = bounds(now);
  const span = (from: number, to: number): string => `${formatDayWithWeekday(from)}至${formatDayWithWeekday(to - DAY_MS)}`;
  if (id === 'thisWeek') return span(nextWeek - WEEK_MS, nextWeek);
  if (id === 'nextWeek') return span(nextWeek, weekAfter);
  if (id === 'thisMonth') return span(weekAfter, nextMonth);
  return `${formatDayWithWeekday(Math.max(weekAfter, nextMonth))}以后`;
}

/** The coming activities in their groups, in the given order; groups with nothing in them are left out. */
export function groupAgenda<T extends { startsAt: number }>(items: readonly T[], now: number): Array<AgendaGroup<T>> {
  const order: AgendaGroupId[] = ['thisWeek', 'nextWeek', 'thisMonth', 'later'];
  const groups = new Map<AgendaGroupId, T[]>(order.map((id) => [id, []]));
  for (const item of items) groups.get(agendaGroupOf(item.startsAt, now))?.push(item);
  return order
    .filter((id) => (groups.get(id) ?? []).length > 0)
    .map((id) => ({ id, label: AGENDA_LABELS[id], range: rangeText(id, now), items: groups.get(id) ?? [] }));
}

interface MineLike {
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  undoUntil: number | null;
  activity: { endsAt: number; status: 'scheduled' | 'moved' | 'cancelled' };
}

export interface MyActivityLists<T> {
  /** Confirmed, not yet over (soonest first). */
  coming: T[];
  /** On the waitlist, not yet over. */
  waitlisted: T[];
  /** Cancelled a moment ago: 撤销 can still restore them. */
  undoable: T[];
}

/**
 * A person's sign-ups (mySignups, soonest first) sorted into the lists 我的学习 shows. The
 * activities attended are not among them: check-in.ts attendedActivities is their one list.
 */
export function sortMySignups<T extends MineLike>(signups: readonly T[], now: number): MyActivityLists<T> {
  const upcoming = (signup: T): boolean => signup.activity.endsAt > now;
  return {
    coming: signups.filter((signup) => signup.status === 'confirmed' && upcoming(signup)),
    waitlisted: signups.filter((signup) => signup.status === 'waitlisted' && upcoming(signup)),
    undoable: signups.filter((signup) => signup.status === 'cancelled' && signup.undoUntil !== null && signup.undoUntil > now),
  };
}

/** An activity's own page: printed on posters (QR) and linked from messages, so it never changes. */
export function activityPath(activityId: number): string {
  return `/screenings/${activityId}/`;
}

/** The activity's 观后感 page (where the author writes, and where messages lead). */
export function reflectionPath(activityId: number): string {
  return `${activityPath(activityId)}reflection/`;
}

/** The activity's .ics file (加入手机日历). */
export function activityCalendarPath(activityId: number): string {
  return `${activityPath(activityId)}calendar.ics`;
}

/** Larger than any activity id the schedule will reach, small enough to stay an exact integer. */
export const MAX_ACTIVITY_ID = 2_147_483_647;

/**
 * The activity id in a URL (/screenings/<id>/, /organiser/activities/<id>/): a positive whole
 * number written plainly, so `0`, `-1`, `012`, `1e3`, `12abc` or a 30-digit number name no activity
 * (undefined) rather than being read as something else.
 */
export function activityIdFrom(param: string | undefined | null): number | undefined {
  if (!param || !/^[1-9]\d{0,9}$/.test(param)) return undefined;
  const id = Number(param);
  return id <= MAX_ACTIVITY_ID ? id : undefined;
}

/** /screenings/ with its filters (?kind=, ?film=, ?past=), in one fixed order. */

export function scheduleUrl(query: { kind?: string | undefined; filmSlug?: string | undefined; past?: number | undefined } = {}): string {
  const params = new URLSearchParams();
  if (query.kind) params.set('kind', query.kind);
  if (query.filmSlug) params.set('film', query.filmSlug);
  if (query.past) params.set('past', String(query.past));
  const search = params.toString();
  return search ? `/screenings/?${search}` : '/screenings/';
}
