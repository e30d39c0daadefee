// What one request carries while it is served: its id (sent back in the X-Request-Id header and
// shown on the error page), and what only the Astro side knows (the route pattern, the person) for
// the request's log line. The http wrapper in src/cluster.mjs starts the context; the middleware
// fills it. Node runs this file by stripping its types (src/cluster.mjs imports it), so it imports
// Node built-ins only.
//
// Why on globalThis: src/cluster.mjs loads this module from source while the built server bundles
// its own copy; both must reach the same AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomInt } from 'node:crypto';

export interface RequestContext {
  /** 8 characters a retiree can read out over the phone: no 0/O, 1/I/L. */
  id: string;
  /** Astro's route pattern (`/courses/[course]/[lesson]`), never the address with its query. */
  route?: string;
  /** The signed-in person's id. */
  person?: number;
  /** A fast lane answered it instead of Astro (fast-lane.ts): its name. */
  lane?: string;
  /** The first line of an error that reached the error page (parameters stripped). */
  error?: string;
}

const KEY = Symbol.for('xiaguang.request-context');
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage: AsyncLocalStorage<RequestContext> = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new request id, e.g. `K7Q2-M9XD` (about 40 bits: unique enough among a day's requests). */
export function newRequestId(): string {
  let id = '';
  for (let index = 0; index < 8; index++) id += ALPHABET[randomInt(ALPHABET.length)];
  return `${id.slice(0, 4)}-${id.slice(4)}`;
}

/** Runs `serve` with a fresh context for one request. */
export function withRequestContext<T>(context: RequestContext, serve: () => T): T {
  return storage.run(context, serve);
}

/** This request's context, or undefined outside one (the dev server, scripts, tests). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
