import type { Role } from '../../db/schema/accounts';

/**
 * Who may call each action, checked in middleware before the input is even parsed (the handlers
 * check again). `signed-in` means any signed-in person; actions not listed are public (the
 * twoFactor verify/recover/cancel handlers need a half-finished sign-in instead).
 */
const ACCESS: Record<string, 'signed-in' | Role[]> = {
  'auth.logout': 'signed-in',
  'auth.signOutDevice': 'signed-in',
  'auth.closeAccount': 'signed-in',
  'auth.acceptPrivacy': 'signed-in',
  'auth.changePassword': 'signed-in',
  'auth.issueResetCode': ['admin', 'instructor', 'liaison'],
  'twoFactor.enable': 'signed-in',
  'twoFactor.regenerateRecoveryCodes': 'signed-in',
  'twoFactor.disable': 'signed-in',
  'practice.answer': 'signed-in',
  'contest.start': 'signed-in',
  'contest.answer': 'signed-in',
  'contest.submit': 'signed-in',
};

export function actionAccess(name: string): 'public' | 'signed-in' | Role[] {
  if (name.startsWith('admin.')) return ['admin'];
  if (name.startsWith('liaison.')) return ['liaison'];
  if (name.startsWith('questionBank.') || name.startsWith('contestSetup.')) return ['organiser', 'admin'];
  return ACCESS[name] ?? 'public';
}
