import type { AstroGlobal } from 'astro';
import type { User } from './users';

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export function requireUser(astro: AstroGlobal): User | Response {
  const { user } = astro.locals;
  if (user) return user;
  const next = astro.url.pathname + astro.url.search;
  return astro.redirect(`/login/?next=${encodeURIComponent(next)}`, 302);
}
