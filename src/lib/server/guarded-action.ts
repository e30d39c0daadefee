import { ActionError, defineAction, isInputError, type ActionAPIContext, type ActionClient } from 'astro:actions';
import type * as z from 'zod/v4/core';
import { verdict, type Access, type Capability, type Resource } from '../permissions';
import { UNEXPECTED_MESSAGE, UserFacingError, type Result } from '../result';
import { callerOf, REFUSALS } from './access';
import { BUSY_MESSAGE, ServerBusyError } from './password';
import type { User } from './users';

/**
 * The signed-in person who may use `capability` (on `resource`, when given); otherwise the action
 * fails with 401 or 403. Middleware asked the same map before the input was parsed.
 */
export function requireCapability(context: ActionAPIContext, capability: Capability, resource?: Resource): User {
  const outcome = verdict(callerOf(context.locals), capability, resource);
  const { user } = context.locals;
  if (outcome === 'allow' && user) return user;
  const refused = REFUSALS[outcome === 'allow' ? 'sign-in' : outcome];
  throw new ActionError({ code: refused.code, message: refused.message });
}

/** The access each action was defined with; the unit test compares it with ACTION_ACCESS. */
const declared = new WeakMap<object, Access>();

export function declaredAccess(action: object): Access | undefined {
  return declared.get(action);
}

type Input<S> = S extends z.$ZodType ? z.output<S> : never;
type Form<S extends z.$ZodType, T> = ActionClient<Result<T>, 'form', S> & string;

/**
 * Runs a handler under the one result contract: a UserFacingError becomes `{ ok: false, error }`
 * for the form (or, with a code, a refusal with that status for scripts); ActionErrors pass; a full
 * hash queue answers 503; any other error is logged with its cause and people read UNEXPECTED_MESSAGE. Exported for tests.
 */
export async function settle<T>(name: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserFacingError) {
      if (error.cause !== undefined) console.error(`action ${name}: ${error.message}`, error.cause);
      if (error.code) throw new ActionError({ code: error.code, message: error.message });
      return { ok: false, error: error.problem };
    }
    if (error instanceof ActionError || isInputError(error)) throw error;
    // A full password-hash queue: HTTP 503 with the busy message (middleware shows form posts the
    // 系统繁忙 page). The work counted nothing against the person.
    if (error instanceof ServerBusyError) throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: BUSY_MESSAGE });
    console.error(`action ${name} failed`, error);
    throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: UNEXPECTED_MESSAGE });
  }
}

/** A form action anyone may call (sign-in, registration), under the one result contract. */
export function formAction<S extends z.$ZodType, T>(
  access: 'public' | 'second-step',
  options: { input: S; handler: (input: Input<S>, context: ActionAPIContext) => Promise<Result<T>> },
): Form<S, T> {
  const action = defineAction<Result<T>, 'form', S>({
    accept: 'form',
    input: options.input,
    handler: ((input: Input<S>, context: ActionAPIContext) => settle(context.url.pathname + context.url.search, () => options.handler(input, context))) as never,
  });
  declared.set(action, access);
  return action;
}

/**
 * A form action for people holding `capability` (or, with 'signed-in', anyone signed in): the
 * handler gets the person, already checked against the one permission map.
 */
export function guardedAction<S extends z.$ZodType, T>(
  capability: Capability,
  options: { input: S; handler: (input: Input<S>, context: ActionAPIContext, user: User) => Promise<Result<T>> },
): Form<S, T> {
  const action = defineAction<Result<T>, 'form', S>({
    accept: 'form',
    input: options.input,
    handler: ((input: Input<S>, context: ActionAPIContext) =>
      settle(context.url.pathname + context.url.search, () => options.handler(input, context, requireCapability(context, capability)))) as never,
  });
  declared.set(action, capability);
  return action;
}

/**
 * One action that takes JSON from a script (an island's autosave) and the same fields posted by a
 * form without JavaScript: two input schemas giving the same shape, one handler. Astro's actions
 * accept one body type each, so both are defined and the call goes to the one matching its body.
 */
export function guardedJsonOrFormAction<J extends z.$ZodType, F extends z.$ZodType, T>(
  capability: Capability,
  options: { json: J; form: F; handler: (input: Input<J>, context: ActionAPIContext, user: User) => Promise<Result<T>> },
): ActionClient<Result<T>, undefined, J> & Form<F, T> {
  const run = (input: Input<J>, context: ActionAPIContext) =>
    settle(context.url.pathname + context.url.search, () => options.handler(input, context, requireCapability(context, capability)));
  const fromJson = defineAction<Result<T>, 'json', J>({ accept: 'json', input: options.json, handler: run as never });
  const fromForm = defineAction<Result<T>, 'form', F>({ accept: 'form', input: options.form, handler: run as never });
  type Callable = { (this: unknown, input: unknown): unknown; orThrow: (this: unknown, input: unknown) => unknown };
  const pick = (input: unknown): Callable => (input instanceof FormData ? fromForm : fromJson) as unknown as Callable;
  const action = Object.assign(
    function (this: unknown, input: unknown) {
      return pick(input).call(this, input);
    },
    {
      orThrow(this: unknown, input: unknown) {
        return pick(input).orThrow.call(this, input);
      },
    },
  );
  declared.set(action, capability);
  return action as never;
}
