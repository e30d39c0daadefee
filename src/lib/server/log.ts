// The server's one logger: pino, one JSON line per event on stdout (systemd's journal keeps it).
// Node runs this file by stripping its types (src/cluster.mjs imports it), so it imports Node
// built-ins and pino only; like request-context.ts it keeps its one instance on globalThis, shared
// by src/cluster.mjs and the built server.
//
// What never reaches the log: passwords, session tokens, one-time codes, answer keys. Nothing here
// logs request bodies, headers, cookies or query strings; a request is logged by its route
// pattern; an error by its message with the query parameters a driver adds cut off
// (safeErrorText); and as a last guard, keys that name a secret are removed wherever they occur
// (REDACTED_KEYS). tests/e2e/ops-logs.spec.ts greps a whole server run's log for them.
import { format } from 'node:util';
import pino from 'pino';
import type { Logger } from 'pino';
import { currentRequest } from './request-context.ts';

/** Keys removed from anything logged, at the top level and one level down. */
export const REDACTED_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'code', 'codes', 'secret', 'answer', 'answers', 'answerKey', 'cookie', 'authorization'];

const KEY = Symbol.for('xiaguang.logger');
const holder = globalThis as unknown as Record<symbol, Logger | undefined>;

/**
 * An error's own words for the log and the 运行情况 page: its message (and its cause's), with what
 * follows "params:" (drizzle puts a failed query's values there: they can be anything a person
 * typed) cut off, one line, at most 300 characters.
 */
export function safeErrorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 3; depth++) {
    const text = current instanceof Error ? `${current.name}: ${current.message}` : typeof current === 'string' ? current : format('%o', current);
    parts.push(stripParams(text));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' ← ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Cuts a failed query's parameter list out of a message ("…\nparams: a,b" → "…"). */
function stripParams(text: string): string {
  return text.replace(/params:[^\n]*/gi, 'params: [removed]');
}

function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), remove: true },
      serializers: { err: (error: unknown) => ({ text: safeErrorText(error), stack: error instanceof Error ? stripParams(error.stack ?? '') : undefined }) },
      // The request's id on every line logged while it is served.
      mixin: () => {
        const request = currentRequest();
        return request ? { reqId: request.id } : {};
      },
    },
    // Asynchronous writes: a log line never holds up an answer. flushLog() at shutdown.
    pino.destination({ dest: 1, sync: false, minLength: 0 }),
  );
}

/** The process's logger (LOG_LEVEL from the settings, passed by the first caller). */
export function logger(level = 'info'): Logger {
  return (holder[KEY] ??= createLogger(level));
}

/** Writes out what is buffered, before the process exits (at most half a second). */
export function flushLog(): Promise<void> {
  const log = holder[KEY];
  if (!log) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    try {
      log.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      // stdout already closed: nothing left to do.
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * console.error, console.warn, console.log and console.info (used across the code, and by
 * libraries) become log lines of their own level, with the request's id and any error's text made
 * safe.
 */
export function routeConsoleToLog(): void {
  const log = logger();
  const toText = (args: unknown[]): { msg: string; err?: string } => {
    const error = args.find((arg) => arg instanceof Error);
    const words = args.filter((arg) => !(arg instanceof Error)).map((arg) => (typeof arg === 'string' ? arg : format('%o', arg)));
    return { msg: stripParams(words.join(' ')), ...(error ? { err: safeErrorText(error) } : {}) };
  };
  console.error = (...args: unknown[]) => {
    const { msg, err } = toText(args);
    log.error(err ? { error: err } : {}, msg);
  };
  console.warn = (...args: unknown[]) => {
    const { msg, err } = toText(args);
    log.warn(err ? { error: err } : {}, msg);
  };
  console.log = console.info = (...args: unknown[]) => {
    const { msg, err } = toText(args);
    log.info(err ? { error: err } : {}, msg);
  };
}
