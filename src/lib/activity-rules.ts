import type { ActivityKind, ActivityStatus } from '../../db/schema/activities';
import { beijingDayStart, formatDateTime, formatDayWithWeekday } from './beijing-time';

/**
 * The rules of the activity schedule (红色观影, 红色游学, 经典诵读 …) in one place: what each kind is
 * called, when a sign-up or a cancellation is accepted, how long 撤销 lasts, what attending counts
 * for. Pure: the server module (src/lib/server/activity-signups.ts) applies them inside its
 * transactions, and pages word their notices from the same functions.
 */

export const KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  film: '红色观影',
  visit: '红色游学',
  reading: '经典诵读',
  other: '其他活动',
};

export const STATUS_LABELS: Readonly<Record<ActivityStatus, string>> = {
  scheduled: '按计划进行',
  moved: '已改期',
  cancelled: '已取消',
};

/** 撤销 after cancelling a sign-up: the freed seat is held this long, then goes to the waitlist. */
export const UNDO_MINUTES = 10;
export const UNDO_MS = UNDO_MINUTES * 60_000;

/** The most seats one sign-up takes: the person and one 同行家属. */
export const MAX_SEATS = 2;

export interface ActivityTimes {
  startsAt: number;
  endsAt: number;
  signupClosesAt: number;
  status: ActivityStatus;
  companionsAllowed: boolean;
}

/** Study hours an attended activity adds to 我的学习: its length, to the nearest half hour. */
export function activityHours(activity: Pick<ActivityTimes, 'startsAt' | 'endsAt'>): number {
  const hours = Math.max(0, activity.endsAt - activity.startsAt) / 3_600_000;
  return Math.round(hours * 2) / 2;
}

/** Whether sign-ups and cancellations are still accepted (before the cut-off and the start). */
export function signupOpen(activity: Pick<ActivityTimes, 'startsAt' | 'signupClosesAt' | 'status'>, now: number): boolean {
  return activity.status !== 'cancelled' && now < activity.signupClosesAt && now < activity.startsAt;
}

/**
 * Why a sign-up for `seats` seats is refused, in words people read; null when it is accepted (as a
 * seat, or on the waitlist when `seatsFree` is short).
 */
export function joinRefusal(activity: ActivityTimes, now: number, seatsFree: number, seats: number): string | null {
  if (activity.status === 'cancelled') return '这项活动已经取消，不能报名了。';
  if (now >= activity.startsAt) return '这项活动已经开始或结束，不能再报名了。';
  if (now >= activity.signupClosesAt) return `报名已在${formatDateTime(activity.signupClosesAt)}截止。如果还想参加，请联系组织者。`;
  if (seats > 1 && !activity.companionsAllowed) return '这项活动不能带同行家属，请只为自己报名。';
  if (activity.status === 'moved' && seatsFree < seats) return '这项活动已经改期，座位已满，不再接受候补。';
  return null;
}

/**
 * Why an organiser's sign-up for someone is refused: no cut-off (they take sign-ups by telephone
 * and at the door), but not for a cancelled or finished activity. A walk-in is at the door already.
 */
export function staffJoinRefusal(activity: ActivityTimes & { endsAt: number }, now: number, seatsFree: number, seats: number, walkIn = false): string | null {
  if (activity.status === 'cancelled') return '这项活动已经取消，不能报名了。';
  if (now >= activity.endsAt) return '这项活动已经结束，不能再报名了。';
  if (seats > 1 && !activity.companionsAllowed) return '这项活动不能带同行家属，请只为一个人报名。';
  if (!walkIn && activity.status === 'moved' && seatsFree < seats) return '这项活动已经改期，座位已满，不再接受候补。';
  return null;
}

/**
 * Why ticking someone as present at the door (or adding them there) is refused; null when it is
 * accepted: from the start of the activity's day (Beijing time), also after it has ended (a paper
 * sign-in sheet typed in later).
 */
export function checkInRefusal(activity: Pick<ActivityTimes, 'startsAt' | 'status'>, now: number): string | null {
  if (activity.status === 'cancelled') return '这项活动已经取消，不用签到。';
  if (now < beijingDayStart(activity.startsAt)) return `签到要到活动当天（${formatDayWithWeekday(activity.startsAt)}）才能开始，现在还不能签到。提前为人报名，请用活动页面上的“帮人报名”。`;
  return null;
}

/** Why cancelling is refused; null when it is accepted. */
export function cancelRefusal(activity: Pick<ActivityTimes, 'startsAt' | 'signupClosesAt' | 'status'>, now: number): string | null {
  if (activity.status === 'cancelled') return '这项活动已经取消，您不用再取消报名。';
  if (!signupOpen(activity, now)) return '报名已经截止，网上不能再取消了。如果来不了，请告诉组织者。';
  return null;
}

/** 已报名 / 候补第3位 / 已取消: the state of one sign-up in words. */
export function signupStatusText(signup: { status: 'confirmed' | 'waitlisted' | 'cancelled'; seats: number; position: number | null }): string {
  if (signup.status === 'cancelled') return '已取消报名';
  const seats = signup.seats > 1 ? `（${signup.seats}个座位，含同行家属）` : '';
  if (signup.status === 'confirmed') return `已报名${seats}`;
  return `候补第${signup.position ?? 1}位${seats}`;
}

/** 还剩 5 个座位 / 已满，可以候补. */
export function seatsText(seatsFree: number, waitlisted: number): string {
  if (seatsFree > 0) return `还剩 ${seatsFree} 个座位`;
  return waitlisted > 0 ? `座位已满，已有 ${waitlisted} 人候补` : '座位已满，可以报名候补';
}
