/**
 * 霞光时间银行 totals as the admins' page and the Excel export name them, the same in both. Pure:
 * rows come from src/lib/server/volunteer-hours.ts, in the shapes defined here.
 */
import { hoursNumber } from './help-requests';

export interface VolunteerTotal {
  /** null: the hours of volunteers who have closed their accounts, one line per 党支部. */
  volunteerId: number | null;
  name: string;
  phone: string;
  branchName: string | null;
  minutes: number;
  /** Requests closed, and activities helped at. */
  requests: number;
  activities: number;
}

export interface BranchTotal {
  branchName: string | null;
  minutes: number;
  volunteers: number;
}

export interface ActivityHelp {
  volunteerId: number | null;
  name: string;
  minutes: number;
  note: string;
}

export interface DeletedHelp {
  volunteerId: number;
  name: string;
  minutes: number;
  /** 撤销 works until then. */
  undoUntil: number;
}

/**
 * Who may be credited at an activity, as the organiser's form states it (the rule itself is
 * src/lib/server/volunteer-hours.ts recordActivityHelp): an account with the 志愿者 flag, never the
 * organiser recording it unless they are an admin. A 银发数字辅导员 helps the people who came; they
 * need not have signed up or checked in themselves, so attendance is not the rule.
 */
export const ACTIVITY_HELP_RULE = '只能记给有“志愿者”标记的账号（银发数字辅导员等，由管理员在“人员与角色”里标记），不能记给自己。同一个人再记一次，会更正为新的时长。';

export const NO_BRANCH = '未填写支部';
/** The name shown for hours whose volunteer has closed their account (the hours stay counted). */
export const CLOSED_VOLUNTEER = '已注销的志愿者';

export const VOLUNTEER_HEADER = ['姓名', '手机号', '党支部', '服务时长（小时）', '解决求助（条）', '活动服务（次）'] as const;
export const BRANCH_HEADER = ['党支部', '服务时长（小时）', '志愿者（人）'] as const;

export function volunteerSheetRows(rows: readonly VolunteerTotal[]): Array<Array<string | number>> {
  return rows.map((row) => [row.name, row.phone, row.branchName ?? NO_BRANCH, hoursNumber(row.minutes), row.requests, row.activities]);
}

export function branchSheetRows(rows: readonly BranchTotal[]): Array<Array<string | number>> {
  return rows.map((row) => [row.branchName ?? NO_BRANCH, hoursNumber(row.minutes), row.volunteers]);
}

