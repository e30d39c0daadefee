import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema/accounts';
import { verdict, type Caller } from '../../src/lib/permissions';
import { PAGE_ACCESS } from '../../src/lib/access-map';
import { everydaySections, MENU_PATH, menuHref, SECTIONS, sectionById, sectionOfPath, sectionsFor, staffSectionsFor } from '../../src/lib/navigation';
import { ROLES } from '../../db/schema/accounts';
import { homePathFor } from '../../src/lib/first-pages';

const caller = (roles: Role[] | null, extra: Partial<Caller> = {}): Caller => ({
  user: roles ? { id: 1, roles, branchId: 7 } : null,
  withheldRoles: [],
  secondStep: false,
  ...extra,
});
/** Pages of sections still to come: left out, so these expectations hold whichever get built. */
const FUTURE = ['/screenings', '/help', '/oath', '/volunteer', '/studio/review'];
const BUILT = Object.fromEntries(Object.entries(PAGE_ACCESS).filter(([page]) => !FUTURE.includes(page)));
const labels = (who: Caller, rules = BUILT): string[] => sectionsFor(who, rules).map((section) => section.label);
const EVERYONE = ['首页', '课程', '每日一练', '知识竞赛', '我的学习'];

describe('the sections each role sees', () => {
  it('shows visitors and learners the everyday sections and no staff section', () => {
    expect(labels(caller(null))).toEqual(EVERYONE);
    expect(labels(caller(['learner']))).toEqual(EVERYONE);
  });

  it('adds each staff section for the roles the server lets in, and only those', () => {
    expect(labels(caller(['learner', 'instructor']))).toEqual([...EVERYONE, '讲师工作台']);
    expect(labels(caller(['learner', 'organiser']))).toEqual([...EVERYONE, '组织者']);
    expect(labels(caller(['learner', 'liaison']))).toEqual([...EVERYONE, '支部联络员']);
    expect(labels(caller(['learner', 'admin']))).toEqual([...EVERYONE, '讲师工作台', '组织者', '管理']);
  });

  it('shows an admin who has yet to turn on two-step sign-in the way to 管理 (which asks for it)', () => {
    const pending = caller(['learner'], { withheldRoles: ['admin'] });
    expect(labels(pending)).toContain('管理');
    expect(verdict(pending, PAGE_ACCESS['/admin'] ?? 'public')).toBe('two-step');
  });

  it('never shows a section whose page would refuse the person', () => {
    for (const roles of [['learner'], ['learner', 'instructor'], ['learner', 'organiser'], ['learner', 'liaison'], ['learner', 'admin']] as Role[][]) {
      for (const section of sectionsFor(caller(roles))) {
        expect(verdict(caller(roles), PAGE_ACCESS[section.page] ?? 'public'), `${roles.join('+')} ${section.label}`).toBe('allow');
      }
    }
  });
});

describe('sections whose pages are not built yet', () => {
  it('stay hidden until their page has a rule in the access map, then appear for the people it admits', () => {
    expect(labels(caller(['learner']))).not.toContain('活动');
    const later = { ...BUILT, '/screenings': 'public', '/oath': 'public', '/studio/review': 'studio.view' } as const;
    expect(labels(caller(['learner']), later)).toEqual(['首页', '课程', '每日一练', '知识竞赛', '活动', '重温入党誓词', '我的学习']);
    expect(labels(caller(['learner', 'instructor']), later)).toContain('审核');
    expect(everydaySections(later).map((section) => section.label)).toContain('活动');
  });
});

describe('the row of sections on wide screens', () => {
  it('holds only sections every signed-in person may use (prerendered pages show it to everyone)', () => {
    for (const section of SECTIONS.filter((entry) => entry.everyday)) {
      const rule = PAGE_ACCESS[section.page];
      if (rule === undefined) continue;
      expect(verdict(caller(['learner']), rule), section.label).toBe('allow');
    }
    expect(everydaySections(BUILT).map((section) => section.label)).toEqual(EVERYONE);
  });

  it('has one entry per section, each address its page', () => {
    expect(new Set(SECTIONS.map((section) => section.id)).size).toBe(SECTIONS.length);
    expect(new Set(SECTIONS.map((section) => section.label)).size).toBe(SECTIONS.length);
    for (const section of SECTIONS) expect(section.href, section.label).toBe(section.page === '/' ? '/' : `${section.page}/`);
  });
});

describe('one list for the staff links and the role homes', () => {
  it('gives each role exactly one home, and it is a section the role may open', () => {
    for (const role of ROLES) {
      const homes = SECTIONS.filter((section) => section.homeOf === role);
      expect(homes, role).toHaveLength(1);
      const rule = PAGE_ACCESS[homes[0]?.page ?? ''];
      expect(rule, role).toBeDefined();
      expect(verdict(caller([role]), rule ?? 'public'), role).not.toBe('forbidden');
      expect(homePathFor({ roles: [role] }), role).toBe(homes[0]?.href);
    }
  });

  it("lists on 我的学习 the staff sections of the person's roles, by the menu's names", () => {
    const staff = (roles: Role[]): string[] => staffSectionsFor(caller(roles), BUILT).map((section) => section.label);
    expect(staff(['learner'])).toEqual([]);
    expect(staff(['learner', 'organiser'])).toEqual([sectionById('organiser').label]);
    expect(staff(['learner', 'liaison'])).toEqual(['支部联络员']);
    expect(staff(['learner', 'admin'])).toEqual(['讲师工作台', '组织者', '管理']);
  });
});

describe('where a page belongs', () => {
  it('picks the section of the address, the longest match first', () => {
    expect(sectionOfPath('/')).toBe('home');
    expect(sectionOfPath('/courses/party-spirit/constitution-and-oath/')).toBe('courses');
    expect(sectionOfPath('/practice/daily/')).toBe('practice');
    expect(sectionOfPath('/contests/3/question/1/')).toBe('contests');
    expect(sectionOfPath('/admin')).toBe('admin');
    expect(sectionOfPath('/about/')).toBeUndefined();
    expect(sectionOfPath('/coursesx/')).toBeUndefined();
  });
});

describe('the 菜单 button', () => {
  it('opens the menu page remembering where it was opened, and closes back to that page', () => {
    expect(Object.hasOwn(PAGE_ACCESS, MENU_PATH.slice(0, -1))).toBe(true);
    expect(menuHref('/courses/?theme=integrity')).toBe('/menu/?back=%2Fcourses%2F%3Ftheme%3Dintegrity');
    expect(menuHref('/menu/', '/courses/?theme=integrity')).toBe('/courses/?theme=integrity');
  });

  it('never closes to another site', () => {
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', null]) expect(menuHref('/menu/', bad)).toBe('/');
  });
});

describe('the 每日一练 tile', () => {
  it('says as many questions a day as the draw gives', async () => {
    const { DAILY_COUNT } = await import('../../src/lib/question-rules');
    expect(SECTIONS.find((section) => section.id === 'practice')?.blurb).toContain(`每天 ${DAILY_COUNT} 道题`);
  });
});

describe('审核 (/studio/review/)', () => {
  it('shows to admins and to instructors with the reviewer flag, not to other instructors', () => {
    expect(labels(caller(['learner', 'instructor']), PAGE_ACCESS)).not.toContain('审核');
    const reviewer: Caller = { user: { id: 1, roles: ['learner', 'instructor'], branchId: 7, reviewer: true }, withheldRoles: [], secondStep: false };
    expect(labels(reviewer, PAGE_ACCESS)).toContain('审核');
    expect(labels(caller(['learner', 'admin']), PAGE_ACCESS)).toContain('审核');
    expect(sectionById('review').href).toBe('/studio/review/');
  });
});
