// Progress-write load for `npm run bench`: 300 signed-in learners send lesson heartbeats and
// 我学完了 completions to the production server at once, for a bounded time. Measures accepted
// writes per second, latency and errors, then checks in the database that no accepted write was lost.
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';

const DIR = 'tests/.tmp/bench';
const DB_FILE = `${DIR}/load.db`;
const DB_URL = `file:${DB_FILE}`;
const LEARNERS = 300;
const DURATION_MS = 15_000;
const COMPLETE_SHARE = 0.1;
const REQUEST_TIMEOUT_MS = 10_000;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 32 characters of [a-z2-7], the shape of session ids and secrets (160 random bits). */
const randomToken = () => Array.from({ length: 32 }, () => BASE32[randomInt(32)]).join('');

/** Published lesson ids of the content the site was built from: `<course>/<slug>`. */
function lessonIds(contentDir) {
  const root = join(contentDir, 'courses');
  return readdirSync(root).flatMap((course) =>
    readdirSync(join(root, course))
      .filter((file) => /^\d\d-.*\.mdx?$/.test(file))
      .filter((file) => !/^draft:\s*true\s*$/m.test(readFileSync(join(root, course, file), 'utf8').split(/^---\s*$/m)[1] ?? ''))
      .map((file) => `${course}/${file.replace(/\.mdx?$/, '').replace(/^\d+-/, '')}`),
  );
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function waitForHealth(base, server) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not answer /api/health within 30 s');
}

/** 300 learner accounts, each with its learner role and one session; returns their ids and cookies. */
async function seedLearners(client) {
  const now = Date.now();
  const learners = Array.from({ length: LEARNERS }, (_, index) => ({
    phone: `139${String(10_000_000 + index).padStart(8, '0')}`,
    sessionId: randomToken(),
    secret: randomToken(),
  }));
  const statements = learners.flatMap((learner, index) => [
    {
      sql: 'INSERT INTO users (phone, display_name, branch_id, password_hash, volunteer, created_at) VALUES (?, ?, NULL, NULL, 0, ?)',
      args: [learner.phone, `压测学员${index + 1}`, now],
    },
    { sql: "INSERT INTO user_roles (user_id, role) SELECT id, 'learner' FROM users WHERE phone = ?", args: [learner.phone] },
    {
      sql: "INSERT INTO sessions (id, user_id, secret_hash, created_at, last_active_at, device) SELECT ?, id, ?, ?, ?, 'bench' FROM users WHERE phone = ?",
      args: [learner.sessionId, createHash('sha256').update(learner.secret).digest(), now, now, learner.phone],
    },
  ]);
  await client.batch(statements, 'write');
  const ids = new Map((await client.execute('SELECT id, phone FROM users')).rows.map((row) => [row.phone, Number(row.id)]));
  return learners.map((learner) => ({ userId: ids.get(learner.phone), cookie: `xg_session=${learner.sessionId}.${learner.secret}` }));
}

/**
 * Runs the load against `<outDir>/server/entry.mjs` on 127.0.0.1:`port` and returns rows in the
 * shape of run.mjs's table: { measure, value, target, result }.
 */
export async function progressLoad({ outDir, port, contentDir = './content' }) {
  const lessons = lessonIds(contentDir);
  if (lessons.length === 0) throw new Error(`no lessons found under ${contentDir}/courses`);
  mkdirSync(DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_FILE}${suffix}`, { force: true });

  const base = `http://127.0.0.1:${port}`;
  // A plain-http session cookie, no demo data: whatever the caller's shell has set.
  const { SITE_URL: _site, XG_DEMO: _demo, ...env } = process.env;
  const server = spawn(process.execPath, [join(outDir, 'server/entry.mjs')], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: DB_URL, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let serverErrors = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    if (serverErrors.length < 4000) serverErrors += chunk;
  });
  const stopServer = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill();
  };
  process.once('exit', stopServer);
  const client = createClient({ url: DB_URL, timeout: 5000 });
  try {
    // The first health check opens the database and applies the migrations; then the accounts go in.
    await waitForHealth(base, server);
    const learners = await seedLearners(client);

    /** Per learner: lessons with an accepted request, and lessons with an accepted completion. */
    const touched = learners.map(() => new Set());
    const completed = learners.map(() => new Set());
    const latencies = [];
    const failures = new Map();
    let accepted = 0;
    let errors = 0;

    const send = async (index, event, lesson) => {
      const body = new URLSearchParams({ event, lesson, end: '0' }).toString();
      const started = performance.now();
      try {
        const response = await fetch(`${base}/api/progress/`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: base,
            accept: 'application/json',
            cookie: learners[index].cookie,
          },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status === 200) {
          touched[index].add(lesson);
          if (event === 'complete') completed[index].add(lesson);
          return true;
        }
        failures.set(`HTTP ${response.status}`, (failures.get(`HTTP ${response.status}`) ?? 0) + 1);
      } catch (error) {
        latencies.push(performance.now() - started);
        const kind = error?.name === 'TimeoutError' ? 'timeout' : String(error?.cause?.code ?? error?.name ?? 'error');
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
      return false;
    };

    // Warm-up (not timed): the first request of each lesson loads its content entry.
    for (const lesson of lessons) {
      if (!(await send(0, 'beat', lesson))) {
        throw new Error(`warm-up request for ${lesson} failed: ${[...failures.keys()].join(', ')}\n${serverErrors}`);
      }
    }
    latencies.length = 0;
    failures.clear();

    const started = performance.now();
    const deadline = started + DURATION_MS;
    let requests = 0;
    await Promise.all(
      learners.map(async (_, index) => {
        while (performance.now() < deadline) {
          const event = Math.random() < COMPLETE_SHARE ? 'complete' : 'beat';
          const lesson = lessons[randomInt(lessons.length)];
          requests += 1;
          if (await send(index, event, lesson)) accepted += 1;
          else errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Every accepted write must be in the database.
    const rows = (await client.execute('SELECT user_id, lesson_id, completed_at FROM lesson_progress')).rows;
    const stored = new Map();
    for (const row of rows) stored.set(`${Number(row.user_id)} ${row.lesson_id}`, row.completed_at !== null);
    let lost = 0;
    let countMismatches = 0;
    learners.forEach((learner, index) => {
      for (const lesson of touched[index]) {
        const key = `${learner.userId} ${lesson}`;
        if (!stored.has(key) || (completed[index].has(lesson) && stored.get(key) !== true)) lost += 1;
      }
      const completedRows = rows.filter((row) => Number(row.user_id) === learner.userId && row.completed_at !== null).length;
      if (completedRows !== completed[index].size) countMismatches += 1;
    });

    latencies.sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
    const perSecond = accepted / seconds;
    const failureText = [...failures].map(([kind, count]) => `${kind} ×${count}`).join(', ');
    if (errors > 0 && serverErrors) console.error(`progress load: server stderr (start):\n${serverErrors}`);
    const row = (measure, value, target, ok) => ({ measure, value, target, result: ok ? 'ok' : 'MISSED' });
    const label = `progress writes, ${LEARNERS} learners × ${(DURATION_MS / 1000).toFixed(0)} s`;
    return [
      row(`${label}: accepted writes/s`, `${perSecond.toFixed(0)}/s (${accepted} in ${seconds.toFixed(1)} s)`, '≥ 1,500/s', perSecond >= 1500),
      row(`${label}: latency p50 / p95 / p99`, `${p50.toFixed(0)} / ${p95.toFixed(0)} / ${p99.toFixed(0)} ms`, 'p99 < 100 ms', p99 < 100),
      row(`${label}: errors`, `${errors} of ${requests}${failureText ? ` (${failureText})` : ''}`, '0', errors === 0),
      row(
        `${label}: lost writes`,
        `${lost}${countMismatches ? ` (${countMismatches} learners' completion counts differ)` : ''}`,
        '0',
        lost === 0 && countMismatches === 0,
      ),
    ];
  } finally {
    client.close();
    stopServer();
    process.removeListener('exit', stopServer);
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise((resolve) => {
        const force = setTimeout(() => server.kill('SIGKILL'), 5000);
        server.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
      });
    }
  }
}
