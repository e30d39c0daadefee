import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from './fixture';
import { startClusterServer, type ClusterServer } from '../setup/cluster-server';

/**
 * The production entry (src/cluster.mjs) as processes, serving a stand-in for the built site
 * (tests/fixtures/ops-server): request ids and log lines, a graceful stop on SIGTERM, and a rolling
 * reload (npm run reload, SIGHUP) that drops no request.
 */
let t: TestDb;
let running: ClusterServer | undefined;
let out = '';

beforeEach(async () => {
  t = await freshDb('server-process');
  out = join(t.dir, 'fixture-out.txt');
});

afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
  t.close();
});

const env = (extra: Record<string, string>): Record<string, string> => ({
  PATH: process.env['PATH'] ?? '',
  WORKERS: '2',
  DATABASE_URL: t.url,
  XG_SECRET_KEY: 'server-process-test-secret-key-0123456789',
  XG_SERVER_ENTRY: 'tests/fixtures/ops-server/server/entry.mjs',
  OPS_FIXTURE_OUT: out,
  ...extra,
});

async function start(extra: Record<string, string> = {}): Promise<ClusterServer> {
  running = await startClusterServer(env(extra));
  return running;
}

const fixtureOut = (): string[] => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []);

/** Waits until both workers answer (a loaded machine starts the second one seconds later). */
async function bothWorkersServing(server: ClusterServer): Promise<void> {
  const pids = new Set<string>();
  await expect.poll(async () => pids.add(await (await fetch(`${server.base}/hello`, { headers: { connection: 'close' } })).text()).size, { timeout: 120_000, interval: 50 }).toBe(2);
}

async function waitForLog(server: ClusterServer, message: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => server.logLines().some((line) => line['msg'] === message), { timeout }).toBe(true);
}

describe('requests are logged', () => {
  it('every answer carries a request id, found on one JSON log line with the route, status and duration', async () => {
    const server = await start({ SLOW_REQUEST_MS: '200' });
    const response = await fetch(`${server.base}/hello?token=secret-in-query`);
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expect.poll(() => server.logLines().find((line) => line['reqId'] === id && line['msg'] === 'request'), { timeout: 10_000 }).toMatchObject({ method: 'GET', route: '/hello', status: 200, level: 'info' });
    // The query string (where a link's token would be) is never logged.
    expect(server.output()).not.toContain('secret-in-query');
    // Two answers, two different ids.
    const again = await fetch(`${server.base}/hello`);
    expect(again.headers.get('x-request-id')).not.toBe(id);
  });

  it('a request slower than SLOW_REQUEST_MS is listed for 管理 › 运行情况, a quick one is not', async () => {
    const server = await start({ SLOW_REQUEST_MS: '200' });
    const slow = (await fetch(`${server.base}/slow?ms=400`)).headers.get('x-request-id');
    const quick = (await fetch(`${server.base}/slow?ms=1`)).headers.get('x-request-id');
    const file = join(t.dir, 'ops', 'events.jsonl');
    await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : ''), { timeout: 10_000 }).toContain(String(slow));
    const events = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.find((event) => event['reqId'] === slow)).toMatchObject({ kind: 'slow', route: '/slow', status: 200 });
    expect(events.some((event) => event['reqId'] === quick)).toBe(false);
  });
});

describe('SIGTERM', () => {
  it('answers the request in flight, finishes queued writes before closing the database, refuses new connections and exits 0 within 10 s', async () => {
    const server = await start();
    await bothWorkersServing(server);
    const inFlight = fetch(`${server.base}/slow?ms=2500`).then(async (response) => ({ status: response.status, body: await response.text() }));
    expect((await fetch(`${server.base}/write`)).status).toBe(200);
    await new Promise((done) => setTimeout(done, 300));
    const stoppedAt = Date.now();
    server.child.kill('SIGTERM');
    await waitForLog(server, 'stopping: finishing requests in flight', 5000);
    // Nobody new is let in while the last answers go out.
    await expect(fetch(`${server.base}/hello`, { headers: { connection: 'close' } })).rejects.toThrow();
    expect(await inFlight).toMatchObject({ status: 200 });
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // The worker that took the write wrote it, then closed its database; every worker closed.
    const lines = fixtureOut();
    const written = lines.find((line) => line.startsWith('written'));
    expect(written).toBeDefined();
    const pid = written?.split(' ')[1];
    expect(lines.indexOf(`closed ${pid}`)).toBeGreaterThan(lines.indexOf(written ?? ''));
    expect(lines.filter((line) => line.startsWith('closed'))).toHaveLength(2);
    // The pid file is gone with the server.
    expect(existsSync(`${resolve(t.url.slice('file:'.length))}.pid`)).toBe(false);
  });
});

describe('a rolling reload', () => {
  it('npm run reload replaces every worker one at a time, and a stream of requests meanwhile gets an answer each', async () => {
    const server = await start();
    await bothWorkersServing(server);
    const pidFile = `${resolve(t.url.slice('file:'.length))}.pid`;
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(server.child.pid));
    const before = new Set<string>();
    const after = new Set<string>();
    const failures: string[] = [];
    let answered = 0;
    let phase: 'before' | 'during' | 'after' = 'before';
    let streaming = true;
    // Eight clients, each asking again as soon as it has an answer (keep-alive connections).
    const clients = Array.from({ length: 8 }, async () => {
      while (streaming) {
        try {
          const response = await fetch(`${server.base}/slow?ms=20`);
          const body = await response.text();
          if (response.status !== 200) failures.push(`${response.status} ${body}`);
          else if (phase !== 'during') (phase === 'after' ? after : before).add(body);
          answered++;
        } catch (error) {
          failures.push(String((error as Error).cause ?? error));
        }
      }
    });
    await new Promise((done) => setTimeout(done, 500));
    phase = 'during';
    const reload = spawnSync(process.execPath, ['db/reload.mjs'], { env: env({}), encoding: 'utf8' });
    expect(reload.status, reload.stderr).toBe(0);
    expect(reload.stdout).toContain('逐个更换工作进程');
    // Each new worker starts in about a second on an idle machine; much longer on a loaded one.
    await waitForLog(server, 'reload: done', 200_000);
    phase = 'after';
    await new Promise((done) => setTimeout(done, 500));
    streaming = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(100);
    // Two new workers answer now, none of the old ones.
    expect(after.size).toBe(2);
    for (const pid of after) expect(before.has(pid)).toBe(false);
    expect(server.child.exitCode).toBeNull();
  }, 300_000);

  it('npm run reload with no server running says so in Chinese', () => {
    const reload = spawnSync(process.execPath, ['db/reload.mjs'], { env: env({}), encoding: 'utf8' });
    expect(reload.status).toBe(1);
    expect(reload.stderr).toContain('没有找到正在运行的霞光学堂');
  });

  it('with one process, SIGHUP leaves the server serving (a reload needs two)', async () => {
    const server = await start({ WORKERS: '1' });
    server.child.kill('SIGHUP');
    await waitForLog(server, 'reload needs WORKERS of 2 or more: restart the server instead', 5000);
    expect((await fetch(`${server.base}/hello`)).status).toBe(200);
  });
});
