import { isInputError } from 'astro:actions';

/** Any action's result: handlers that return `{ ok: false, errors }` and handlers that throw alike. */
type Result = { data?: unknown; error?: unknown } | undefined;

/**
 * Field → message for a form page, from either zod input errors or the handler's own
 * `{ ok: false, errors }`. Other failures become one message about the whole form.
 */
export function formErrors(result: Result): Record<string, string> {
  if (!result) return {};
  if (result.error) {
    if (isInputError(result.error)) {
      return Object.fromEntries(
        Object.entries(result.error.fields).map(([field, messages]) => [field, (messages as string[] | undefined)?.[0] ?? '请检查这一项。']),
      );
    }
    const { message, code } = result.error as { message?: string; code?: string };
    if (code === 'CONTENT_TOO_LARGE') return { '': '上传的文件太大了（超过5MB），请把文件分成几个再上传。' };
    // Astro's own errors are in English; a person here only ever sees Chinese.
    return { '': message && /[\u4e00-\u9fff]/.test(message) ? message : '提交没有成功，请稍后再试。' };
  }
  const data = result.data as { ok?: boolean; errors?: Record<string, string> } | undefined;
  return data && data.ok === false ? (data.errors ?? {}) : {};
}
