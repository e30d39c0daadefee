import type { Role } from '../../db/schema/accounts';
import { PAGE_ACCESS } from './access-map';
import { verdict, type Access, type Caller } from './permissions';
import { safeReturnPath } from './preferences';
import { DAILY_COUNT } from './question-rules';

/**
 * The site's sections: the one list the header, the 菜单 page and the home page's tiles are drawn
 * from. Pure: who sees what is decided by the page's own rule in access-map.ts, never here.
 *
 * A section names the route pattern of its page (`page`). It is shown only when that page exists,
 * which is when access-map.ts has a rule for it (tests/unit/access-map.test.ts keeps the map and
 * the files in step), and only to people that rule lets in. So a section whose page is not built
 * yet (活动, 重温入党誓词, …) stays out of sight until its page and its rule are added, and a staff
 * section appears exactly for the roles the server lets through.
 */
export type SectionId =
  | 'home'
  | 'courses'
  | 'practice'
  | 'contests'
  | 'screenings'
  | 'help'
  | 'oath'
  | 'me'
  | 'studio'
  | 'organiser'
  | 'liaison'
  | 'volunteer'
  | 'review'
  | 'admin';

/** The drawings in components/ui/NavIcon.astro. */
export type IconName =
  | 'home'
  | 'book'
  | 'pencil'
  | 'trophy'
  | 'film'
  | 'phone'
  | 'flag'
  | 'person'
  | 'board'
  | 'calendar'
  | 'group'
  | 'heart'
  | 'check'
  | 'gear';

export interface Section {
  id: SectionId;
  /** What the button says (two to five characters: it must fit a phone's row of tiles). */
  label: string;
  /** One short sentence for the home page's tiles. */
  blurb: string;
  href: string;
  /** The page's route pattern, as in access-map.ts's PAGE_ACCESS. */
  page: string;
  icon: IconName;
  /**
   * In the row of sections on wide screens. Only sections every signed-in person may use are
   * (tests/unit/navigation.test.ts): the row is the same on prerendered pages, which are built
   * without knowing who reads them; the rest are one tap away in 菜单.
   */
  everyday: boolean;
  /** The role whose own home this section is: where that role lands after signing in (first-pages.ts). */
  homeOf?: Role;
}

export const SECTIONS: readonly Section[] = [
  { id: 'home', label: '首页', blurb: '回到首页。', href: '/', page: '/', icon: 'home', everyday: true },
  { id: 'courses', label: '课程', blurb: '党性教育、红色教育、廉洁文化，能看能听。', href: '/courses/', page: '/courses', icon: 'book', everyday: true },
  { id: 'practice', label: '每日一练', blurb: `每天 ${DAILY_COUNT} 道题，还有错题本。`, href: '/practice/', page: '/practice', icon: 'pencil', everyday: true },
  { id: 'contests', label: '知识竞赛', blurb: '参加老年大学和支部的知识竞赛。', href: '/contests/', page: '/contests', icon: 'trophy', everyday: true },
  { id: 'screenings', label: '活动', blurb: '红色观影等活动的安排，看看哪天去。', href: '/screenings/', page: '/screenings', icon: 'film', everyday: true },
  { id: 'help', label: '智慧助老', blurb: '手机和电脑的实用本领，一步一步学。', href: '/help/', page: '/help', icon: 'phone', everyday: true },
  { id: 'oath', label: '重温入党誓词', blurb: '跟着朗读，重温入党誓词。', href: '/oath/', page: '/oath', icon: 'flag', everyday: true },
  { id: 'me', label: '我的学习', blurb: '学到哪里、学了多久、结业证书。', href: '/me/', page: '/me', icon: 'person', everyday: true, homeOf: 'learner' },
  { id: 'studio', label: '讲师工作台', blurb: '您的课程和学员的学习情况。', href: '/studio/', page: '/studio', icon: 'board', everyday: false, homeOf: 'instructor' },
  { id: 'organiser', label: '组织者', blurb: '题库、知识竞赛和活动的安排。', href: '/organiser/', page: '/organiser', icon: 'calendar', everyday: false, homeOf: 'organiser' },
  { id: 'liaison', label: '支部联络员', blurb: '本支部的邀请码和学习情况。', href: '/liaison/', page: '/liaison', icon: 'group', everyday: false, homeOf: 'liaison' },
  { id: 'volunteer', label: '志愿服务', blurb: '回答老同志的提问。', href: '/volunteer/', page: '/volunteer', icon: 'heart', everyday: false },
  { id: 'review', label: '审核', blurb: '审核讲师提交的课程。', href: '/studio/review/', page: '/studio/review', icon: 'check', everyday: false },
  { id: 'admin', label: '管理', blurb: '账号、党支部、邀请码和全站统计。', href: '/admin/', page: '/admin', icon: 'gear', everyday: false, homeOf: 'admin' },
];

/** One section by its id: its label is the name of its landing page too (one name per section). */
export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((candidate) => candidate.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return section;
}

/** The staff sections this caller may use (讲师工作台, 组织者, …): the everyday ones are in every header already. */
export function staffSectionsFor(caller: Caller, rules: Readonly<Record<string, Access>> = PAGE_ACCESS): Section[] {
  return sectionsFor(caller, rules).filter((section) => !section.everyday);
}

/** Someone who has just registered: what any signed-in person may use. */
const ANY_LEARNER: Caller = { user: { id: 0, roles: ['learner'], branchId: null }, withheldRoles: [], secondStep: false };

/** The rule of a section's page, or undefined while the page does not exist. */
export function sectionAccess(section: Pick<Section, 'page'>, rules: Readonly<Record<string, Access>> = PAGE_ACCESS): Access | undefined {
  return Object.hasOwn(rules, section.page) ? rules[section.page] : undefined;
}

/**
 * Whether to show the section to this caller: its page exists and lets them in. A visitor also
 * sees what every learner may use (每日一练, 我的学习): following it asks them to sign in first.
 * An admin who has yet to turn on two-step sign-in sees 管理, which asks them to turn it on.
 */
export function showsSection(caller: Caller, section: Pick<Section, 'page'>, rules: Readonly<Record<string, Access>> = PAGE_ACCESS): boolean {
  const access = sectionAccess(section, rules);
  if (access === undefined) return false;
  const outcome = verdict(caller, access);
  if (outcome === 'allow' || outcome === 'two-step') return true;
  return caller.user === null && verdict(ANY_LEARNER, access) === 'allow';
}

/** The sections this caller may use, in the list's order. */
export function sectionsFor(caller: Caller, rules: Readonly<Record<string, Access>> = PAGE_ACCESS): Section[] {
  return SECTIONS.filter((section) => showsSection(caller, section, rules));
}

/** The row on wide screens: everyday sections whose pages exist (the same for everyone). */
export function everydaySections(rules: Readonly<Record<string, Access>> = PAGE_ACCESS): Section[] {
  return SECTIONS.filter((section) => section.everyday && sectionAccess(section, rules) !== undefined);
}

/** The section a path belongs to (the longest matching address), for aria-current. */
export function sectionOfPath(path: string): SectionId | undefined {
  let best: Section | undefined;
  for (const section of SECTIONS) {
    const inside = section.href === '/' ? path === '/' : path === section.href.slice(0, -1) || path.startsWith(section.href);
    if (inside && (!best || section.href.length > best.href.length)) best = section;
  }
  return best?.id;
}

/** The 菜单 page: every section this person may use, as a full-screen list (works without JavaScript). */
export const MENU_PATH = '/menu/';

/** 我的消息 (in 我的学习): the header's 消息 button leads here while some are unread. */
export const MESSAGES_PATH = '/me/messages/';

/**
 * Where the 菜单 button goes: to the menu, remembering the page it was opened on; on the menu
 * itself (`back` given), back to that page, so the same button closes it.
 */
export function menuHref(here: string, back?: string | null): string {
  if (back !== undefined) return safeReturnPath(back);
  return `${MENU_PATH}?back=${encodeURIComponent(here)}`;
}
