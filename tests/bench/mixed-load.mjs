// The mixed load of issue 14 item 6, one run: signed-in people, each on their own kept-alive
// connection, send their next request the moment the last is answered (a closed loop: the figure is
// what the server can take), for `seconds`. Of the requests, 60 % read a lesson page (prerendered
// files), 10 % the catalog (/courses/, rendered on request: session, header, studio courses), 20 %
// are progress heartbeats (POST /api/progress/) and 10 % contest answers (contest.answer, in an
// attempt each person started before the clock runs). Reports throughput, latency by kind, errors by
// kind, the load generator's own CPU, and checks afterwards that every accepted write is stored.
// Against the production cluster (src/cluster.mjs over a build), with `bare` the ceiling
// (tests/bench/bare-server.ts: the same reads and writes in plain node:http), or with `start` any
// other layout the caller starts (scale-out.mjs: one process, two servers behind a proxy).
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'devalue';
import { seedAccounts, startBenchServer } from './server.mjs';
import { percentile } from './progress-load.mjs';
import { treeCpuMs } from './process-cpu.mjs';

/** What a request is, and its share of the load. */
export const KINDS = [
  { kind: 'lesson', share: 0.6 },
  { kind: 'catalog', share: 0.1 },
  { kind: 'heartbeat', share: 0.2 },
  { kind: 'answer', share: 0.1 },
];
const REQUEST_TIMEOUT_MS = 10_000;
/** The contest: single-choice questions of four options, 20 drawn per attempt. */
const BANK_QUESTIONS = 30;
const PAPER = 20;
/** Connections are opened this many at a time (300 at once overflow the listen queue: see progress-load.mjs). */
const CONNECT_GROUP = 20;
/** How long the site may take to build its search index after a start (a new or restored data folder has none). */
const INDEX_WAIT_MS = 300_000;

/**
 * Until the cluster's primary has built the live search index beside the database (Pagefind over
 * every page, a few seconds of a core): the load starts on a server that is done starting, as on
 * one that has been up all morning. Returns the seconds waited.
 */
export async function searchIndexLive(dbFile, serverErrors) {
  const pointer = join(dirname(dbFile), 'search', 'live.json');
  const started = performance.now();
  while (!existsSync(pointer)) {
    if (performance.now() - started > INDEX_WAIT_MS) throw new Error(`no search index after ${INDEX_WAIT_MS / 1000} s\n${serverErrors()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return (performance.now() - started) / 1000;
}

/** Published lessons of the content the site was built from: id `<course>/<slug>` and page path. */
export function lessonPages(contentDir = './content') {
  const root = join(contentDir, 'courses');
  return readdirSync(root).flatMap((course) =>
    readdirSync(join(root, course))
      .filter((file) => /^\d\d-.*\.mdx?$/.test(file))
      .filter((file) => !/^draft:\s*true\s*$/m.test(readFileSync(join(root, course, file), 'utf8').split(/^---\s*$/m)[1] ?? ''))
      .map((file) => {
        const slug = file.replace(/\.mdx?$/, '').replace(/^\d+-/, '');
        return { id: `${course}/${slug}`, path: `/courses/${course}/${slug}/` };
      }),
  );
}

/** People with sessions (privacy notice accepted, so no first page), a bank and an open contest. */
async function seed(client, users) {
  const people = await seedAccounts(client, { count: users, role: 'learner', namePrefix: '混合压测' });
  const now = Date.now();
  await client.execute({ sql: 'UPDATE users SET privacy_accepted_at = ?', args: [now] });
  const bank = await client.execute({
    sql: "INSERT INTO question_banks (name, description, practice, created_by, created_at) VALUES ('混合压测题库', '', 0, NULL, ?) RETURNING id",
    args: [now],
  });
  const bankId = Number(bank.rows[0]?.id);
  const statements = Array.from({ length: BANK_QUESTIONS }, (_, index) => {
    const key = `mixed-bench-${index + 1}`;
    const options = Array.from({ length: 4 }, (_, k) => `第${index + 1}题的第${k + 1}个说法`);
    return [
      { sql: 'INSERT INTO questions (bank_id, stem_key, created_at, updated_at) VALUES (?, ?, ?, ?)', args: [bankId, key, now, now] },
      {
        sql: `INSERT INTO question_versions (question_id, version, type, stem, options, answer, explanation, category, tags, difficulty, source, created_by, created_at)
              SELECT id, 1, 'single', ?, ?, ?, '压测解析。', '压测', '[]', 2, '压测', NULL, ? FROM questions WHERE bank_id = ? AND stem_key = ?`,
        args: [`混合压测第${index + 1}题：下列哪一项是正确的？`, JSON.stringify(options), JSON.stringify({ type: 'single', option: index % 4 }), now, bankId, key],
      },
    ];
  }).flat();
  statements.push({
    sql: 'UPDATE questions SET current_version_id = (SELECT id FROM question_versions WHERE question_id = questions.id AND version = 1) WHERE bank_id = ?',
    args: [bankId],
  });
  // Open for a day with a long time limit: the run after a restore answers in the same attempts.
  const contest = await client.batch(
    [
      ...statements,
      {
        sql: `INSERT INTO contests (title, description, bank_id, opens_at, closes_at, time_limit_minutes, attempts_allowed, draw_rules, shuffle_options, points, eligibility, answers_visible, awards, created_by, created_at)
              VALUES ('混合压测竞赛', '', ?, ?, ?, 600, 1, ?, 1, ?, 'all', 'after_submit', '[]', NULL, ?) RETURNING id`,
        args: [bankId, now - 60_000, now + 24 * 3_600_000, JSON.stringify([{ type: 'single', count: PAPER }]), JSON.stringify({ single: 1 }), now],
      },
    ],
    'write',
  );
  return { people, contestId: Number(contest.at(-1)?.rows[0]?.id) };
}

/**
 * One request on the person's connection; resolves to { ok, ms, failure, body } and never throws.
 * `read` keeps the body (for actions); pages are drained. A page read whose kept-alive connection
 * the server had just closed (it closes idle ones after 5 s) is sent again on a new one, as a
 * browser does; `retried` says so, and the time counts from the first attempt.
 */
async function request(port, base, person, options) {
  const started = performance.now();
  const first = await attempt(port, base, person, options, started);
  if (first.ok || options.method !== 'GET' || !first.reused || first.failure !== 'ECONNRESET') return first;
  return { ...(await attempt(port, base, person, options, started)), retried: true };
}

function attempt(port, base, person, { method, path, body, read = false }, started) {
  return new Promise((resolve) => {
    const headers = { cookie: person.cookie, accept: method === 'GET' ? 'text/html' : 'application/json' };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: base });
    let settled = false;
    const done = (ok, failure, text) => {
      if (settled) return;
      settled = true;
      resolve({ ok, ms: performance.now() - started, failure, body: text, reused: outgoing.reusedSocket });
    };
    const outgoing = http.request({ host: '127.0.0.1', port, path, method, agent: person.agent, timeout: REQUEST_TIMEOUT_MS, headers }, (response) => {
      const chunks = [];
      if (read) response.on('data', (chunk) => chunks.push(chunk));
      else response.resume();
      response.on('end', () => {
        const text = read ? Buffer.concat(chunks).toString('utf8') : undefined;
        if (response.statusCode !== 200) return done(false, `HTTP ${response.statusCode}`, text);
        done(true, undefined, text);
      });
      response.on('error', (error) => done(false, String(error.code ?? error.name)));
    });
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    outgoing.on('error', (error) => done(false, String(error.code ?? error.name)));
    outgoing.end(body);
  });
}

/**
 * Runs the load on 127.0.0.1:`port`. Without `setup` the database is new and seeded; with the
 * `setup` of an earlier run (its people and contest), `dbFile` is served as it is (a restored
 * backup) and the same people carry on with their sessions. `env` adds server settings
 * (DB_SYNCHRONOUS, WORKERS). `start` serves another layout: given { outDir, port, dbFile, env,
 * keepDatabase }, it starts the server(s) answering on `port` and resolves to what startBenchServer
 * does, with `pids` (every process whose CPU is the server's) in place of `pid`. `warmUpSeconds`
 * of the same load run first, not measured. Returns the figures and the setup;
 * `beforeStop(client)` runs while the server still serves.
 */
export async function mixedLoad({ outDir, port, dbFile, seconds = 60, warmUpSeconds = 0, users = 300, bare = false, env = {}, start, setup, contentDir = './content', beforeStop }) {
  const lessons = lessonPages(contentDir);
  if (lessons.length === 0) throw new Error(`no lessons under ${contentDir}/courses`);
  const script = bare ? { nodeArgs: ['--import', 'tsx'], script: 'tests/bench/bare-server.ts' } : {};
  const started = performance.now();
  const server = await (start ?? ((settings) => startBenchServer({ ...settings, ...script })))({ outDir, port, dbFile, env, keepDatabase: setup !== undefined });
  const startSeconds = (performance.now() - started) / 1000;
  const { base, client, stop, serverErrors } = server;
  const pids = server.pids ?? [server.pid];
  /** CPU milliseconds of every server process so far, or null without /proc. */
  const serverCpuMs = () => {
    const each = pids.map((pid) => treeCpuMs(pid));
    return each.includes(null) ? null : each.reduce((sum, ms) => sum + ms, 0);
  };
  const agents = [];
  try {
    // The ceiling has no search index to build.
    const indexSeconds = bare ? 0 : startSeconds + (await searchIndexLive(dbFile, serverErrors));
    const { people, contestId } = setup ?? (await seed(client, users));
    const persons = people.map((person) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return { ...person, agent, attemptId: 0, touched: new Set() };
    });
    const send = (person, options) => request(port, base, person, options);
    const beat = (person, lesson) => send(person, { method: 'POST', path: '/api/progress/', body: new URLSearchParams({ event: 'beat', lesson: lesson.id, end: '0' }).toString() });

    // Warm-up, not measured: every page once (the first request of each loads its modules), then
    // each person connects (a few at a time, as people arrive) and starts, or resumes, the contest.
    for (const lesson of lessons) {
      for (const result of [await send(persons[0], { method: 'GET', path: lesson.path }), await beat(persons[0], lesson)]) {
        if (!result.ok) throw new Error(`warm-up for ${lesson.path} failed: ${result.failure}\n${serverErrors()}`);
      }
      persons[0].touched.add(lesson.id);
    }
    for (let first = 0; first < persons.length; first += CONNECT_GROUP) {
      await Promise.all(
        persons.slice(first, first + CONNECT_GROUP).map(async (person) => {
          const result = await send(person, { method: 'POST', path: '/_actions/contest.start', body: `contestId=${contestId}`, read: true });
          const attemptId = result.ok ? Number(parse(result.body)?.value?.attemptId) : NaN;
          if (!Number.isInteger(attemptId) || attemptId <= 0) throw new Error(`warm-up contest.start failed: ${result.failure ?? result.body}\n${serverErrors()}`);
          person.attemptId = attemptId;
        }),
      );
    }
    const catalog = await send(persons[0], { method: 'GET', path: '/courses/', read: true });
    if (!catalog.ok || !catalog.body.includes('</html>')) throw new Error(`warm-up catalog failed: ${catalog.failure}\n${serverErrors()}`);

    /** One request of `kind` for `person`: { ok, ms, failure } and the write it made, if accepted. */
    const act = async (person, kind) => {
      if (kind === 'lesson') return send(person, { method: 'GET', path: lessons[randomInt(lessons.length)].path });
      if (kind === 'catalog') return send(person, { method: 'GET', path: '/courses/' });
      if (kind === 'heartbeat') {
        const lesson = lessons[randomInt(lessons.length)];
        const result = await beat(person, lesson);
        if (result.ok) person.touched.add(lesson.id);
        return result;
      }
      const fields = new URLSearchParams({ attemptId: String(person.attemptId), position: String(1 + randomInt(PAPER)), type: 'single', option: String(randomInt(4)), go: 'stay' });
      const result = await send(person, { method: 'POST', path: '/_actions/contest.answer', body: fields.toString(), read: true });
      if (result.ok && parse(result.body)?.value?.saved !== true) return { ...result, ok: false, failure: 'not saved' };
      return result;
    };
    const pick = () => {
      let roll = Math.random();
      for (const { kind, share } of KINDS) if ((roll -= share) < 0) return kind;
      return KINDS.at(-1).kind;
    };

    /** Everyone sends their next request the moment the last is answered, for `ms`: the tally by kind. */
    const drive = async (ms) => {
      const tally = Object.fromEntries(KINDS.map(({ kind }) => [kind, { latencies: [], accepted: 0, failures: new Map() }]));
      let retried = 0;
      const end = performance.now() + ms;
      await Promise.all(
        persons.map(async (person) => {
          while (performance.now() < end) {
            const kind = pick();
            const result = await act(person, kind);
            const into = tally[kind];
            into.latencies.push(result.ms);
            if (result.retried) retried += 1;
            if (result.ok) into.accepted += 1;
            else into.failures.set(result.failure, (into.failures.get(result.failure) ?? 0) + 1);
          }
        }),
      );
      return { tally, retried };
    };

    // The warm-up load (JIT, caches, connections), not counted; its progress writes are checked with the rest.
    await drive(warmUpSeconds * 1000);
    const answersBefore = Number((await client.execute("SELECT count(*) AS n FROM attempt_events WHERE kind = 'answer'")).rows[0]?.n ?? 0);
    const cpuBefore = process.cpuUsage();
    const serverCpuBefore = serverCpuMs();
    const begin = performance.now();
    const { tally, retried } = await drive(seconds * 1000);
    const wallMs = performance.now() - begin;
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpuAfter = serverCpuMs();
    const machineLoad = loadavg()[0];
    for (const agent of agents) agent.destroy();

    // Every accepted write is stored: a progress row for each lesson with an accepted heartbeat,
    // and one answer event for each accepted answer.
    const stored = new Set((await client.execute('SELECT user_id, lesson_id FROM lesson_progress')).rows.map((row) => `${Number(row.user_id)} ${row.lesson_id}`));
    let lost = 0;
    for (const person of persons) for (const lesson of person.touched) if (!stored.has(`${person.userId} ${lesson}`)) lost += 1;
    const answersAfter = Number((await client.execute("SELECT count(*) AS n FROM attempt_events WHERE kind = 'answer'")).rows[0]?.n ?? 0);
    const missingAnswers = Math.max(0, tally.answer.accepted - (answersAfter - answersBefore));
    if (beforeStop) await beforeStop(client);

    const all = KINDS.flatMap(({ kind }) => tally[kind].latencies).sort((a, b) => a - b);
    const requests = all.length;
    const percentiles = (sorted) => ({ p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) });
    const byKind = Object.fromEntries(
      KINDS.map(({ kind }) => {
        const { latencies, accepted, failures } = tally[kind];
        latencies.sort((a, b) => a - b);
        return [kind, { requests: latencies.length, accepted, failures, ...percentiles(latencies) }];
      }),
    );
    const errors = requests - KINDS.reduce((sum, { kind }) => sum + tally[kind].accepted, 0);
    if (errors > 0 && serverErrors()) console.error(`mixed load: server stderr (start):\n${serverErrors()}`);
    return {
      figures: {
        users: persons.length,
        seconds: wallMs / 1000,
        requests,
        throughput: requests / (wallMs / 1000),
        ...percentiles(all),
        byKind,
        errors,
        retried,
        lost: lost + missingAnswers,
        lostDetail: { progress: lost, answers: missingAnswers },
        loadCpu: (cpu.user + cpu.system) / 1000 / wallMs,
        // The machine's one-minute load average as the load ends (other work shares its cores).
        machineLoad,
        // Server CPU (all its processes) per request answered, and its share of the wall time.
        serverCpuPerRequest: serverCpuBefore === null || serverCpuAfter === null ? null : (serverCpuAfter - serverCpuBefore) / requests,
        serverCpu: serverCpuBefore === null || serverCpuAfter === null ? null : (serverCpuAfter - serverCpuBefore) / wallMs,
        startSeconds,
        indexSeconds,
      },
      setup: { people, contestId },
    };
  } finally {
    for (const agent of agents) agent.destroy();
    await stop();
  }
}
