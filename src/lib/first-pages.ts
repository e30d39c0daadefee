/**
 * Pages a signed-in person is shown before any other: the 个人信息保护说明 for someone who has not
 * agreed to it yet (people created by an import, at their first sign-in), then who issued them a
 * code since they last looked. Pure: the middleware passes what it knows and redirects when this
 * says so.
 */

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
