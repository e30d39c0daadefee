import { MAX_SEATS, STATUS_LABELS, UNDO_MINUTES } from './activity-rules';
import { beijingDay, formatDateTime, formatDayWithWeekday, formatTimeOfDay } from './beijing-time';
import type { ActivityStatus } from '../../db/schema/activities';

/**
 * How the schedule's pages word an activity and a person's sign-up: the same sentence on the
 * schedule, the activity's page, 我的学习 and the home page. Pure; the rules themselves are in
 * activity-rules.ts.
 */

/** 12月3日星期三 14:00–16:30, or both days when it runs over midnight. */
export function activityTimeText(activity: { startsAt: number; endsAt: number }): string {
  const start = `${formatDayWithWeekday(activity.startsAt)} ${formatTimeOfDay(activity.startsAt)}`;
  if (beijingDay(activity.startsAt) === beijingDay(activity.endsAt)) return `${start}–${formatTimeOfDay(activity.endsAt)}`;
  return `${start} 至 ${formatDayWithWeekday(activity.endsAt)} ${formatTimeOfDay(activity.endsAt)}`;
}

/**
 * Where an activity is, in one line, the same on every page, sheet, poster, message and calendar
 * entry: 老干部活动中心 三楼多功能厅（人民路1号）. The room and the address are left out when empty.
 */
export function venueText(activity: { venueName: string; venueRoom: string; venueAddress: string }): string {
  const [name, room, address] = [activity.venueName, activity.venueRoom, activity.venueAddress].map((part) => part.trim());
  return `${[name, room].filter(Boolean).join(' ')}${address ? `（${address}）` : ''}`;
}

export function companionsRuleText(companionsAllowed: boolean): string {
  return companionsAllowed ? `可以带一位同行家属，共占 ${MAX_SEATS} 个座位。` : '这项活动只能本人报名，不能带同行家属。';
}

/**
 * Under the 同行家属 box when fewer seats are left than a pair takes: the button still says 报名,
 * and a pair would go to the waitlist. Undefined when a pair fits (or nothing is left at all).
 */
export function companionSeatsText(seatsFree: number): string | undefined {
  if (seatsFree <= 0 || seatsFree >= MAX_SEATS) return undefined;
  return `现在只剩 ${seatsFree} 个座位，带家属需要 ${MAX_SEATS} 个座位：带家属报名会先进入候补，一个人来可以直接报上名。`;
}

/** The cut-off of sign-ups and of cancelling them (one time for both: activity-rules.ts signupOpen). */
export function cutOffText(signupClosesAt: number): string {
  return `报名和取消报名都在${formatDateTime(signupClosesAt)}截止。`;
}

/** 已改期：… / 已取消：… with the organiser's reason; undefined while it runs as planned. */
export function statusNoticeText(activity: { status: ActivityStatus; statusReason: string }): string | undefined {
  if (activity.status === 'scheduled') return undefined;
  const reason = activity.statusReason ? `原因：${activity.statusReason}` : '';
  const after = activity.status === 'moved' ? '时间和地点以本页写的为准。' : '';
  return `${STATUS_LABELS[activity.status]}。${reason}${reason && !/[。！？]$/.test(reason) ? '。' : ''}${after}`;
}

/** The confirmation after signing up: 报名成功 or 已进入候补，第N位. */
export function signedUpText(signup: { status: 'confirmed' | 'waitlisted' | 'cancelled'; seats: number; position: number | null }): string {
  const pair = signup.seats > 1 ? `（${signup.seats}个座位，含同行家属）` : '';
  if (signup.status === 'confirmed') return `报名成功${pair}。请按时参加。`;
  return `座位已满，已进入候补，第${signup.position ?? 1}位${pair}。有座位空出来时会自动为您转为正式报名，并在“我的消息”里告诉您。`;
}

/** After cancelling: until when 撤销 restores the sign-up. */
export function undoText(undoUntil: number): string {
  return `已取消报名。如果是点错了，${formatTimeOfDay(undoUntil)}之前（${UNDO_MINUTES}分钟内）可以撤销。`;
}

/** A person moved up from the waitlist. */
export const PROMOTED_TITLE = '候补成功';
export const PROMOTED_TEXT = `${PROMOTED_TITLE}：有座位空出来了，您已从候补转为正式报名。`;
