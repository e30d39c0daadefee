// The production entry: `node src/cluster.mjs` runs the built standalone server
// (dist/server/entry.mjs) in WORKERS processes that share one port (Node's cluster module).
// Plain JavaScript run by Node directly, never bundled by Astro. Before the server starts, it
// migrates the database (db/migrate.mjs) and, in demo mode, checks that it holds demo data only.
//
// Why: one Node process uses one core, and Astro's request handling alone takes about half a
// millisecond per request, so a single process tops out near 1,000 progress writes a second on a
// two-core server. The server is stateless (sessions, throttles and progress live in SQLite, which
// serialises writers across processes with its busy timeout), so more processes simply add cores.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect, DEFAULT_DATABASE_URL, migrateDatabase } from '../db/migrate.mjs';
import { demoDatabaseState, demoRefusal } from '../db/seed/demo-guard.mjs';

const entry = resolve(process.env.XG_SERVER_ENTRY ?? 'dist/server/entry.mjs');
/** SQLite has one writer at a time: beyond four processes, writes only queue longer. */
const workers = Math.max(1, Math.min(Number(process.env.WORKERS) || Math.min(availableParallelism(), 4), 16));

/**
 * Once, before any server process opens the database (opening never migrates): bring it up to
 * date, and in demo mode refuse a database that holds real accounts.
 */
async function prepareDatabase() {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  await migrateDatabase(url);
  if (process.env.XG_DEMO !== '1' || process.env.NODE_ENV === 'production') return;
  const client = connect(url);
  try {
    const found = await demoDatabaseState(client);
    if (found.state === 'real') {
      console.error(demoRefusal(url, found.real));
      process.exit(1);
    }
  } finally {
    client.close();
  }
}

if (cluster.isPrimary) await prepareDatabase();

if (workers === 1 || !cluster.isPrimary) {
  await import(pathToFileURL(entry).href);
} else {
  let stopping = false;
  const recentExits = [];
  const start = () => cluster.fork();
  for (let index = 0; index < workers; index++) start();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies is replaced, unless workers keep dying (a broken build or database):
    // then stop, so the process manager reports the failure instead of a restart loop.
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length > 0 && (recentExits[0] ?? now) < now - 60_000) recentExits.shift();
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); ${recentExits.length > 5 ? 'too many exits, stopping' : 'starting another'}`);
    if (recentExits.length > 5) process.exit(1);
    start();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
