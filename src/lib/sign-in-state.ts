import type { Role } from '../../db/schema/accounts';
import type { Session } from './server/session';
import type { User } from './server/users';

/** Roles whose holders must sign in with a second factor (authenticator app). */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ['admin'];

export type SignInState =
  /** Password given, authenticator code still to come: treated as signed out everywhere. */
  | { kind: 'second-step' }
  /**
   * Signed in. `withheldRoles` are roles the person holds but may not use until they turn on
   * two-step sign-in; `user.roles` leaves them out, so every role check refuses them.
   */
  | { kind: 'signed-in'; user: User; withheldRoles: Role[] };

export function signInState(user: User, session: Pick<Session, 'twoFactorVerified'>): SignInState {
  if (user.twoFactorEnabled && !session.twoFactorVerified) return { kind: 'second-step' };
  const withheldRoles = user.twoFactorEnabled ? [] : user.roles.filter((role) => TWO_FACTOR_REQUIRED_ROLES.includes(role));
  if (withheldRoles.length === 0) return { kind: 'signed-in', user, withheldRoles };
  return { kind: 'signed-in', user: { ...user, roles: user.roles.filter((role) => !withheldRoles.includes(role)) }, withheldRoles };
}

/** Where a person goes right after the password step. */
export function pathAfterPassword(user: User, next: string): string {
  const state = signInState(user, { twoFactorVerified: false });
  if (state.kind === 'second-step') return `/login/two-factor/?next=${encodeURIComponent(next)}`;
  if (state.withheldRoles.length > 0) return `/account/two-factor/?required=1&next=${encodeURIComponent(next)}`;
  return next;
}
