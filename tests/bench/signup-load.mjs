// 报名 load for `npm run bench`: 300 signed-in people sign up for a 200-seat screening within 10
// seconds, each through the real form action (POST /_actions/activity.signUp, as the browser's form
// posts it) on the production server (src/cluster.mjs, several processes on one SQLite file).
// Latency counts from the moment each request was due. Afterwards the database must hold exactly
// 200 seats taken and 100 on the waitlist, places 1..100 in the order the sign-ups were accepted,
// and each person's row as the server told them. Then the same 300 sign up for a second screening
// all in the same moment (a burst: how many sign-ups a second the server settles), and one person
// tries to sign someone else up with a forged field. With `bare`, the same requests go to
// bare-server.ts: signUp() from the engine in a plain node:http server, the ceiling beside it.
import http from 'node:http';
import { parse } from 'devalue';
import { seedAccounts, startBenchServer } from './server.mjs';

const DB_FILE = 'tests/.tmp/bench/signup.db';
const PEOPLE = 300;
const SEATS = 200;
/** Everyone signs up within this long, at evenly random moments. */
const SPREAD_MS = 10_000;
const P99_TARGET_MS = 250;
const REQUEST_TIMEOUT_MS = 15_000;
/** Accounts besides the 300: someone who forges a field, and the person they name. */
const EXTRA = 2;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleepUntil = (moment) => {
  const wait = moment - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
};

async function insertScreening(client, title) {
  const now = Date.now();
  const startsAt = now + 3 * 86_400_000;
  const result = await client.execute({
    sql: `INSERT INTO activities (kind, title, film_slug, starts_at, ends_at, venue_name, venue_address, venue_room, capacity, signup_closes_at, companions_allowed, status, created_at, updated_at)
          VALUES ('film', ?, 'shangganling', ?, ?, '老年大学活动中心', '区老年大学活动中心', '三楼多功能厅', ?, ?, 1, 'scheduled', ?, ?) RETURNING id`,
    args: [title, startsAt, startsAt + 2.5 * 3_600_000, SEATS, startsAt - 3_600_000, now, now],
  });
  return Number(result.rows[0]?.id);
}

/**
 * Runs the load against `<outDir>/server/entry.mjs` (or, with `bare`, tests/bench/bare-server.ts) on
 * 127.0.0.1:`port`; returns rows in the shape of run.mjs's table and the figures for the ratio.
 */
export async function signupLoad({ outDir, port, nodeArgs = [], bare = false }) {
  const server = bare ? { nodeArgs: ['--import', 'tsx', ...nodeArgs], script: 'tests/bench/bare-server.ts' } : { nodeArgs };
  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: DB_FILE, ...server });
  const agents = [];
  try {
    const accounts = await seedAccounts(client, { count: PEOPLE + EXTRA, role: 'learner', namePrefix: '报名压测' });
    const people = accounts.slice(0, PEOPLE).map((account) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return { ...account, agent };
    });
    const [forger, named] = accounts.slice(PEOPLE).map((account) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return { ...account, agent };
    });
    const warmUpId = await insertScreening(client, '压测预热场');
    const screeningId = await insertScreening(client, '压测放映《上甘岭》');
    const burstId = await insertScreening(client, '压测放映（同时报名）');

    /** One sign-up on the person's own kept-alive connection, as the form posts it; never throws. */
    const post = (person, fields, since = performance.now()) =>
      new Promise((resolve) => {
        const body = new URLSearchParams(fields).toString();
        let settled = false;
        const done = (result) => {
          if (settled) return;
          settled = true;
          resolve({ ms: performance.now() - since, ...result });
        };
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/_actions/activity.signUp',
            method: 'POST',
            agent: person.agent,
            timeout: REQUEST_TIMEOUT_MS,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
              origin: base,
              accept: 'application/json',
              cookie: person.cookie,
              'user-agent': 'Mozilla/5.0 (Linux; Android 12; signup-bench) Mobile',
            },
          },
          (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode !== 200) return done({ ok: false, failure: `HTTP ${response.statusCode}`, detail: text.slice(0, 200) });
              let data;
              try {
                data = parse(text);
              } catch {
                return done({ ok: false, failure: 'unreadable answer', detail: text.slice(0, 200) });
              }
              if (data?.ok !== true) return done({ ok: false, failure: 'refused', detail: JSON.stringify(data?.error ?? data) });
              done({ ok: true, status: data.value?.status, signupId: data.value?.signupId });
            });
            response.on('error', (error) => done({ ok: false, failure: String(error.code ?? error.name) }));
          },
        );
        request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
        request.on('error', (error) => done({ ok: false, failure: String(error.code ?? error.name) }));
        request.end(body);
      });

    // Warm-up (not measured): everyone opens their connection, twenty at a time as people arrive
    // (see progress-load.mjs), by signing up for another screening, so every server process has
    // loaded the action and opened its database first, as on a server that has been up all morning.
    for (let first = 0; first < PEOPLE; first += 20) {
      const group = people.slice(first, first + 20).map((person) => post(person, { activityId: String(warmUpId) }));
      for (const result of await Promise.all(group)) {
        if (!result.ok) throw new Error(`warm-up sign-up failed: ${result.failure} ${result.detail ?? ''}\n${serverErrors()}`);
      }
    }

    /** Opens the page (unmeasured): a GET on the person's connection. */
    const look = (person) =>
      new Promise((resolve) => {
        const request = http.request({ host: '127.0.0.1', port, path: '/api/health', agent: person.agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
          response.resume();
          response.on('end', resolve);
          response.on('error', resolve);
        });
        request.on('error', resolve);
        request.end();
      });

    /**
     * One run: each person opens the page a second before `due(index)` (staggered by up to 0.75 s,
     * as people do not all open it in the same millisecond), then taps 报名 at `due(index)`. Opening
     * the page first also keeps their connection fresh: the server closes a connection idle for 5 s,
     * and a request sent in that same instant would fail with ECONNRESET, a load-generator artefact.
     */
    const run = async (activityId, due) => {
      const begin = performance.now() + 2000;
      const results = await Promise.all(
        people.map(async (person, index) => {
          const at = begin + due(index);
          await sleepUntil(at - 1000 - (index % 16) * 50);
          await look(person);
          await sleepUntil(at);
          return post(person, { activityId: String(activityId) }, at);
        }),
      );
      const lastAnswer = Math.max(...results.map((result, index) => begin + due(index) + result.ms)) - begin;
      return { results, seconds: lastAnswer / 1000 };
    };

    /** What the database holds for the screening, checked against what people were told. */
    const verify = async (activityId, results) => {
      const rows = (
        await client.execute({
          sql: 'SELECT id, user_id, status, seats, seats_held FROM activity_signups WHERE activity_id = ? ORDER BY queued_at, id',
          args: [activityId],
        })
      ).rows.map((row) => ({ id: Number(row.id), userId: Number(row.user_id), status: String(row.status), seats: Number(row.seats), held: Number(row.seats_held) }));
      const taken = rows.reduce((sum, row) => sum + row.held, 0);
      const waiting = rows.filter((row) => row.status === 'waitlisted');
      const byUser = new Map(rows.map((row) => [row.userId, row]));
      let mismatched = 0;
      people.forEach((person, index) => {
        const result = results[index];
        const row = byUser.get(person.userId);
        if (result.ok && (!row || row.status !== result.status || row.id !== result.signupId)) mismatched += 1;
      });
      // The line is in the order the database accepted the sign-ups (row ids).
      const inOrder = waiting.every((row, index) => index === 0 || row.id > (waiting[index - 1]?.id ?? 0));
      return { rows: rows.length, taken, waitlisted: waiting.length, confirmed: rows.filter((row) => row.status === 'confirmed').length, mismatched, inOrder };
    };

    const spread = await run(screeningId, () => Math.random() * SPREAD_MS);
    const spreadCheck = await verify(screeningId, spread.results);
    const burst = await run(burstId, () => 0);
    const burstCheck = await verify(burstId, burst.results);

    // Someone posts another person's id beside the form's fields: the sign-up is their own.
    const forged = await post(forger, { activityId: String(screeningId), userId: String(named.userId), companion: '' });
    const forgedRows = (
      await client.execute({ sql: 'SELECT user_id FROM activity_signups WHERE activity_id = ? AND user_id IN (?, ?)', args: [screeningId, forger.userId, named.userId] })
    ).rows.map((row) => Number(row.user_id));
    const forgedOk = forged.ok && forgedRows.length === 1 && forgedRows[0] === forger.userId;

    const failures = new Map();
    const shown = [];
    for (const result of [...spread.results, ...burst.results]) {
      if (result.ok) continue;
      failures.set(result.failure, (failures.get(result.failure) ?? 0) + 1);
      if (shown.length < 5) shown.push(`${result.failure} after ${result.ms.toFixed(0)} ms ${result.detail ?? ''}`);
    }
    if (shown.length > 0) console.error(`sign-up load${bare ? ' (bare)' : ''}: first failures:\n  ${shown.join('\n  ')}\n${serverErrors()}`);
    const errors = [...failures.values()].reduce((sum, n) => sum + n, 0);

    const latencies = (results) => results.map((result) => result.ms).sort((a, b) => a - b);
    const spreadLatency = latencies(spread.results);
    const burstLatency = latencies(burst.results);
    const text = (sorted) => `${[50, 95, 99].map((p) => percentile(sorted, p).toFixed(0)).join(' / ')} ms`;
    const p99 = percentile(spreadLatency, 99);
    const burstRate = PEOPLE / burst.seconds;
    const label = bare ? 'bare node:http ceiling, ' : '';
    const row = (measure, value, target = '', ok = undefined) => ({
      measure: `${label}${measure}`,
      value,
      target: bare ? '' : target,
      result: bare || ok === undefined ? '' : ok ? 'ok' : 'MISSED',
    });
    const what = `sign-up (${PEOPLE} people, ${SEATS} seats, within ${SPREAD_MS / 1000} s)`;
    const held = (check) =>
      `${check.taken} seats taken, ${check.waitlisted} waitlisted${check.inOrder ? ' in order' : ' OUT OF ORDER'}${check.mismatched ? `, ${check.mismatched} rows not as told` : ''}`;
    const exact = (check) => check.taken === SEATS && check.confirmed === SEATS && check.waitlisted === PEOPLE - SEATS && check.rows === PEOPLE && check.inOrder && check.mismatched === 0;
    const table = [
      row(`${what}: request p50 / p95 / p99`, text(spreadLatency), `p99 < ${P99_TARGET_MS} ms`, p99 < P99_TARGET_MS),
      row(`${what}: in the database`, held(spreadCheck), `${SEATS} taken, ${PEOPLE - SEATS} waitlisted`, exact(spreadCheck)),
      row(
        `sign-up burst (${PEOPLE} at the same moment): p50 / p95 / p99; sign-ups/s`,
        `${text(burstLatency)}; ${burstRate.toFixed(0)}/s (all answered in ${burst.seconds.toFixed(2)} s)`,
      ),
      row('sign-up burst: in the database', held(burstCheck), `${SEATS} taken, ${PEOPLE - SEATS} waitlisted`, exact(burstCheck)),
      row(
        'sign-up: errors (both runs)',
        `${errors} of ${PEOPLE * 2}${failures.size ? ` (${[...failures].map(([kind, n]) => `${kind} ×${n}`).join(', ')})` : ''}`,
        '0',
        errors === 0,
      ),
    ];
    if (!bare) table.push(row('sign-up with a forged userId field', forgedOk ? 'signed up the sender only' : `WRONG: ${JSON.stringify({ forged, forgedRows })}`, 'own sign-up only', forgedOk));
    return { rows: table, p50: percentile(spreadLatency, 50), p99, burstRate };
  } finally {
    for (const agent of agents) agent.destroy();
    await stop();
  }
}
