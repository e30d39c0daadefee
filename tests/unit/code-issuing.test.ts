import { describe, expect, it } from 'vitest';
import { resetCodeRefusal } from '../../src/lib/code-issuing';

const learner = { id: 10, roles: ['learner'] as const, branchId: 1 };
const staffMember = { id: 11, roles: ['learner', 'organiser'] as const, branchId: 1 };

describe('who may issue a reset code to whom', () => {
  it('lets admins help anyone', () => {
    expect(resetCodeRefusal({ id: 1, roles: ['admin'], branchId: null }, staffMember)).toBeNull();
  });

  it('lets instructors help learners only, never staff', () => {
    const instructor = { id: 2, roles: ['learner', 'instructor'] as const, branchId: null };
    expect(resetCodeRefusal(instructor, learner)).toBeNull();
    expect(resetCodeRefusal(instructor, staffMember)).toMatch(/只能由管理员发/);
    expect(resetCodeRefusal(instructor, { id: 12, roles: ['learner', 'liaison'], branchId: 1 })).toMatch(/只能由管理员发/);
  });

  it('lets a 支部联络员 help learners of their own branch only', () => {
    const liaison = { id: 3, roles: ['learner', 'liaison'] as const, branchId: 1 };
    expect(resetCodeRefusal(liaison, learner)).toBeNull();
    expect(resetCodeRefusal(liaison, { ...learner, branchId: 2 })).toMatch(/只能为本支部的学员/);
    expect(resetCodeRefusal(liaison, { ...learner, branchId: null })).toMatch(/只能为本支部的学员/);
    expect(resetCodeRefusal({ ...liaison, branchId: null }, { ...learner, branchId: null })).toMatch(/只能为本支部的学员/);
    expect(resetCodeRefusal(liaison, staffMember)).toMatch(/只能由管理员发/);
  });

  it('refuses everyone else', () => {
    expect(resetCodeRefusal({ id: 4, roles: ['learner', 'organiser'], branchId: 1 }, learner)).toMatch(/只有管理员、讲师和支部联络员/);
  });
});
