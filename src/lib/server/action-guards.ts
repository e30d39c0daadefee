import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { Role } from '../../../db/schema';
import { hasRole, type User } from './users';
import { BUSY_MESSAGE, ServerBusyError } from './password';

/**
 * The signed-in person calling an action, holding one of `roles`; otherwise the action fails with
 * 401 or 403. Middleware already refused such calls (action-access.ts); handlers check again.
 */
export function actionUser(context: ActionAPIContext, roles: Role[], forbidden: string): User {
  const { user } = context.locals;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
  if (!roles.some((role) => hasRole(user, role))) throw new ActionError({ code: 'FORBIDDEN', message: forbidden });
  return user;
}

/**
 * Runs an action's work; a full password-hash queue becomes HTTP 503 with the Chinese busy message
 * (JSON for scripts; middleware shows form posts the 系统繁忙 page). Nothing was changed then.
 */
export async function unlessBusy<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServerBusyError) throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: BUSY_MESSAGE });
    throw error;
  }
}
