// `npm run bench -- --only scale` (issue 14 item 5): what a second process adds. The mixed load of
// mixed-load.mjs (default 48 signed-in people, each with a request always in flight, for 10 s
// after a 3 s warm-up) against three layouts of the production build, each on a fresh database:
//  1. one server process (WORKERS=1);
//  2. the cluster of two (WORKERS=2);
//  3. two app servers (WORKERS=1 each) on the one database behind the alternating proxy of the
//     two-servers test (tests/integration/alternating-proxy.ts, in this process: its CPU counts in
//     the load generator's), the shape of several machines, on one.
// Appends each run's rows to `rows` as it goes, then each layout beside the first. The figures in
// the README's 扩展到多台服务器 come from here.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAlternatingProxy } from '../integration/alternating-proxy.ts';
import { startBenchServer } from './server.mjs';
import { run } from './mixed-bench.mjs';
import { searchIndexLive } from './mixed-load.mjs';

const WARM_UP_SECONDS = 3;

/**
 * mixedLoad's `start` for layout 3: the proxy on `port`, the servers on the next two ports, both
 * told the proxy's address is the site's (SITE_URL: Astro's origin check sees the proxy's Host).
 */
async function twoServersBehindProxy({ port, env, ...settings }) {
  const proxy = await startAlternatingProxy(port);
  const site = { ...env, WORKERS: '1', SITE_URL: `http://127.0.0.1:${port}` };
  const servers = [];
  try {
    // One after the other: the first creates and migrates the database and builds the live search
    // index; the second serves the database as it is and finds the index current (not two builds
    // at once, one of them still running in the measured seconds).
    servers.push(await startBenchServer({ ...settings, port: port + 1, env: site }));
    await searchIndexLive(settings.dbFile, servers[0].serverErrors);
    servers.push(await startBenchServer({ ...settings, port: port + 2, env: site, keepDatabase: true }));
  } catch (error) {
    await proxy.close();
    for (const server of servers) await server.stop();
    throw error;
  }
  proxy.route([port + 1, port + 2]);
  return {
    base: `http://127.0.0.1:${port}`,
    client: servers[0].client,
    pids: servers.map((server) => server.pid),
    serverErrors: () => servers.map((server) => server.serverErrors()).join(''),
    stop: async () => {
      await proxy.close();
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

const LAYOUTS = [
  { name: 'one', label: 'one server process (WORKERS=1)', options: { env: { WORKERS: '1' } } },
  { name: 'cluster', label: 'the cluster of two (WORKERS=2)', options: { env: { WORKERS: '2' } } },
  { name: 'proxy', label: 'two servers (WORKERS=1 each) behind the alternating proxy', options: { start: twoServersBehindProxy } },
];

/** Uses `port` and the two after it. */
export async function scaleOut({ outDir, port, seconds = 10, users = 48, tmp, rows }) {
  const dir = resolve(tmp, 'scale');
  rmSync(dir, { recursive: true, force: true });
  const runs = {};
  for (const { name, label, options } of LAYOUTS) {
    await run(name, label, rows, runs, { outDir, port, seconds, users, warmUpSeconds: WARM_UP_SECONDS, dbFile: join(dir, name, 'xiaguang.db'), ...options });
  }
  const one = runs.one?.figures;
  for (const { name, label } of LAYOUTS.slice(1)) {
    const f = runs[name]?.figures;
    if (!one || !f) continue;
    const cpu = one.serverCpuPerRequest === null || f.serverCpuPerRequest === null ? '' : `; server CPU per request ${f.serverCpuPerRequest.toFixed(2)} vs ${one.serverCpuPerRequest.toFixed(2)} ms`;
    rows.push({
      measure: `mixed load, ${label} vs one process`,
      value: `${(f.throughput / one.throughput).toFixed(2)}× the requests a second (${f.throughput.toFixed(0)} vs ${one.throughput.toFixed(0)}); p99 ${f.p99.toFixed(0)} vs ${one.p99.toFixed(0)} ms${cpu}`,
      target: '',
      result: '',
    });
  }
  rmSync(dir, { recursive: true, force: true });
}
