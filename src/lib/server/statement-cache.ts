import Database from 'libsql';

/**
 * Prepared statements kept per connection. @libsql/client prepares every statement it runs anew,
 * asks twice for its columns, and finds out whether it returns rows by catching the exception
 * `raw()` throws for statements that do not. On the session lookup that every request makes, and on
 * the progress and contest writes, that was about a sixth of the server's work per request
 * (callgrind: 5.0 → 4.4 million instructions per progress write). Here a connection hands out the
 * statement it prepared before for the same SQL, with what it already learned about it.
 *
 * Safe because: SQLite re-prepares a statement by itself when the schema changes; every call the
 * client makes reads all rows (`all`) or runs the statement (`run`), and libSQL resets a statement
 * at the start of each execution (tests/integration/statement-cache.test.ts covers reuse after
 * errors, inside transactions and after a half-read result); and this process runs one statement at
 * a time (serialized-client.ts). Column names are remembered: the schema changes only by migrating,
 * which happens before the server starts (db/migrate.mjs).
 */

/** The most statements kept per connection; the least recently used goes first. */
export const STATEMENTS_PER_CONNECTION = 500;

type Connection = Database.Database;
type Statement = Database.Statement;
type Prepare = (this: Connection, sql: string) => Statement;

const caches = new WeakMap<Connection, Map<string, Statement>>();
let installed = false;

/** Turns the cache on for every libSQL connection of this process. Idempotent. */
export function cacheStatements(): void {
  if (installed) return;
  installed = true;
  const prototype = Database.prototype as unknown as { prepare: Prepare };
  const prepare = prototype.prepare;
  prototype.prepare = function cachedPrepare(this: Connection, sql: string): Statement {
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last, so the oldest is the first key.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = remember(prepare.call(this, sql));
    if (cache.size >= STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value as string);
    cache.set(sql, statement);
    return statement;
  };
}

/** The statement, answering `raw()` and `columns()` from what its first call found. */
function remember(statement: Statement): Statement {
  const raw = statement.raw.bind(statement);
  const columns = statement.columns.bind(statement);
  let notAReader: unknown;
  let knownColumns: ReturnType<Statement['columns']> | undefined;
  statement.raw = (toggle?: boolean) => {
    if (notAReader !== undefined) throw notAReader;
    try {
      return raw(toggle);
    } catch (error) {
      notAReader = error;
      throw error;
    }
  };
  statement.columns = () => (knownColumns ??= columns());
  return statement;
}
