/**
 * The one result contract for server modules and actions, and the one error type whose message may
 * be shown to people. What a page shows is decided by the type (`UserFacingError`, or an ActionError
 * code we throw ourselves), never by looking at the message's characters. Pure.
 */

/** A message for people (plain Chinese, says what to do) and the form field it belongs to. */
export interface Problem {
  message: string;
  /** The form field the message belongs to; '' (or absent) for the whole form. */
  field?: string;
}

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; error: Problem };

export function ok(): Result<undefined>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

export function fail(message: string, field?: string): { ok: false; error: Problem } {
  return { ok: false, error: field ? { message, field } : { message } };
}

/** How a refusal reaches a script calling the action: the HTTP status it answers with. */
export type RefusalCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/**
 * An error meant for people: `message` is shown as it is, `cause` goes to the log only. Thrown in an
 * action, it becomes `{ ok: false, error }` for the form (or, with a `code`, a refusal with that
 * status for scripts).
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  readonly field: string | undefined;
  readonly code: RefusalCode | undefined;

  constructor(message: string, options: { field?: string; code?: RefusalCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.field = options.field;
    this.code = options.code;
  }

  get problem(): Problem {
    return this.field ? { message: this.message, field: this.field } : { message: this.message };
  }
}

/** What people see when something we did not foresee went wrong (the log keeps the cause). */
export const UNEXPECTED_MESSAGE = '提交没有成功，请稍后再试。';

/** The value of a successful result, or the failure thrown as a UserFacingError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new UserFacingError(result.error.message, result.error.field ? { field: result.error.field } : {});
}

/**
 * The message to show for any thrown value: a UserFacingError's own, `fallback` for anything else
 * (whose cause the caller logs).
 */
export function shownMessage(error: unknown, fallback: string = UNEXPECTED_MESSAGE): string {
  return error instanceof UserFacingError ? error.message : fallback;
}

/** Field → message, the shape form pages render (ErrorSummary, Field). */
export function problemFields(problem: Problem): Record<string, string> {
  return { [problem.field ?? '']: problem.message };
}

/** The value of a successful result; undefined for a failure or no result at all. */
export function valueOf<T>(result: Result<T> | undefined): T | undefined {
  return result?.ok ? result.value : undefined;
}
