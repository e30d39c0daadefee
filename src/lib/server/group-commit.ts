import type { Db, Tx } from './db';
import { onDrain, writeTracker } from './shutdown';

/** Large enough to absorb a burst, small enough to stay well under SQLite's variable limit. */
const MAX_BATCH = 200;

interface Queued<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive together go into one transaction, so hundreds of people cost a
 * few commits a second rather than hundreds, and the server processes seldom wait on each other
 * for SQLite's one write lock (a wait that blocks a whole process). One batch is written at a
 * time per database; what arrives meanwhile waits for the next, so batches grow with the load
 * instead of the number of transactions. `maxBatch` bounds how long one batch holds the write lock
 * (and keeps the other server processes waiting) when each job costs more than a row written.
 * `write` gets the jobs of a batch in arrival order and
 * returns one result per job. If a shared transaction fails, each job is retried alone, so one
 * bad job cannot lose the others.
 */
/** Every group commit's queued jobs, so a stopping server writes them before it closes the database. */
const queued = writeTracker();
onDrain(queued.idle);

export function groupCommit<J, R>(write: (tx: Tx, jobs: J[]) => Promise<R[]>, { maxBatch = MAX_BATCH }: { maxBatch?: number } = {}): (db: Db, job: J) => Promise<R> {
  const pending = new Map<Db, Array<Queued<J, R>>>();
  const writing = new Set<Db>();

  const flush = async (db: Db): Promise<void> => {
    const queued = pending.get(db) ?? [];
    pending.delete(db);
    writing.add(db);
    try {
      for (let start = 0; start < queued.length; start += maxBatch) {
        const batch = queued.slice(start, start + maxBatch);
        try {
          const results = await db.transaction((tx) => write(tx, batch.map((item) => item.job)));
          batch.forEach((item, index) => item.resolve(results[index] as R));
        } catch {
          for (const item of batch) {
            await db.transaction((tx) => write(tx, [item.job])).then((results) => item.resolve(results[0] as R), item.reject);
          }
        }
      }
    } finally {
      writing.delete(db);
      if (pending.has(db)) setImmediate(() => void flush(db));
    }
  };

  return (db, job) =>
    queued.track(new Promise<R>((resolve, reject) => {
      let queue = pending.get(db);
      if (!queue) {
        queue = [];
        pending.set(db, queue);
        if (!writing.has(db)) setImmediate(() => void flush(db));
      }
      queue.push({ job, resolve, reject });
    }));
}
