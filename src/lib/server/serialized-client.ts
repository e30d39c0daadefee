import type { Client, Transaction, TransactionMode } from '@libsql/client';

/**
 * libSQL's embedded driver runs each statement synchronously. With several pooled connections in
 * one process, a write that waits on SQLite's busy_timeout blocks the event loop, so the
 * transaction holding the lock can never finish: a self-deadlock that ends in SQLITE_BUSY. This
 * wrapper queues every operation of this process (a transaction holds the queue until it commits
 * or rolls back), so within a process nothing ever waits on SQLite's lock; between processes
 * busy_timeout still applies. Statements are microseconds long, so the queue costs little.
 */
export function serializeClient(inner: Client): Client {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = tail;
    tail = previous.then(() => held);
    return previous.then(() => release);
  };
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
    const release = await acquire();
    let tx: Transaction;
    try {
      tx = await inner.transaction(mode);
    } catch (error) {
      release();
      throw error;
    }
    let released = false;
    const done = (): void => {
      if (!released) {
        released = true;
        release();
      }
    };
    return new Proxy(tx, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property === 'commit' || property === 'rollback') {
          return async () => {
            try {
              await (value as () => Promise<void>).call(target);
            } finally {
              done();
            }
          };
        }
        if (property === 'close') {
          return () => {
            try {
              (value as () => void).call(target);
            } finally {
              done();
            }
          };
        }
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };

  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'execute' || property === 'batch' || property === 'migrate' || property === 'executeMultiple') {
        return (...args: unknown[]) => locked(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
