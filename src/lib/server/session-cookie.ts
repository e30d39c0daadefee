import type { AstroCookies } from 'astro';
import { getConfig } from './config';

/**
 * `__Host-` and Secure in production (NODE_ENV=production, even on a loopback SITE_URL: browsers
 * accept Secure cookies from http://127.0.0.1 and localhost) and whenever SITE_URL is https; a
 * plain name over http on a developer's machine. Read when the server starts, not at build.
 */
const secure = getConfig().secureCookies;
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
