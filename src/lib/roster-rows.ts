import type { SignupSource } from '../../db/schema/activities';
import type { RosterRow } from './server/activity-signups';
import { signupStatusText } from './activity-rules';
import { formatFullDateTime, formatTimeOfDay } from './beijing-time';

/**
 * How the organiser's lists name a sign-up, the same on the page, the 签到表, the check-in tablet
 * and the Excel export. Pure: rows come from the engine's roster().
 */

export const SOURCE_LABELS: Readonly<Record<SignupSource, string>> = {
  self: '本人报名',
  organiser: '组织者登记',
  'walk-in': '现场报名',
};

/** A line of the engine's roster() (activity-signups.ts RosterRow), without the sign-up time nothing prints. */
export type RosterLine = Omit<RosterRow, 'createdAt'>;

/** The last four digits: what the sign-in sheet prints and the door's search looks for. */
export function lastFour(phone: string): string {
  return phone.slice(-4);
}

/** 2 个（含家属 王秀英）. */
export function seatsLabel(line: Pick<RosterLine, 'seats' | 'companionName'>): string {
  if (line.seats < 2) return '1 个';
  return `2 个（含同行家属${line.companionName ? ` ${line.companionName}` : ''}）`;
}

/** 已签到 14:02 / 未签到. */
export function checkInLabel(line: Pick<RosterLine, 'checkedInAt'>): string {
  return line.checkedInAt === null ? '未签到' : `已签到 ${formatTimeOfDay(line.checkedInAt)}`;
}

/**
 * The door's search: the last digits of the phone number (typed as digits) or part of the name;
 * empty shows everyone.
 */
export function matchesSearch(line: Pick<RosterLine, 'name' | 'phone'>, query: string): boolean {
  const q = query.normalize('NFKC').replace(/\s+/g, '');
  if (q === '') return true;
  if (/^\d+$/.test(q)) return line.phone.endsWith(q);
  return line.name.replace(/\s+/g, '').includes(q);
}

export const ROSTER_HEADER = ['序号', '状态', '姓名', '党支部', '手机号', '座位', '同行家属', '报名方式', '签到时间', '有无账号'] as const;

/** The Excel export's rows: those coming (in order), then the waitlist in order. */
export function rosterSheetRows(lines: readonly RosterLine[]): Array<Array<string | number>> {
  let coming = 0;
  return lines.map((line) => [
    line.status === 'confirmed' ? ++coming : line.position ?? '',
    signupStatusText(line),
    line.name,
    line.branchName ?? '',
    line.phone,
    line.seats,
    line.companionName ?? '',
    SOURCE_LABELS[line.source],
    line.checkedInAt === null ? '' : formatFullDateTime(line.checkedInAt),
    line.userId === null ? '无（代为登记）' : '有',
  ]);
}
