import type { AstroCookies } from 'astro';

/**
 * `__Host-` and Secure when the site is served over HTTPS (SITE_URL https://…), as in production;
 * a plain name over http on a developer's machine and in tests.
 */
const secure = (process.env.SITE_URL ?? '').startsWith('https://');
export const SESSION_COOKIE = secure ? '__Host-xg_session' : 'xg_session';

/**
 * A hint, readable by scripts, that a session cookie exists: prerendered lesson pages use it to
 * decide whether to send progress to the server or keep it in the browser. It grants nothing; the
 * server checks the real session on every request.
 */
export const SIGNED_IN_HINT = 'xg_signed_in';

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number): void {
  const expires = new Date(expiresAt);
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
  cookies.set(SIGNED_IN_HINT, '1', { httpOnly: false, sameSite: 'lax', secure, path: '/', expires });
}

export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
  cookies.set(SIGNED_IN_HINT, '', { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
