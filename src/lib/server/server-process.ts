// How the production server runs as processes (src/cluster.mjs calls these): every request gets
// an id, a log line and, when slow or failed, a line on 管理 › 运行情况; SIGTERM stops a process
// gracefully; the primary replaces workers one at a time on SIGHUP (a rolling reload) and stops
// them all within 10 s on SIGTERM. Node runs this file by stripping its types, so it imports Node
// built-ins, pino (log.ts) and the other type-stripped modules only.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { flushLog, logger } from './log.ts';
import { recordOpsEvent } from './ops-events.ts';
import { newRequestId, withRequestContext } from './request-context.ts';
import type { RequestContext } from './request-context.ts';
import { runShutdown } from './shutdown.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A worker (or the single process) stops within this; the primary gives up on it just after. */
export const STOP_WITHIN_MS = 9000;
/** The whole cluster's promise to systemd: stopped within 10 s of SIGTERM. */
const CLUSTER_STOP_MS = 9800;

let draining = false;

/**
 * Each request: an id (X-Request-Id, and on the error page), then one log line when the answer
 * is sent: method, route pattern (or the path of a static file, never the query), status,
 * duration in ms, person id. Slow requests and server errors also go to the events file.
 */
export function withRequestLog(handler: Handler, options: { slowMs: number; eventsFolder: string }): Handler {
  const log = logger();
  return (req, res) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { id: newRequestId() };
    res.setHeader('X-Request-Id', context.id);
    // While stopping, nobody reuses this connection for a next request.
    if (draining) res.setHeader('Connection', 'close');
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const status = res.writableFinished ? res.statusCode : 499;
      const route = context.route ?? (req.url ?? '/').split('?')[0] ?? '/';
      const line = { reqId: context.id, method: req.method ?? '', route, status, ms, ...(context.person ? { person: context.person } : {}), ...(context.lane ? { lane: context.lane } : {}) };
      if (status >= 500) log.error({ ...line, ...(context.error ? { error: context.error } : {}) }, 'request failed');
      else log.info(line, 'request');
      const kind = status >= 500 && status !== 503 ? 'error' : ms >= options.slowMs ? 'slow' : undefined;
      if (kind) void recordOpsEvent(options.eventsFolder, { at: Date.now(), kind, ...line, ...(context.error ? { error: context.error } : {}) });
    };
    res.once('finish', done);
    res.once('close', done);
    withRequestContext(context, () => handler(req, res));
  };
}

/**
 * Behind our own https proxy (TRUSTED_PROXY), the connection from the proxy is plain http, so
 * Astro would take every page's address for http://… and refuse every form a browser posts
 * (its Origin is https://…) as cross-site. For a connection from a trusted proxy that says
 * `X-Forwarded-Proto: https`, the request is treated as the https request it was: Astro reads the
 * protocol from the socket's `encrypted` flag. From anyone else the header changes nothing (Astro
 * itself believes it only with `security.allowedDomains`, which we leave unset: client-address.ts).
 */
export function withForwardedHttps(handler: Handler, trusted: (address: string) => boolean): Handler {
  return (req, res) => {
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    // Per request, not per connection: the proxy may send http and https requests on one.
    if (trusted(peer)) (req.socket as { encrypted?: boolean }).encrypted = req.headers['x-forwarded-proto'] === 'https';
    handler(req, res);
  };
}

/**
 * SIGTERM (or SIGINT) in a serving process: stop accepting connections, answer every request in
 * flight, finish queued writes, close the database, exit 0; after STOP_WITHIN_MS, exit 1 whatever
 * is left. Also the worker's part of a rolling reload.
 *
 * Keep-alive connections are not cut while idle (a client may be sending its next request on one
 * that very moment, and would see "connection reset"): every answer from now on says
 * `Connection: close`, so a busy client moves to another worker after its next answer, and an idle
 * connection ends at Node's keep-alive timeout (5 s), which clients know from the Keep-Alive header
 * and close their side before. Whatever is still idle a second before the limit is closed then.
 */
export function stopGracefullyOnSignal(server: Server): void {
  const log = logger();
  const stop = (signal: string) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    log.info({ signal }, 'stopping: finishing requests in flight');
    setTimeout(() => server.closeIdleConnections(), STOP_WITHIN_MS - 1000).unref();
    setTimeout(() => {
      log.error({ ms: Date.now() - started }, 'stopping took too long: exiting with requests or writes unfinished');
      void flushLog().finally(() => process.exit(1));
    }, STOP_WITHIN_MS).unref();
    // net.Server's close: stop listening, and call back when the last connection has ended
    // (http.Server's own close would also cut the idle keep-alive connections at once).
    netClose.call(server, async () => {
      await runShutdown((error) => log.error({ err: error }, 'stopping: a final write or close failed'));
      log.info({ ms: Date.now() - started }, 'stopped');
      await flushLog();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // In a cluster, the primary may also ask through the IPC channel.
  process.on('message', (message: unknown) => {
    if ((message as { type?: string } | null)?.type === STOP_MESSAGE) stop('reload');
  });
}

const netClose = NetServer.prototype.close as (this: Server, callback: () => void) => Server;

const STOP_MESSAGE = 'xg:stop';

const exited = (worker: Worker): Promise<void> => new Promise((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve())));

/**
 * The cluster's primary: starts `count` workers, replaces one that dies (unless they keep dying:
 * then it stops, so systemd reports the failure), replaces them one at a time on SIGHUP, and on
 * SIGTERM/SIGINT stops them all and exits within 10 s.
 */
export function superviseWorkers(count: number): void {
  const log = logger();
  let stopping = false;
  let reloading: Promise<void> | undefined;
  /** Workers leaving on purpose (a reload): their exit is not a crash. */
  const leaving = new Set<number>();
  const recentExits: number[] = [];
  const start = () => cluster.fork();
  for (let index = 0; index < count; index++) start();

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || leaving.delete(worker.id)) return;
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length > 0 && (recentExits[0] ?? now) < now - 60_000) recentExits.shift();
    const giveUp = recentExits.length > 5;
    log.error({ worker: worker.process.pid, exit: signal ?? code }, giveUp ? 'worker exited: too many exits, stopping' : 'worker exited: starting another');
    if (giveUp) void flushLog().finally(() => process.exit(1));
    else start();
  });

  /** One worker at a time: the new one listens before the old one stops taking connections. */
  const reload = async () => {
    const old = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    log.info({ workers: old.length }, 'reload: replacing workers one at a time');
    for (const worker of old) {
      if (stopping) return;
      const fresh = start();
      const ready = await new Promise<boolean>((resolve) => {
        fresh.once('listening', () => resolve(true));
        fresh.once('exit', () => resolve(false));
      });
      if (!ready) {
        leaving.add(fresh.id);
        log.error('reload stopped: a new worker did not start (is the build complete?); the others keep serving');
        return;
      }
      leaving.add(worker.id);
      worker.send({ type: STOP_MESSAGE });
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_WITHIN_MS + 500);
      await exited(worker);
      clearTimeout(timer);
    }
    log.info('reload: done');
  };
  process.on('SIGHUP', () => {
    if (reloading) {
      log.info('reload: already under way');
      return;
    }
    reloading = reload().finally(() => (reloading = undefined));
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the cluster');
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
      log.error('stopping: workers still busy after 10 s were killed');
      void flushLog().finally(() => process.exit(1));
    }, CLUSTER_STOP_MS);
    void Promise.all(workers.map(exited)).then(async () => {
      clearTimeout(timer);
      log.info('stopped');
      await flushLog();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
