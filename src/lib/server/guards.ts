import type { AstroGlobal } from 'astro';
import type { Role } from '../../../db/schema';
import { hasRole, type User } from './users';

function toSignIn(astro: AstroGlobal): Response {
  const next = astro.url.pathname + astro.url.search;
  return astro.redirect(`/login/?next=${encodeURIComponent(next)}`, 302);
}

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export function requireUser(astro: AstroGlobal): User | Response {
  return astro.locals.user ?? toSignIn(astro);
}

/**
 * The signed-in person holding one of `roles`; anyone else is sent to sign in (when signed out),
 * to turn on two-step sign-in (an admin who has not yet), or shown the Chinese 403 page.
 */
export async function requireRole(astro: AstroGlobal, roles: Role[]): Promise<User | Response> {
  const { user } = astro.locals;
  if (!user) return toSignIn(astro);
  if (roles.some((role) => hasRole(user, role))) return user;
  if (roles.some((role) => astro.locals.withheldRoles.includes(role))) {
    const next = astro.url.pathname + astro.url.search;
    return astro.redirect(`/account/two-factor/?required=1&next=${encodeURIComponent(next)}`, 302);
  }
  return astro.rewrite('/forbidden/');
}
