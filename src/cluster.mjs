// The production entry: `node src/cluster.mjs` runs the built server (dist/server/entry.mjs, the
// node adapter in middleware mode) in WORKERS processes that share one port (Node's cluster module).
// Plain JavaScript run by Node directly, never bundled by Astro. It imports the server's settings
// and security headers from their TypeScript modules, which Node 24 runs by stripping the types.
// Before the server starts, it migrates the database (db/migrate.mjs) and, in demo mode, checks
// that it holds demo data only.
//
// Why: one Node process uses one core, and Astro's request handling alone takes about half a
// millisecond per request, so a single process tops out near 1,000 progress writes a second on a
// two-core server. The server is stateless (sessions, throttles and progress live in SQLite, which
// serialises writers across processes with its busy timeout), so more processes simply add cores.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { registerHooks } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect, migrateDatabase } from '../db/migrate.mjs';
import { scheduleDailyBackups } from '../db/backup.mjs';
import { markServerRunning } from '../db/server-state.mjs';
import { purgeExpiredImportBatches, purgeExpiredThrottles } from '../db/retention.mjs';
import { demoDatabaseState, demoRefusal } from '../db/seed/demo-guard.mjs';
import { checkServerStart, getConfig, proxyMatcher } from './lib/server/config.ts';
import { readPageCsp, withSecurityHeaders } from './lib/server/security-headers.ts';
import { studioPagesForCluster } from './lib/server/studio-pages-cluster.ts';
import { withPrerenderedPages } from './lib/server/prerendered-pages.ts';
import { withStaticFiles } from './lib/server/static-files.ts';
import { withProgressLane } from './lib/server/fast-lane.ts';
import { opsEventsFolder } from './lib/server/ops-events.ts';
import { logger, routeConsoleToLog } from './lib/server/log.ts';
import { stopGracefullyOnSignal, superviseWorkers, withForwardedHttps, withRequestLog } from './lib/server/server-process.ts';

// Every setting is checked before anything is forked or served: a missing or invalid production
// setting (say an http:// SITE_URL) stops the server here with a message naming it.
let config;
try {
  config = getConfig();
  checkServerStart(config);
} catch (error) {
  console.error(`霞光学堂没有启动：设置有误，请改正后再启动。\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Structured JSON logs on stdout from here on (log.ts); console.* calls become log lines.
logger(config.ops.logLevel);
routeConsoleToLog();

// XG_SERVER_ENTRY lets the benchmark serve a build of generated content from another folder; it
// is not a server setting, so it is read here rather than in the config module.
const entry = resolve(process.env.XG_SERVER_ENTRY ?? 'dist/server/entry.mjs');
/** SQLite has one writer at a time: beyond four processes, writes only queue longer. */
const workers = config.workers;
/** Published studio pages written as files and sent before Astro (src/lib/server/studio-pages.ts). */
const studioPages = studioPagesForCluster({ databaseUrl: config.databaseUrl, entry, siteUrl: config.siteUrl, demo: config.demo, connect });

/**
 * The built server's request handler (the node adapter in middleware mode: Astro's pages,
 * endpoints and actions) inside our own http server, so that every response, the build's files
 * included, gets the security headers.
 */
async function serve() {
  const { handler } = await import(pathToFileURL(entry).href);
  const pageCsp = readPageCsp(resolve(dirname(entry), '..', '_headers.json'));
  const hsts = config.production && config.siteUrl.protocol === 'https:';
  // Published studio pages are served from their files before Astro (studio-pages.ts), then the
  // prerendered pages from memory as the adapter would send them (prerendered-pages.ts), then the
  // build's other files as the adapter's standalone server did (static-files.ts).
  const client = resolve(dirname(entry), '..', 'client');
  const pages = withPrerenderedPages(withStaticFiles(handler, { client }), { client });
  // Lesson pages' heartbeats go by the progress lane once the built server has registered it (fast-lane.ts).
  const behindProxy = withForwardedHttps(withProgressLane(studioPages.serve(pages)), proxyMatcher(config.trustedProxies));
  const logged = withRequestLog(withSecurityHeaders(behindProxy, { hsts, pageCsp }), {
    slowMs: config.ops.slowRequestMs,
    eventsFolder: opsEventsFolder(config.databaseUrl),
  });
  const server = createServer(logged);
  stopGracefullyOnSignal(server);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    if (typeof address === 'object' && address) {
      studioPages.listening(address);
      if (cluster.isPrimary) studioPages.keepWritten(address);
    }
    const port = typeof address === 'object' && address ? address.port : config.port;
    // A plain line, not JSON: people and the test harnesses read the address from it.
    if (cluster.isPrimary || cluster.worker?.id === 1) process.stdout.write(`霞光学堂 listening on http://${config.host}:${port}\n`);
  });
}

/**
 * Once, before any server process opens the database (opening never migrates): bring it up to
 * date, delete import batches past their keeping time (PIPL) and spent throttle rows, and in demo mode refuse a database
 * that holds real accounts.
 */
async function prepareDatabase() {
  const url = config.databaseUrl;
  await migrateDatabase(url);
  const client = connect(url);
  try {
    await purgeExpiredImportBatches(client);
    await purgeExpiredThrottles(client);
    if (!config.demo) return;
    const found = await demoDatabaseState(client);
    if (found.state === 'real') {
      // Plain words on stderr for the person at the terminal, not a log line.
      process.stderr.write(`${demoRefusal(url, found.real)}\n`);
      process.exit(1);
    }
  } finally {
    client.close();
  }
}

/**
 * Every hour while the server runs (PIPL): a server that stays up with no new import still deletes
 * import batches past their keeping time. Its own short-lived client, like the start-up step.
 */
function purgeHourly() {
  setInterval(async () => {
    const client = connect(config.databaseUrl);
    try {
      await purgeExpiredImportBatches(client);
      await purgeExpiredThrottles(client);
    } catch (error) {
      logger().error({ err: error }, 'retention: could not delete old import batches or throttle rows');
    } finally {
      client.close();
    }
  }, 3_600_000).unref();
}

/**
 * Lets Node load the server's own TypeScript modules as Vite does: `./db` means `./db.ts` and
 * `../../db/schema` its `index.ts` (Node runs them by stripping their types). Only for relative
 * imports between files outside node_modules.
 */
function resolveSourceImports() {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL ?? '';
      if (specifier.startsWith('.') && parent.startsWith('file:') && !parent.includes('/node_modules/') && !/\.[cm]?[jt]s$|\.json$/.test(specifier)) {
        for (const suffix of ['.ts', '/index.ts']) {
          const url = new URL(specifier + suffix, parent);
          if (existsSync(fileURLToPath(url))) return nextResolve(url.href, context);
        }
      }
      return nextResolve(specifier, context);
    },
  });
}

/**
 * The live search index (src/lib/server/search-index.ts) is built by this process only: at start
 * when it is missing or stale (a new build, or studio courses published or unpublished since), and
 * whenever a worker asks after a publication, and when a check every 30 s finds it stale (another
 * machine published). The server answers meanwhile with the previous index.
 */
async function startSearchIndex() {
  resolveSourceImports();
  const search = await import('./lib/server/search-index.ts');
  cluster.on('message', (_worker, message) => {
    if (message?.type === search.SEARCH_REFRESH_MESSAGE) void search.refreshLiveSearchIndex();
  });
  search.ensureLiveSearchIndex().catch((error) => logger().error({ err: error }, 'search index: could not check or rebuild at start'));
  // Servers on other machines sharing the database publish too: their publications reach this index here.
  setInterval(() => {
    search.ensureLiveSearchIndex().catch((error) => logger().error({ err: error }, 'search index: could not check or rebuild'));
  }, search.STALE_CHECK_MS).unref();
}

/**
 * The pid file beside the database (db/server-state.mjs) tells `npm run restore` that a server
 * runs on it and `npm run reload` whom to send SIGHUP; BACKUP_DAILY_AT starts the daily backup
 * here, in the primary only.
 */
function startBackupDuties() {
  markServerRunning(config.databaseUrl);
  scheduleDailyBackups(config);
}

if (cluster.isPrimary) {
  await prepareDatabase();
  startBackupDuties();
  purgeHourly();
  await startSearchIndex();
}

if (workers === 1 || !cluster.isPrimary) {
  await serve();
  // A reload replaces workers; one process alone cannot hand over to itself (SIGHUP would
  // otherwise end it).
  process.on('SIGHUP', () => {
    if (cluster.isPrimary) logger().warn('reload needs WORKERS of 2 or more: restart the server instead');
  });
} else {
  superviseWorkers(workers);
  // Once the first worker listens, the primary writes the studio pages that are missing or out of date.
  cluster.once('listening', (_worker, address) => studioPages.keepWritten({ ...address, family: 'IPv4', address: address.address ?? config.host }));
}
