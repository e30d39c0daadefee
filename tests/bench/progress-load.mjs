// Progress-write load for `npm run bench`: 300 signed-in learners send lesson heartbeats and
// 我学完了 completions to the production server. First back to back (the capacity: how many writes
// a second the server accepts), then at a steady 1,500 writes/s (latency at the target load, free of
// coordinated omission). Counts errors, then checks in the database that no accepted write was lost.
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedAccounts, startBenchServer } from './server.mjs';

const DB_FILE = 'tests/.tmp/bench/load.db';
const LEARNERS = 300;
/** Back-to-back writes from every learner: the most the server accepts. */
const CAPACITY_MS = 10_000;
/** Then a steady offered rate (writes/s over all learners), for latency under the target load. */
const PACED_RATE = 1500;
/** Also a lighter steady load, to show the latency with headroom left. */
const LIGHT_RATE = 1000;
const PACED_MS = 15_000;
const COMPLETE_SHARE = 0.1;
const REQUEST_TIMEOUT_MS = 10_000;

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

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs the load against `<outDir>/server/entry.mjs` on 127.0.0.1:`port`; returns rows in the shape
 * of run.mjs's table ({ measure, value, target, result }) and the capacity in writes/s. With `bare`,
 * against bare-server.ts instead: the same database work without Astro, the ceiling beside it.
 */
export async function progressLoad({ outDir, port, contentDir = './content', nodeArgs = [], bare = false }) {
  const lessons = lessonIds(contentDir);
  if (lessons.length === 0) throw new Error(`no lessons found under ${contentDir}/courses`);
  const server = bare ? { nodeArgs: ['--import', 'tsx', ...nodeArgs], script: 'tests/bench/bare-server.ts' } : { nodeArgs };
  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: DB_FILE, ...server });
  try {
    const learners = await seedAccounts(client, { count: LEARNERS, role: 'learner', namePrefix: '压测学员' });

    /** Per learner: lessons with an accepted write, completions accepted, and completions sent at all. */
    const touched = learners.map(() => new Set());
    const completed = learners.map(() => new Set());
    const attemptedCompletions = learners.map(() => new Set());
    // One connection per learner, kept open, as each learner's browser would.
    const agents = learners.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));

    /** One progress write; resolves to { ok, ms, failure } and never throws. */
    const send = (index, event, lesson, since = performance.now()) =>
      new Promise((resolve) => {
        const body = new URLSearchParams({ event, lesson, end: '0' }).toString();
        if (event === 'complete') attemptedCompletions[index].add(lesson);
        const done = (ok, failure) => resolve({ ok, ms: performance.now() - since, failure });
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/progress/',
            method: 'POST',
            agent: agents[index],
            timeout: REQUEST_TIMEOUT_MS,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
              origin: base,
              accept: 'application/json',
              cookie: learners[index].cookie,
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => {
              if (response.statusCode !== 200) return done(false, `HTTP ${response.statusCode}`);
              touched[index].add(lesson);
              if (event === 'complete') completed[index].add(lesson);
              done(true);
            });
            response.on('error', (error) => done(false, String(error.code ?? error.name)));
          },
        );
        request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
        request.on('error', (error) => done(false, String(error.code ?? error.name)));
        request.end(body);
      });

    const pick = () => ({ event: Math.random() < COMPLETE_SHARE ? 'complete' : 'beat', lesson: lessons[randomInt(lessons.length)] });

    // Warm-up (not measured): the first request of each lesson loads its content entry; then every
    // learner opens its connection, a few at a time as people arrive. Three hundred new connections
    // in the same millisecond overflow the server's listen queue, and the dropped attempts are only
    // retried after 1, 3 and 7 seconds: an artefact of the load generator, not the server's speed.
    for (const lesson of lessons) {
      const result = await send(0, 'beat', lesson);
      if (!result.ok) throw new Error(`warm-up request for ${lesson} failed: ${result.failure}\n${serverErrors()}`);
    }
    for (let first = 0; first < LEARNERS; first += 20) {
      const group = learners.slice(first, first + 20).map((_, offset) => send(first + offset, 'beat', lessons[0]));
      for (const result of await Promise.all(group)) {
        if (!result.ok) throw new Error(`warm-up request failed: ${result.failure}\n${serverErrors()}`);
      }
    }

    /** Counts results into one phase's tally. */
    const tally = () => ({ latencies: [], failures: new Map(), accepted: 0, requests: 0 });
    const count = (phase, result) => {
      phase.requests += 1;
      phase.latencies.push(result.ms);
      if (result.ok) phase.accepted += 1;
      else phase.failures.set(result.failure, (phase.failures.get(result.failure) ?? 0) + 1);
    };

    // Phase 1, capacity: every learner sends its next write as soon as the last is answered.
    const capacity = tally();
    let started = performance.now();
    const capacityEnd = started + CAPACITY_MS;
    await Promise.all(
      learners.map(async (_, index) => {
        while (performance.now() < capacityEnd) {
          const { event, lesson } = pick();
          count(capacity, await send(index, event, lesson));
        }
      }),
    );
    capacity.seconds = (performance.now() - started) / 1000;

    // Phases 2 and 3, latency at a steady rate: each learner writes every LEARNERS / rate seconds
    // on a fixed schedule (staggered), as lesson pages do on a timer. Latency counts from the
    // scheduled moment, so a slow answer also counts against the writes queued behind it.
    const runPaced = async (rate) => {
      const phase = tally();
      const interval = (1000 * LEARNERS) / rate;
      const begin = performance.now();
      await Promise.all(
        learners.map(async (_, index) => {
          let due = begin + (index / LEARNERS) * interval;
          while (due < begin + PACED_MS) {
            const wait = due - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            const { event, lesson } = pick();
            count(phase, await send(index, event, lesson, due));
            due += interval;
          }
        }),
      );
      phase.seconds = (performance.now() - begin) / 1000;
      return phase;
    };
    const light = await runPaced(LIGHT_RATE);
    const paced = await runPaced(PACED_RATE);
    for (const agent of agents) agent.destroy();

    // Every accepted write must be in the database, and nothing that was never sent.
    const rows = (await client.execute('SELECT user_id, lesson_id, completed_at FROM lesson_progress')).rows;
    const stored = new Map();
    for (const row of rows) stored.set(`${Number(row.user_id)} ${row.lesson_id}`, row.completed_at !== null);
    let lost = 0;
    let phantom = 0;
    learners.forEach((learner, index) => {
      for (const lesson of touched[index]) {
        const key = `${learner.userId} ${lesson}`;
        if (!stored.has(key) || (completed[index].has(lesson) && stored.get(key) !== true)) lost += 1;
      }
      for (const row of rows) {
        if (Number(row.user_id) !== learner.userId || row.completed_at === null) continue;
        if (!attemptedCompletions[index].has(row.lesson_id)) phantom += 1;
      }
    });

    const phases = [capacity, light, paced];
    if (phases.some((phase) => phase.failures.size > 0) && serverErrors()) {
      console.error(`progress load: server stderr (start):\n${serverErrors()}`);
    }
    const label = bare ? 'bare node:http ceiling, ' : '';
    const row = (measure, value, target, ok) => ({ measure: `${label}${measure}`, value, target: bare ? '' : target, result: bare ? '' : ok ? 'ok' : 'MISSED' });
    const failureText = (phase) => [...phase.failures].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    const errorsOf = (phase) => phase.requests - phase.accepted;
    const latencyText = (phase) => {
      phase.latencies.sort((a, b) => a - b);
      return [50, 95, 99].map((p) => percentile(phase.latencies, p).toFixed(0)).join(' / ') + ' ms';
    };
    const capacityRate = capacity.accepted / capacity.seconds;
    const pacedRate = paced.accepted / paced.seconds;
    const p99 = (phase) => (phase.latencies.sort((a, b) => a - b), percentile(phase.latencies, 99));
    const at = (rate) => `at ${rate.toLocaleString('en')}/s offered (${LEARNERS} learners, ${PACED_MS / 1000} s)`;
    const errors = phases.reduce((sum, phase) => sum + errorsOf(phase), 0);
    const requests = phases.reduce((sum, phase) => sum + phase.requests, 0);
    const table = [
      row(
        `progress writes, capacity (${LEARNERS} learners back to back, ${CAPACITY_MS / 1000} s): accepted writes/s`,
        `${capacityRate.toFixed(0)}/s (${capacity.accepted} in ${capacity.seconds.toFixed(1)} s; p50 / p95 / p99 ${latencyText(capacity)})`,
        '≥ 1,500/s',
        capacityRate >= 1500,
      ),
      row(`progress writes ${at(LIGHT_RATE)}: latency p50 / p95 / p99`, latencyText(light), 'p99 < 100 ms', p99(light) < 100),
      row(
        `progress writes ${at(PACED_RATE)}: accepted writes/s`,
        `${pacedRate.toFixed(0)}/s (${paced.accepted} in ${paced.seconds.toFixed(1)} s)`,
        '≥ 1,500/s',
        pacedRate >= PACED_RATE * 0.98,
      ),
      row(`progress writes ${at(PACED_RATE)}: latency p50 / p95 / p99`, latencyText(paced), 'p99 < 100 ms', p99(paced) < 100),
      row(
        'progress writes: errors (all three runs)',
        `${errors} of ${requests}${phases.map(failureText).filter(Boolean).map((text) => ` (${text})`).join('')}`,
        '0',
        errors === 0,
      ),
      row('progress writes: accepted writes missing from the database', `${lost}${phantom ? ` (and ${phantom} completions never sent)` : ''}`, '0', lost === 0 && phantom === 0),
    ];
    return { rows: table, capacityRate };
  } finally {
    await stop();
  }
}
