import type { Role } from '../../db/schema/accounts';
import { ROLE_LABELS } from './role-labels';
import { formatMinutes } from './help-requests';

/**
 * The security events kept in the audit log (安全记录), and how each reads in plain Chinese for the
 * admin's page and for the person it concerns. Pure: no I/O.
 */
export const AUDIT_KINDS = [
  'roles.change',
  'account.disable',
  'account.enable',
  'code.reset.issue',
  'code.signin.issue',
  'code.use',
  'invitation.issue',
  'invitation.use',
  'twoFactor.enable',
  'twoFactor.change',
  'twoFactor.disable',
  'twoFactor.reset',
  'recoveryCodes.regenerate',
  'recoveryCode.use',
  'password.change',
  'volunteer.grant',
  'volunteer.revoke',
  'volunteer.hours',
  'volunteer.hours.delete',
  'volunteer.hours.restore',
  'volunteer.hours.correct',
  'reviewer.grant',
  'reviewer.revoke',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Events the person concerned is told about at their next sign-in, when someone else did them. */
export const NOTICE_KINDS: readonly AuditKind[] = ['code.reset.issue', 'code.signin.issue', 'twoFactor.reset'];


export interface AuditDetail {
  before?: Role[];
  after?: Role[];
  /** code.use: which kind of code. */
  purpose?: 'reset' | 'signin';
  /** invitation.issue: the branch the code registers people into, and how many. */
  branchName?: string | null;
  maxUses?: number;
  /** volunteer.hours*: the activity (title copied, so it reads after the activity is gone) or request, and the time. */
  activityTitle?: string;
  requestId?: number;
  minutes?: number;
  /** The time recorded before this entry corrected it. */
  beforeMinutes?: number;
}

export interface AuditEntry {
  at: number;
  kind: string;
  actorName: string;
  actorId: number | null;
  subjectName: string;
  detail: AuditDetail;
}

const roleList = (roles: readonly Role[] | undefined): string => (roles && roles.length > 0 ? roles.map((role) => ROLE_LABELS[role] ?? role).join('、') : '无');

/** 张三为李四发了密码重置码: one sentence, for the admin's list of security events. */
export function describeAuditEvent(entry: AuditEntry): string {
  const actor = entry.actorName || (entry.actorId === null ? '服务器管理命令' : '（已注销的账号）');
  const subject = entry.subjectName || '（已注销的账号）';
  const d = entry.detail;
  switch (entry.kind as AuditKind) {
    case 'roles.change':
      return `${actor}把${subject}的角色从“${roleList(d.before)}”改为“${roleList(d.after)}”`;
    case 'account.disable':
      return `${actor}停用了${subject}的账号`;
    case 'account.enable':
      return `${actor}恢复了${subject}的账号`;
    case 'code.reset.issue':
      return `${actor}为${subject}发了密码重置码`;
    case 'code.signin.issue':
      return `${actor}导入了${subject}，发了首次登录码`;
    case 'code.use':
      return `${subject}用${d.purpose === 'signin' ? '首次登录码' : '重置码'}设置了新密码`;
    case 'invitation.issue':
      return `${actor}生成了邀请码（${d.branchName ? `归入${d.branchName}` : '不指定支部'}，可用 ${d.maxUses ?? 0} 人）`;
    case 'invitation.use':
      return `${subject}用邀请码注册了账号`;
    case 'twoFactor.enable':
      return `${subject}开启了两步验证`;
    case 'twoFactor.change':
      return `${subject}在新手机上重新设置了两步验证`;
    case 'twoFactor.disable':
      return `${subject}关闭了两步验证`;
    case 'twoFactor.reset':
      return `${actor}重置了${subject}的两步验证`;
    case 'recoveryCodes.regenerate':
      return `${subject}重新生成了恢复码`;
    case 'recoveryCode.use':
      return `${subject}用恢复码登录`;
    case 'password.change':
      return `${subject}修改了密码`;
    case 'volunteer.grant':
      return `${actor}把${subject}设为志愿者（可以接求助、看到求助人的手机号）`;
    case 'volunteer.revoke':
      return `${actor}取消了${subject}的志愿者标记`;
    case 'volunteer.hours':
      return d.beforeMinutes === undefined
        ? `${actor}给${subject}记录了在活动“${d.activityTitle ?? ''}”中的志愿服务时长：${formatMinutes(d.minutes ?? 0)}`
        : `${actor}更正了${subject}在活动“${d.activityTitle ?? ''}”中的志愿服务时长：从${formatMinutes(d.beforeMinutes)}改为${formatMinutes(d.minutes ?? 0)}`;
    case 'volunteer.hours.delete':
      return `${actor}删除了${subject}在活动“${d.activityTitle ?? ''}”中的志愿服务时长（${formatMinutes(d.minutes ?? 0)}）`;
    case 'volunteer.hours.restore':
      return `${actor}撤销了删除，恢复了${subject}在活动“${d.activityTitle ?? ''}”中的志愿服务时长（${formatMinutes(d.minutes ?? 0)}）`;
    case 'volunteer.hours.correct':
      return `${actor}更正了第${d.requestId ?? ''}号求助的服务时长（${subject}）：从${formatMinutes(d.beforeMinutes ?? 0)}改为${formatMinutes(d.minutes ?? 0)}`;
    case 'reviewer.grant':
      return `${actor}把${subject}设为课程审核人员（可以审核、发布别人编写的课程）`;
    case 'reviewer.revoke':
      return `${actor}取消了${subject}的课程审核人员标记`;
    default:
      return `${actor}：${entry.kind}（${subject}）`;
  }
}

/** What the person concerned reads at their next sign-in: 管理员张三在…为您发了重置码. */
export function describeNotice(entry: Pick<AuditEntry, 'kind' | 'actorName' | 'actorId'>, when: string): string {
  const actor = entry.actorName || (entry.actorId === null ? '服务器管理员' : '一位已注销的工作人员');
  switch (entry.kind as AuditKind) {
    case 'code.signin.issue':
      return `${actor}在${when}为您开通了账号，发了首次登录码。`;
    case 'twoFactor.reset':
      return `${actor}在${when}重置了您的两步验证。`;
    default:
      return `${actor}在${when}为您发了密码重置码。`;
  }
}
