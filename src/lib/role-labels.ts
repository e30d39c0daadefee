import type { Role } from '../../db/schema/accounts';

/** Roles as people read them, everywhere a role is shown. */
export const ROLE_LABELS: Record<Role, string> = { learner: '学员', instructor: '讲师', organiser: '竞赛组织者', admin: '管理员', liaison: '支部联络员' };
