// Scaling out (issue 14, item 5): the same mixed load (70 % lesson and catalog reads, 20 % progress
// heartbeats, 10 % contest answers, from signed-in people) against
//   1. one server process (src/cluster.mjs with WORKERS=1),
//   2. the cluster of two processes on this machine (WORKERS=2, Node's cluster module),
//   3. two separate app servers (WORKERS=1 each) on the one database behind a loopback proxy that
//      alternates requests between them: the shape of several machines, on one.
// Each run starts from a fresh database. Closed loop: CLIENTS requests in flight at all times, for
// `seconds`. Prints requests a second, p50/p95/p99, errors, and the load generator's own CPU share
// (it and the proxy share the machine's cores with the servers). The figures in the README's
// 扩展到多台服务器 come from here.
//
// `node tests/bench/scale-out.mjs [--seconds 15]` against the build in dist/ (npm run build), or
// `npm run bench -- --only scale`.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { parse } from 'devalue';
import { seedAccounts } from './server.mjs';
import { percentile } from './progress-load.mjs';

const PEOPLE = 300;
const CLIENTS = 48;
const QUESTIONS = 20;
const TMP = 'tests/.tmp/bench-scale';
/** Load before the measured seconds: JIT, caches and connections warm in every layout alike. */
const WARM_UP_MS = 3000;

function lessonPaths(contentDir) {
  const root = join(contentDir, 'courses');
  return readdirSync(root).flatMap((course) =>
    readdirSync(join(root, course))
      .filter((file) => /^\d\d-.*\.mdx$/.test(file))
      .map((file) => `${course}/${file.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`),
  );
}

/** CPU seconds used so far by `pid` and every process below it (Linux /proc; 0 elsewhere). */
function treeCpuSeconds(root) {
  const processes = new Map();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      processes.set(Number(name), { parent: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // Ended while we looked.
    }
  }
  const inTree = (pid) => pid === root || (processes.has(pid) && pid > 1 && inTree(processes.get(pid).parent));
  return [...processes].filter(([pid]) => inTree(pid)).reduce((sum, [, entry]) => sum + entry.cpu, 0);
}

/** An app server as `npm run serve` runs it, on any free port, in its own process group. */
function startServer({ dbFile, entry, workers, site }) {
  const { XG_DEMO: _demo, ...env } = process.env;
  const server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...env, HOST: '127.0.0.1', PORT: '0', WORKERS: String(workers), DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production', SITE_URL: site, LOG_LEVEL: 'warn', XG_SERVER_ENTRY: entry },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
    return new Promise((done) => (server.exitCode !== null || server.signalCode !== null ? done() : server.once('exit', () => done())));
  };
  const port = new Promise((resolvePort, reject) => {
    createInterface({ input: server.stdout }).on('line', (line) => {
      const found = /listening on http:\/\/[^:]+:(\d+)/.exec(line)?.[1];
      if (found) resolvePort(Number(found));
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, stop, pid: server.pid };
}

/** The loopback proxy: each request to the next server in turn (tests/integration/alternating-proxy.ts, in plain JS). */
function startProxy(targets, port) {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
  let turn = 0;
  // A kept-alive connection the server has just closed as idle fails the next request sent on it
  // (ECONNRESET, nothing read): sent once more on a fresh connection, as Node's documentation advises.
  const forward = (req, body, res, index, retried) => {
    const upstream = http.request({ host: '127.0.0.1', port: targets[index], method: req.method, path: req.url, headers: req.headers, agent: agents[index] }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!retried && upstream.reusedSocket && error.code === 'ECONNRESET') return forward(req, body, res, index, true);
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'x-proxy-error': String(error.code ?? error.message) }).end();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const index = turn++ % targets.length;
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, index, false));
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () =>
      done({
        close: () => {
          for (const agent of agents) agent.destroy();
          server.closeAllConnections();
          return new Promise((closed) => server.close(() => closed()));
        },
      }),
    ),
  );
}

async function seedContest(client) {
  const now = Date.now();
  const bank = await client.execute({ sql: "INSERT INTO question_banks (name, description, practice, created_by, created_at) VALUES ('扩展测试题库', '', 0, NULL, ?) RETURNING id", args: [now] });
  const bankId = Number(bank.rows[0]?.id);
  const statements = [];
  for (let index = 0; index < QUESTIONS; index++) {
    const stem = `扩展测试判断题第${index + 1}题`;
    statements.push({ sql: 'INSERT INTO questions (bank_id, stem_key, created_at, updated_at) VALUES (?, ?, ?, ?)', args: [bankId, `scale-${index}`, now, now] });
    statements.push({
      sql: `INSERT INTO question_versions (question_id, version, type, stem, options, answer, explanation, category, tags, difficulty, source, created_by, created_at)
            SELECT id, 1, 'truefalse', ?, '[]', '{"type":"truefalse","value":true}', '', '测试', '[]', 2, '测试', NULL, ? FROM questions WHERE bank_id = ? AND stem_key = ?`,
      args: [stem, now, bankId, `scale-${index}`],
    });
  }
  statements.push({ sql: 'UPDATE questions SET current_version_id = (SELECT id FROM question_versions WHERE question_id = questions.id) WHERE bank_id = ?', args: [bankId] });
  statements.push({
    sql: `INSERT INTO contests (title, description, bank_id, opens_at, closes_at, time_limit_minutes, attempts_allowed, draw_rules, shuffle_options, points, eligibility, answers_visible, awards, created_by, created_at)
          VALUES ('扩展测试竞赛', '', ?, ?, ?, 600, 1, ?, 0, ?, 'all', 'after_submit', '[]', NULL, ?)`,
    args: [bankId, now - 60_000, now + 36_000_000, JSON.stringify([{ type: 'truefalse', count: QUESTIONS }]), JSON.stringify({ single: 2, multiple: 4, truefalse: 1, fill: 3, partial: 'half' }), now],
  });
  await client.batch(statements, 'write');
  return Number((await client.execute({ sql: 'SELECT id FROM contests WHERE bank_id = ?', args: [bankId] })).rows[0]?.id);
}

function request(agent, port, { method, path, cookie, body }) {
  return new Promise((done) => {
    const started = performance.now();
    const headers = { cookie, origin: `http://127.0.0.1:${port}`, accept: body ? 'application/json' : 'text/html' };
    if (body) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) });
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 15_000 }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - started, ...(res.headers['x-proxy-error'] ? { error: `proxy: ${res.headers['x-proxy-error']}` } : {}) }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => done({ status: 0, error: String(error.message), ms: performance.now() - started }));
    req.end(body);
  });
}

/** One run: fresh database, the servers `layout` names, contest attempts started, then the mixed load. */
async function run(layout, { entry, seconds, port, lessons }) {
  const dbFile = resolve(TMP, `${layout}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  const site = `http://127.0.0.1:${port}`;
  const migrate = await import(pathToFileURL(resolve('db/migrate.mjs')).href);
  await migrate.migrateDatabase(`file:${dbFile}`);
  const client = createClient({ url: `file:${dbFile}`, timeout: 5000 });
  const people = await seedAccounts(client, { count: PEOPLE, role: 'learner', namePrefix: '扩展' });
  // Seen the privacy notice (else every page rendered on request sends them to it first).
  await client.execute({ sql: 'UPDATE users SET privacy_accepted_at = ?', args: [Date.now()] });
  const contestId = await seedContest(client);
  const servers = layout === 'two servers + proxy' ? [1, 1] : [layout === 'cluster of 2' ? 2 : 1];
  const started = servers.map((workers) => startServer({ dbFile, entry, workers, site }));
  const ports = await Promise.all(started.map((server) => server.port));
  const proxy = ports.length > 1 ? await startProxy(ports, port) : null;
  const target = proxy ? port : ports[0];
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const attempts = new Map();
    for (const person of people) {
      const answer = await new Promise((done) => {
        const body = `contestId=${contestId}`;
        const req = http.request(
          { host: '127.0.0.1', port: target, method: 'POST', path: '/_actions/contest.start', agent, headers: { cookie: person.cookie, origin: `http://127.0.0.1:${target}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => done(text));
          },
        );
        req.end(body);
      });
      let attemptId = 0;
      try {
        attemptId = Number(parse(answer)?.value?.attemptId ?? 0);
      } catch {
        // Not an action's answer (an error page): counted below as an attempt not started.
      }
      attempts.set(person.userId, attemptId);
    }
    // The primary builds the live search index at its first start (Pagefind, a few seconds of CPU).
    for (let waited = 0; !existsSync(resolve(TMP, 'search', 'live.json')) && waited < 60_000; waited += 200) await new Promise((done) => setTimeout(done, 200));
    let samples = [];
    let errors = new Map();
    let deadline = performance.now() + WARM_UP_MS;
    let counter = 0;
    const loop = async () => {
      while (performance.now() < deadline) {
        const n = counter++;
        const person = people[n % PEOPLE];
        const roll = n % 10;
        const lesson = lessons[n % lessons.length];
        let call;
        if (roll < 7) call = { method: 'GET', path: roll < 5 ? `/courses/${lesson}/` : '/courses/' };
        else if (roll < 9) call = { method: 'POST', path: '/api/progress/', body: new URLSearchParams({ event: 'beat', lesson, end: '0' }).toString() };
        else {
          const position = 1 + (Math.floor(n / 10) % QUESTIONS);
          call = { method: 'POST', path: '/_actions/contest.answer', body: new URLSearchParams({ attemptId: String(attempts.get(person.userId)), position: String(position), type: 'truefalse', value: String(n % 3 !== 0), go: 'stay' }).toString() };
        }
        const result = await request(agent, target, { ...call, cookie: person.cookie });
        if (result.status === 200) samples.push(result.ms);
        else {
          const kind = result.error ?? `HTTP ${result.status} ${call.method === 'GET' ? 'page' : call.path}`;
          errors.set(kind, (errors.get(kind) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, loop));
    samples = [];
    errors = new Map();
    deadline = performance.now() + seconds * 1000;
    const cpuBefore = process.cpuUsage();
    const serverCpuBefore = started.reduce((sum, server) => sum + treeCpuSeconds(server.pid), 0);
    const wallBefore = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, loop));
    const wall = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpu = started.reduce((sum, server) => sum + treeCpuSeconds(server.pid), 0) - serverCpuBefore;
    samples.sort((a, b) => a - b);
    return {
      layout,
      throughput: samples.length / (wall / 1000),
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      errors: [...errors].map(([kind, count]) => `${count}× ${kind}`).join(', ') || 'none',
      attemptsStarted: [...attempts.values()].filter((id) => id > 0).length,
      generatorCpu: (cpu.user + cpu.system) / 1000 / wall,
      load: loadavg()[0],
      serverCpuMsPerRequest: samples.length ? (serverCpu * 1000) / samples.length : NaN,
    };
  } finally {
    agent.destroy();
    await proxy?.close();
    await Promise.all(started.map((server) => server.stop()));
    client.close();
  }
}

/** Rows for tests/bench/run.mjs's table. */
export async function scaleOut({ outDir = 'dist', port = 4431, seconds = 15, contentDir = 'content' } = {}) {
  mkdirSync(TMP, { recursive: true });
  const entry = resolve(outDir, 'server/entry.mjs');
  const lessons = lessonPaths(contentDir);
  const results = [];
  for (const layout of ['one process', 'cluster of 2', 'two servers + proxy']) {
    results.push(await run(layout, { entry, seconds, port, lessons }));
    console.error(`scale-out: ${JSON.stringify(results.at(-1))}`);
  }
  rmSync(TMP, { recursive: true, force: true });
  const base = results[0].throughput;
  return results.map((result) => ({
    measure: `mixed load, ${result.layout} (${CLIENTS} in flight, ${seconds} s)`,
    value: `${result.throughput.toFixed(0)} req/s (${(result.throughput / base).toFixed(2)}× one process), p50 ${result.p50.toFixed(0)} / p95 ${result.p95.toFixed(0)} / p99 ${result.p99.toFixed(0)} ms, errors: ${result.errors}, server CPU ${result.serverCpuMsPerRequest.toFixed(2)} ms a request, generator CPU ${(result.generatorCpu * 100).toFixed(0)} % of a core, machine load ${result.load.toFixed(1)}`,
    target: result.attemptsStarted === PEOPLE ? '' : `attempts ${result.attemptsStarted}/${PEOPLE}`,
    result: result.errors === 'none' && result.attemptsStarted === PEOPLE ? 'ok' : 'MISSED',
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--seconds');
  const seconds = at >= 0 ? Number(process.argv[at + 1]) : 15;
  const rows = await scaleOut({ seconds });
  for (const row of rows) console.log(`${row.measure} | ${row.value} | ${row.result}`);
}
