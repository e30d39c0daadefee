// What a server process finishes before it exits on SIGTERM or a rolling reload, after its http
// server has stopped accepting and answered every request in flight (src/cluster.mjs): first the
// writes still queued or being written (group commit, writes nobody waits for), then the database
// is closed. Node built-ins only, on globalThis, for the same reason as request-context.ts: the
// built server registers, src/cluster.mjs runs them.

type Step = () => Promise<void> | void;
interface Steps {
  drain: Set<Step>;
  close: Set<Step>;
}

const KEY = Symbol.for('xiaguang.shutdown');
const holder = globalThis as unknown as Record<symbol, Steps | undefined>;
const steps: Steps = (holder[KEY] ??= { drain: new Set(), close: new Set() });

/** Something to wait for before the database closes (a queue of writes). */
export function onDrain(step: Step): void {
  steps.drain.add(step);
}

/** Something to close last (the database client). */
export function onClose(step: Step): void {
  steps.close.add(step);
}

/** Runs every drain step, then every close step; a failing step does not stop the others. */
export async function runShutdown(report: (error: unknown) => void): Promise<void> {
  for (const phase of [steps.drain, steps.close]) {
    await Promise.all([...phase].map(async (step) => step()).map((done) => done.catch(report)));
  }
}

/**
 * Counts writes in flight, so a drain step can wait for the count to reach zero: `track(promise)`
 * for each write, `idle()` resolves when none is left (at once if none is).
 */
export function writeTracker(): { track: <T>(promise: Promise<T>) => Promise<T>; idle: () => Promise<void> } {
  let inFlight = 0;
  let waiting: Array<() => void> = [];
  const settle = () => {
    inFlight--;
    if (inFlight === 0) {
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve();
    }
  };
  return {
    track(promise) {
      inFlight++;
      promise.then(settle, settle);
      return promise;
    },
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
