import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/schema/accounts';
import { can, CAPABILITIES, isStaff, ROLE_CAPABILITIES, verdict, type Caller, type Subject } from '../../src/lib/permissions';
import { ACTION_ACCESS, ENDPOINT_ACCESS, PAGE_ACCESS } from '../../src/lib/access-map';

const person = (...roles: Role[]): Subject => ({ id: 1, roles, branchId: null });
const caller = (user: Subject | null, extra: Partial<Caller> = {}): Caller => ({ user, withheldRoles: [], secondStep: false, ...extra });

describe('can()', () => {
  it('lets every signed-in person look after their own account, practise and take part in contests', () => {
    for (const roles of [[], ['learner'], ['instructor'], ['organiser'], ['admin']] as Role[][]) {
      for (const capability of ['account.self', 'practice.answer', 'contest.take'] as const) expect(can(person(...roles), capability)).toBe(true);
    }
    expect(can(null, 'account.self')).toBe(false);
    expect(can(undefined, 'contest.take')).toBe(false);
  });

  it('gives learners no staff powers', () => {
    const learner = person('learner');
    for (const capability of CAPABILITIES.filter((c) => !['account.self', 'practice.answer', 'contest.take', 'activity.join', 'help.ask'].includes(c))) {
      expect(can(learner, capability), capability).toBe(false);
    }
  });

  it('lets a volunteer (the account flag, any role) answer help requests, and nothing more', () => {
    const volunteer: Subject = { ...person('learner'), volunteer: true };
    expect(can(volunteer, 'help.answer')).toBe(true);
    expect(can(person('learner'), 'help.answer')).toBe(false);
    expect(can(volunteer, 'help.manage')).toBe(false);
    expect(can(person('admin'), 'help.answer')).toBe(true);
    expect(can(person('admin'), 'help.manage')).toBe(true);
    expect(verdict(caller(volunteer), 'help.answer')).toBe('allow');
    expect(verdict(caller(person('learner')), 'help.answer')).toBe('forbidden');
  });

  it('lets instructors issue reset codes for learners only, never for staff', () => {
    const instructor = person('learner', 'instructor');
    expect(can(instructor, 'learner.resetCode')).toBe(true);
    expect(can(instructor, 'learner.resetCode', { roles: ['learner'] })).toBe(true);
    for (const staff of ['instructor', 'organiser', 'admin'] as const) {
      expect(can(instructor, 'learner.resetCode', { roles: ['learner', staff] }), staff).toBe(false);
    }
    expect(can(instructor, 'staff.resetCode')).toBe(false);
    expect(can(person('admin'), 'staff.resetCode', { roles: ['admin'] })).toBe(true);
  });

  it('keeps question banks and contests to organisers, the studio to instructors, the rest to admins', () => {
    expect(can(person('organiser'), 'bank.edit')).toBe(true);
    expect(can(person('organiser'), 'contest.manage')).toBe(true);
    expect(can(person('organiser'), 'results.viewLive')).toBe(true);
    expect(can(person('organiser'), 'studio.view')).toBe(false);
    expect(can(person('organiser'), 'user.manage')).toBe(false);
    expect(can(person('instructor'), 'studio.view')).toBe(true);
    expect(can(person('instructor'), 'bank.edit')).toBe(false);
    const ownBranch = ['invitation.issueOwnBranch', 'branch.progress'];
    for (const capability of CAPABILITIES) expect(can(person('admin'), capability), capability).toBe(!ownBranch.includes(capability));
    expect(can(person('admin'), 'audit.read')).toBe(true);
    expect(can(person('organiser'), 'audit.read')).toBe(false);
  });

  it('lets a 支部联络员 issue invitations and reset codes and see progress for their own branch only', () => {
    const liaison: Subject = { id: 3, roles: ['learner', 'liaison'], branchId: 1 };
    for (const capability of ['invitation.issueOwnBranch', 'branch.progress', 'learner.resetCode'] as const) expect(can(liaison, capability), capability).toBe(true);
    for (const capability of ['invitation.issue', 'user.manage', 'staff.resetCode', 'audit.read', 'studio.view'] as const) expect(can(liaison, capability), capability).toBe(false);
    expect(can(liaison, 'learner.resetCode', { roles: ['learner'], branchId: 1 })).toBe(true);
    expect(can(liaison, 'learner.resetCode', { roles: ['learner'], branchId: 2 })).toBe(false);
    expect(can(liaison, 'learner.resetCode', { roles: ['learner'], branchId: null })).toBe(false);
    expect(can({ ...liaison, branchId: null }, 'learner.resetCode', { roles: ['learner'], branchId: null })).toBe(false);
    expect(can(liaison, 'learner.resetCode', { roles: ['learner', 'organiser'], branchId: 1 })).toBe(false);
    // A liaison's account opens staff powers: neither an instructor nor another liaison may reset it.
    expect(can(person('instructor'), 'learner.resetCode', { roles: ['learner', 'liaison'], branchId: null })).toBe(false);
    expect(can(liaison, 'learner.resetCode', { roles: ['learner', 'liaison'], branchId: 1 })).toBe(false);
    // Instructors and admins reach every branch; a liaison who also teaches does too.
    expect(can(person('instructor'), 'learner.resetCode', { roles: ['learner'], branchId: 2 })).toBe(true);
    expect(can(person('admin'), 'learner.resetCode', { roles: ['learner'], branchId: 2 })).toBe(true);
    expect(can({ ...liaison, roles: ['liaison', 'instructor'] }, 'learner.resetCode', { roles: ['learner'], branchId: 2 })).toBe(true);
  });

  it('names only known capabilities, and every capability is held by someone', () => {
    expect(Object.keys(ROLE_CAPABILITIES).sort()).toEqual([...ROLES].sort());
    const held = new Set(['account.self', 'practice.answer', 'contest.take', ...Object.values(ROLE_CAPABILITIES).flat()]);
    for (const capability of CAPABILITIES) expect(held.has(capability), capability).toBe(true);
    for (const capability of held) expect(CAPABILITIES as readonly string[]).toContain(capability);
  });

  it('counts instructors, organisers, liaisons and admins as staff', () => {
    expect(isStaff(person('liaison'))).toBe(true);
    expect(isStaff(person('learner'))).toBe(false);
    expect(isStaff(person())).toBe(false);
    expect(isStaff(person('learner', 'organiser'))).toBe(true);
  });
});

describe('verdict()', () => {
  it('sends signed-out people to sign in and refuses those without the capability', () => {
    expect(verdict(caller(null), 'public')).toBe('allow');
    expect(verdict(caller(null), 'signed-in')).toBe('sign-in');
    expect(verdict(caller(null), 'bank.edit')).toBe('sign-in');
    expect(verdict(caller(person('learner')), 'signed-in')).toBe('allow');
    expect(verdict(caller(person('learner')), 'bank.edit')).toBe('forbidden');
    expect(verdict(caller(person('organiser')), 'bank.edit')).toBe('allow');
  });

  it('asks an admin without two-step sign-in to turn it on, instead of refusing', () => {
    // sign-in-state.ts removes the withheld role from user.roles.
    const withheld = caller(person('learner'), { withheldRoles: ['admin'] });
    expect(verdict(withheld, 'user.manage')).toBe('two-step');
    expect(verdict(withheld, 'account.self')).toBe('allow');
    expect(verdict(caller(person('learner'), { withheldRoles: ['admin'] }), 'learner.resetCode', { roles: ['learner'] })).toBe('two-step');
  });

  it('lets the second sign-in step through only halfway through signing in', () => {
    expect(verdict(caller(null, { secondStep: true }), 'second-step')).toBe('allow');
    expect(verdict(caller(null), 'second-step')).toBe('sign-in');
  });

  it('checks the resource when one is given', () => {
    expect(verdict(caller(person('instructor')), 'learner.resetCode', { roles: ['admin'] })).toBe('forbidden');
  });
});

describe('the access map', () => {
  it('gives every action and route a known rule', () => {
    const known = new Set<string>(['public', 'signed-in', 'second-step', ...CAPABILITIES]);
    for (const [name, access] of Object.entries({ ...ACTION_ACCESS, ...PAGE_ACCESS, ...ENDPOINT_ACCESS })) expect(known.has(access), name).toBe(true);
  });
});
