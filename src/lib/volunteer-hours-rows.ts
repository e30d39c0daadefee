/**
 * 霞光时间银行 totals as the admins' page and the Excel export name them, the same in both. Pure:
 * rows come from src/lib/server/volunteer-hours.ts.
 */
import { hoursNumber } from './help-requests';
import type { BranchTotal, VolunteerTotal } from './server/volunteer-hours';

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

