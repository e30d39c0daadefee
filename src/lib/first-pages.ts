/**
 * Pages a signed-in person is shown before any other: the 个人信息保护说明 for someone who has not
 * agreed to it yet (people created by an import, at their first sign-in), then who issued them a
 * code since they last looked. Pure: the middleware passes what it knows and redirects when this
 * says so.
 */

import type { Role } from '../../db/schema/accounts';

/**
 * Each role's own home, the first that applies, for someone who signs in without asking for a
 * page: 管理 for an admin, 组织者 for an organiser, 讲师工作台 for an instructor, 支部联络员 for a
 * liaison; everyone else 我的学习.
 */
const ROLE_HOMES: ReadonlyArray<readonly [Role, string]> = [
  ['admin', '/admin/'],
  ['organiser', '/organiser/'],
  ['instructor', '/studio/'],
  ['liaison', '/liaison/'],
];

/** The page a person lands on after signing in when no other page was asked for. */
export function homePathFor(person: { roles: readonly Role[] }): string {
  return ROLE_HOMES.find(([role]) => person.roles.includes(role))?.[1] ?? '/me/';
}

/** Where to go after signing in (or after a first page): the page asked for, else the person's home. */
export function pathAfterSignIn(person: { roles: readonly Role[] }, next: string | null | undefined): string {
  return next && next !== '/' ? next : homePathFor(person);
}

/** Pages that stay reachable on the way: the notice itself, signing out, closing the account. */
const OPEN_PATHS = ['/privacy/', '/login/', '/account/close/', '/api/', '/_astro/', '/_server-islands/', '/pagefind/', '/favicon'];

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
