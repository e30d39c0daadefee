import { ActionError, isInputError } from 'astro:actions';
import { fail, problemFields, UNEXPECTED_MESSAGE, type Result } from '../result';

/** Any action's result as a page reads it (Astro.getActionResult). */
type ActionResult = { data?: Result<unknown> | undefined; error?: unknown } | undefined;

/**
 * ActionError codes that only our own code raises (guards and UserFacingError refusals), always
 * with a message for people. Astro's own failures (a crash, an unreadable body) use other codes.
 */
const OURS: ReadonlySet<string> = new Set(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS']);

/**
 * Field → message for a form page, from zod input errors, a handler's `{ ok: false, error }`, or a
 * refusal we raised. Anything else becomes one message about the whole form.
 */
export function formErrors(result: ActionResult): Record<string, string> {
  if (!result) return {};
  const { error } = result;
  if (error) {
    if (isInputError(error)) {
      return Object.fromEntries(
        Object.entries(error.fields).map(([field, messages]) => [field, (messages as string[] | undefined)?.[0] ?? '请检查这一项。']),
      );
    }
    if (!(error instanceof ActionError)) return { '': UNEXPECTED_MESSAGE };
    if (error.code === 'CONTENT_TOO_LARGE') return { '': '上传的文件太大了（超过5MB），请把文件分成几个再上传。' };
    return { '': OURS.has(error.code) ? error.message : UNEXPECTED_MESSAGE };
  }
  return result.data && !result.data.ok ? problemFields(result.data.error) : {};
}

/** For forms answered by one notice (Notice.astro): the handler's result, or every problem as one failure. */
export function actionNotice<T>(result: { data?: Result<T> | undefined; error?: unknown } | undefined): Result<T> | undefined {
  if (result?.data) return result.data;
  const problems = Object.values(formErrors(result));
  return problems.length > 0 ? fail(problems.join(' ')) : undefined;
}
