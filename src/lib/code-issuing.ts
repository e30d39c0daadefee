import type { Role } from '../../db/schema/accounts';

interface Person {
  id: number;
  roles: readonly Role[];
  branchId: number | null;
}

/**
 * Who may give whom a password reset code, or why not (plain Chinese), so no printed code ever
 * opens a staff account unless an admin issued it: admins for anyone; instructors for learners
 * only; a 支部联络员 for learners of their own 党支部 only.
 */
export function resetCodeRefusal(staff: Person, person: Person): string | null {
  if (staff.roles.includes('admin')) return null;
  const learnerOnly = person.roles.every((role) => role === 'learner');
  if (staff.roles.includes('instructor') && learnerOnly) return null;
  if (staff.roles.includes('liaison') && learnerOnly && staff.branchId !== null && person.branchId === staff.branchId) return null;
  if (!learnerOnly) return '这位同志的账号有工作人员权限，重置码只能由管理员发。请联系老年大学的管理员。';
  if (staff.roles.includes('liaison')) return '支部联络员只能为本支部的学员发重置码。这位学员不在您的支部，请联系他所在支部的联络员或管理员。';
  return '只有管理员、讲师和支部联络员可以发重置码。';
}
