/**
 * Pages a signed-in person is shown before any other: the 个人信息保护说明 for someone who has not
 * agreed to it yet (people created by an import, at their first sign-in), then who issued them a
 * code since they last looked. Pure: the middleware passes what it knows and redirects when this
 * says so.
 */

import type { Role } from '../../db/schema/accounts';
import { SECTIONS } from './navigation';

/**
 * Whose home wins for someone with several roles, the first that applies: 管理 for an admin,
 * 组织者 for an organiser, 讲师工作台 for an instructor, 支部联络员 for a liaison; everyone else
 * 我的学习. Each role's home is the section navigation.ts marks as its (`homeOf`).
 */
const HOME_ORDER: readonly Role[] = ['admin', 'organiser', 'instructor', 'liaison', 'learner'];

/** The page a person lands on after signing in when no other page was asked for. */
export function homePathFor(person: { roles: readonly Role[] }): string {
  const role = HOME_ORDER.find((candidate) => candidate !== 'learner' && person.roles.includes(candidate)) ?? 'learner';
  const home = SECTIONS.find((section) => section.homeOf === role);
  if (!home) throw new Error(`no home section for ${role}`);
  return home.href;
}

/** Where to go after signing in (or after a first page): the page asked for, else the person's home. */
export function pathAfterSignIn(person: { roles: readonly Role[] }, next: string | null | undefined): string {
  return next && next !== '/' ? next : homePathFor(person);
}

/** Pages that stay reachable on the way: the notice itself, signing out, closing the account. */
const OPEN_PATHS = ['/privacy/', '/login/', '/account/close/', '/api/', '/_astro/', '/_server-islands/', '/pagefind/', '/search-index/', '/media/', '/favicon'];

export interface FirstPageState {
  privacyAccepted: boolean;
  /** Someone issued the person a code since they last looked (谁在什么时候为您发了重置码). */
  unseenNotices: boolean;
}

/** Where to send a page request first, or null to let it through. Only GET page views are sent on. */
export function firstPageRedirect(state: FirstPageState, method: string, url: URL): string | null {
  if (method !== 'GET' || OPEN_PATHS.some((open) => url.pathname.startsWith(open))) return null;
  const next = encodeURIComponent(url.pathname + url.search);
  if (!state.privacyAccepted) return `/privacy/accept/?next=${next}`;
  if (state.unseenNotices && !url.pathname.startsWith('/account/notices/')) return `/account/notices/?next=${next}`;
  return null;
}
