import type { Role } from '../../db/schema/accounts';

/**
 * The one map of who may do what. Pages, API routes, actions, middleware and navigation all ask
 * `can()` (or `verdict()`, which also says what to do about a refusal); nothing else compares roles.
 * Pure: no I/O, no Astro.
 */
export const CAPABILITIES = [
  /** One's own account: sessions, two-step sign-in, closing it, one's own record. */
  'account.self',
  /** 每日一练 and the 错题本. */
  'practice.answer',
  /** Start, answer and hand in a contest. */
  'contest.take',
  /** A reset code for someone who holds no staff role (resource: the person). */
  'learner.resetCode',
  /** A reset code for a staff member (instructor, organiser, admin). */
  'staff.resetCode',
  /** Roles, disabling accounts, resetting someone's two-step sign-in. */
  'user.manage',
  'branch.manage',
  'invitation.issue',
  /** The people import (spreadsheet of learners). */
  'import.learners',
  /** Site-wide totals and weekly learners (管理 overview). */
  'stats.site',
  /** Question banks: create, import, edit, retire, open for practice, export. */
  'bank.edit',
  /** Contests: set up, edit, extra time, attempts, results export. */
  'contest.manage',
  /** The leaderboard while a contest still runs. */
  'results.viewLive',
  /** The instructors' 讲师工作台 and its course statistics. */
  'studio.view',
  /**
   * The instructor studio: create a course and write it (resource: the course, given as ownerId and
   * authorIds; only its owner, its co-authors and admins may edit it), submit it for review.
   */
  'studio.write',
  /**
   * Approve or return a submitted studio course, publish and unpublish (resource: the course; nobody
   * reviews a course they own or co-author). Admins, and instructors with the reviewer flag.
   */
  'studio.review',
  /** Every studio course: edit any of them, transfer ownership, set the reviewer flag. */
  'studio.manage',
  /** 支部联络员: invitation codes that register people into one's own 党支部 (/liaison/). */
  'invitation.issueOwnBranch',
  /** 支部联络员: who in one's own 党支部 has studied, how far and when (/liaison/progress/). */
  'branch.progress',
  /** The audit log of security events (安全记录). */
  'audit.read',
  /** 报名 for an activity (红色观影, 红色游学 …), cancel and 撤销, write a 观后感 after attending. */
  'activity.join',
  /**
   * The activity schedule: create, edit, move and cancel activities; the attendee and waitlist
   * lists with phone numbers; signing people up by name and phone; check-in at the door; printed
   * sheets and the export; reviewing 观后感.
   */
  'activity.manage',
  /** 智慧助老: ask for help (/help/ask/), follow one's own requests, answer 这篇有帮助吗 as oneself. */
  'help.ask',
  /**
   * 银发数字辅导员: the queue of help requests (/volunteer/), claiming one, recording what was done
   * and how long it took, closing it or handing it back; one's own hours (霞光时间银行).
   */
  'help.answer',
  /**
   * The help centre's administration: guides waiting for a check on a real phone, the guides that
   * help least, every request, and volunteer hours per volunteer and per 党支部 with the export.
   */
  'help.manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What every signed-in person may do, whatever their roles. */
const SIGNED_IN: readonly Capability[] = ['account.self', 'practice.answer', 'contest.take', 'activity.join', 'help.ask'];

/**
 * What the volunteer flag on an account adds (银发数字辅导员, granted by an admin on 管理 › 账号):
 * a flag rather than a role because any learner may also be a volunteer.
 */
const VOLUNTEER: readonly Capability[] = ['help.answer'];

/** What the reviewer flag adds (set by an admin on an instructor's account): approving others' courses. */
const REVIEWER: readonly Capability[] = ['studio.review'];

/** Powers about one's own 党支部: admins do the same for every branch on the 管理 pages instead. */
const OWN_BRANCH: readonly Capability[] = ['invitation.issueOwnBranch', 'branch.progress'];

/** What each role adds. Adding a role is one line here (and one in db/schema's ROLES). */
export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  learner: [],
  instructor: ['learner.resetCode', 'studio.view', 'studio.write'],
  organiser: ['bank.edit', 'contest.manage', 'results.viewLive', 'activity.manage'],
  /** 支部联络员: reset codes for learners of their own branch (RESOURCE_RULES), invitations, progress. */
  liaison: ['learner.resetCode', ...OWN_BRANCH],
  admin: CAPABILITIES.filter((capability) => !OWN_BRANCH.includes(capability)),
};

/** Roles whose powers reach their own 党支部 only. */
const BRANCH_ROLES: readonly Role[] = ['liaison'];

/** Roles that make someone staff: neither an instructor nor a liaison may issue codes that open their accounts. */
export const STAFF_ROLES: readonly Role[] = ['instructor', 'organiser', 'liaison', 'admin'];

export function isStaff(person: { roles: readonly Role[] }): boolean {
  return person.roles.some((role) => STAFF_ROLES.includes(role));
}

/** Who is asking: a signed-in person's id, roles and 党支部. */
export interface Subject {
  id: number;
  roles: readonly Role[];
  branchId: number | null;
  /** Holds the volunteer flag (银发数字辅导员). */
  volunteer?: boolean;
  /** Holds the reviewer flag (approves studio courses). */
  reviewer?: boolean;
}

/** What a capability is used on, when that matters (the person a code is issued for, …). */
export interface Resource {
  roles?: readonly Role[];
  branchId?: number | null;
  /** The owner of a studio course (null: its owner's account was closed). */
  ownerId?: number | null;
  /** A studio course's co-authors. */
  authorIds?: readonly number[];
}

/** Capabilities that also depend on the resource; without a resource, can() answers "for some". */
const RESOURCE_RULES: Partial<Record<Capability, (user: Subject, resource: Resource) => boolean>> = {
  // Never for staff; a 支部联络员 only for people of their own 党支部.
  'learner.resetCode': (user, person) => !isStaff({ roles: person.roles ?? [] }) && inReach(user, 'learner.resetCode', person),
  // A studio course: its owner and co-authors write it; admins (studio.manage) write any.
  'studio.write': (user, course) => writesCourse(user, course) || can(user, 'studio.manage'),
  // Nobody approves a course they own or co-author, admins included.
  'studio.review': (user, course) => !writesCourse(user, course),
};

function writesCourse(user: Subject, course: Resource): boolean {
  return course.ownerId === user.id || (course.authorIds ?? []).includes(user.id);
}

/**
 * Whether the resource lies within the user's reach for `capability`: every branch when a role
 * that is not branch-bound grants it, otherwise the user's own 党支部 only.
 */
function inReach(user: Subject, capability: Capability, resource: Resource): boolean {
  if (user.roles.some((role) => !BRANCH_ROLES.includes(role) && ROLE_CAPABILITIES[role].includes(capability))) return true;
  return user.branchId !== null && resource.branchId === user.branchId;
}

export function can(user: Subject | null | undefined, capability: Capability, resource?: Resource): boolean {
  if (!user) return false;
  const granted =
    SIGNED_IN.includes(capability) ||
    (user.volunteer === true && VOLUNTEER.includes(capability)) ||
    (user.reviewer === true && REVIEWER.includes(capability)) ||
    user.roles.some((role) => ROLE_CAPABILITIES[role].includes(capability));
  if (!granted) return false;
  const rule = RESOURCE_RULES[capability];
  return !resource || !rule || rule(user, resource);
}

/**
 * The rule for an action or a route: open to all, any signed-in person, someone between the
 * password and the authenticator code, or a capability.
 */
export type Access = 'public' | 'signed-in' | 'second-step' | Capability;

/** What to do with a request: let it through, or why not (each has its own answer for people). */
export type Verdict = 'allow' | 'sign-in' | 'two-step' | 'forbidden';

export interface Caller {
  user: Subject | null;
  /** Roles held back until the person turns on two-step sign-in (sign-in-state.ts). */
  withheldRoles: readonly Role[];
  /** Password given, authenticator code still to come. */
  secondStep: boolean;
}

export function verdict(caller: Caller, access: Access, resource?: Resource): Verdict {
  if (access === 'public') return 'allow';
  if (access === 'second-step') return caller.secondStep ? 'allow' : 'sign-in';
  const { user } = caller;
  if (!user) return 'sign-in';
  if (access === 'signed-in' || can(user, access, resource)) return 'allow';
  if (can({ ...user, roles: caller.withheldRoles }, access, resource)) return 'two-step';
  return 'forbidden';
}
