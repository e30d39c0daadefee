// Crash safety (issue 14, item 3): the production cluster (src/cluster.mjs over the build in dist/,
// so `npm run build` first) serves a stream of progress writes, contest answers and activity
// sign-ups from signed-in people; in the middle of it every server process is killed with SIGKILL.
// After a restart on the same database, every write the server had acknowledged with success is
// there and integrity_check passes. (A power cut is not a process crash: see the README, 断电时会丢什么.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { parse } from 'devalue';
import { afterAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../bench/server.mjs';
import { seedTrueFalseContest } from './bank-fixture';

const PORT = Number(process.env['E2E_PORT'] ?? 4426);
const BASE = `http://127.0.0.1:${PORT}`;
const PEOPLE = 24;
const QUESTIONS = 20;
const ACTIVITIES = 12;

interface Person {
  userId: number;
  cookie: string;
  agent: http.Agent;
}

/** One POST as the page's form or script sends it; resolves to the status and body, or null when the connection failed. */
function post(person: Person, path: string, fields: URLSearchParams): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const body = fields.toString();
    const request = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path,
        method: 'POST',
        agent: person.agent,
        timeout: 15_000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin: BASE,
          accept: 'application/json',
          cookie: person.cookie,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', () => resolve(null));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
    request.end(body);
  });
}

/** An Astro action's answer when it succeeded (`{ ok: true, value }`), else null. */
async function action(person: Person, name: string, fields: Record<string, string>): Promise<Record<string, unknown> | null> {
  const answer = await post(person, `/_actions/${name}`, new URLSearchParams(fields));
  if (answer?.status !== 200) return null;
  const data = parse(answer.body) as { ok?: boolean; value?: Record<string, unknown> };
  return data.ok === true ? (data.value ?? {}) : null;
}

function startCluster(dbFile: string): ChildProcess {
  const { XG_DEMO: _demo, ...env } = process.env;
  // Its own process group, so that SIGKILL reaches the primary and every worker at once.
  return spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(PORT), WORKERS: '2', DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production', SITE_URL: BASE },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

/** Until the server answers at all (any status: health may report 503 for a missing backup). */
async function waitUntilServing(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    const answered = await fetch(`${BASE}/api/health`).then(() => true, () => false);
    if (answered) return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error('the server did not answer within 120 s');
}

function exited(server: ChildProcess): Promise<void> {
  return server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((done) => server.once('exit', () => done()));
}

/** Published lessons of the real content: `<course>/<slug>`. */
function lessons(): string[] {
  return readdirSync('content/courses').flatMap((course) =>
    readdirSync(join('content/courses', course))
      .filter((file) => /^\d\d-.*\.mdx$/.test(file))
      .map((file) => `${course}/${file.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`),
  );
}

async function seed(client: Client): Promise<{ contestId: number; activityIds: number[] }> {
  const now = Date.now();
  const contestId = await seedTrueFalseContest(client, '崩溃测试', QUESTIONS);
  const startsAt = now + 3 * 86_400_000;
  const activityIds: number[] = [];
  for (let index = 0; index < ACTIVITIES; index++) {
    const inserted = await client.execute({
      sql: `INSERT INTO activities (kind, title, film_slug, starts_at, ends_at, venue_name, venue_address, venue_room, capacity, signup_closes_at, companions_allowed, status, created_at, updated_at)
            VALUES ('film', ?, 'shangganling', ?, ?, '老年大学活动中心', '区老年大学活动中心', '三楼', 500, ?, 1, 'scheduled', ?, ?) RETURNING id`,
      args: [`崩溃测试放映${index + 1}`, startsAt, startsAt + 7_200_000, startsAt - 3_600_000, now, now],
    });
    activityIds.push(Number(inserted.rows[0]?.['id']));
  }
  return { contestId, activityIds };
}

const stage = (what: string): void => console.log(`crash-safety: ${what}`);

const dir = (() => {
  mkdirSync('tests/.tmp', { recursive: true });
  return mkdtempSync(join('tests/.tmp', 'crash-'));
})();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a crash of every server process', () => {
  it('loses no write acknowledged with success: progress, contest answers and sign-ups survive SIGKILL mid-stream', async () => {
    expect(existsSync('dist/server/entry.mjs'), 'run `npm run build` first: this test serves the production build').toBe(true);
    const dbFile = join(dir, 'crash.db');
    const migrated = spawnSync(process.execPath, ['db/migrate.mjs'], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, encoding: 'utf8' });
    expect(migrated.status, migrated.stderr).toBe(0);
    const client = createClient({ url: `file:${dbFile}`, timeout: 5000 });
    const accounts = (await seedAccounts(client, { count: PEOPLE, role: 'learner', namePrefix: '崩溃测试' })) as Array<{ userId: number; cookie: string }>;
    const { contestId, activityIds } = await seed(client);
    const people: Person[] = accounts.map((account) => ({ ...account, agent: new http.Agent({ keepAlive: true, maxSockets: 2 }) }));
    const lessonIds = lessons();

    let server = startCluster(dbFile);
    try {
      await waitUntilServing(server);
      stage('serving');
      // Everyone starts the contest first (their attempt and paper are written then).
      const attempts = new Map<number, number>();
      for (const person of people) {
        const started = await action(person, 'contest.start', { contestId: String(contestId) });
        expect(started?.['attemptId'], 'contest.start').toBeTypeOf('number');
        attempts.set(person.userId, Number(started?.['attemptId']));
      }

      // What the server acknowledged with success, stream by stream.
      const progressAcks: Array<{ userId: number; lesson: string; complete: boolean }> = [];
      const answerAcks: Array<{ attemptId: number; position: number; value: boolean }> = [];
      const signupAcks: Array<{ userId: number; signupId: number; activityId: number }> = [];
      let killed = false;

      const progressStream = async (person: Person): Promise<void> => {
        for (let round = 0; !killed; round++) {
          const lesson = lessonIds[(person.userId + round) % lessonIds.length] ?? '';
          const complete = round % 5 === 4;
          const answer = await post(person, '/api/progress/', new URLSearchParams({ event: complete ? 'complete' : 'beat', lesson, end: '0' }));
          if (answer?.status === 200) progressAcks.push({ userId: person.userId, lesson, complete });
          else if (killed || !answer) return;
        }
      };
      const answerStream = async (person: Person): Promise<void> => {
        const attemptId = attempts.get(person.userId) ?? 0;
        for (let position = 1; position <= QUESTIONS && !killed; position++) {
          const value = (person.userId + position) % 3 !== 0;
          const saved = await action(person, 'contest.answer', { attemptId: String(attemptId), position: String(position), type: 'truefalse', value: String(value), go: 'stay' });
          if (saved?.['saved'] === true) answerAcks.push({ attemptId, position, value });
          await new Promise((wait) => setTimeout(wait, 40));
        }
      };
      const signupStream = async (person: Person): Promise<void> => {
        for (const activityId of activityIds) {
          if (killed) return;
          const signed = await action(person, 'activity.signUp', { activityId: String(activityId) });
          if (typeof signed?.['signupId'] === 'number') signupAcks.push({ userId: person.userId, signupId: signed['signupId'], activityId });
          await new Promise((wait) => setTimeout(wait, 60));
        }
      };
      stage('contest started by everyone');
      const streams = people.flatMap((person) => [progressStream(person), answerStream(person), signupStream(person)]);

      // Mid-stream: once all three kinds of writes are being acknowledged, kill every process.
      const deadline = Date.now() + 60_000;
      while (!(progressAcks.length >= 150 && answerAcks.length >= 60 && signupAcks.length >= 40) && Date.now() < deadline) {
        await new Promise((wait) => setTimeout(wait, 20));
      }
      expect(answerAcks.length, 'contest answers acknowledged before the kill').toBeGreaterThanOrEqual(60);
      expect(signupAcks.length, 'sign-ups acknowledged before the kill').toBeGreaterThanOrEqual(40);
      stage(`killing: ${progressAcks.length} progress, ${answerAcks.length} answers, ${signupAcks.length} sign-ups acknowledged`);
      process.kill(-(server.pid ?? 0), 'SIGKILL');
      killed = true;
      await exited(server);
      await Promise.all(streams);
      for (const person of people) person.agent.destroy();

      // Restart on the same database; what it serves must hold every acknowledged write.
      server = startCluster(dbFile);
      await waitUntilServing(server);
      stage('serving again after the crash');
      const check = createClient({ url: `file:${dbFile}`, timeout: 5000 });
      try {
        expect((await check.execute('PRAGMA integrity_check')).rows.map((row) => row[0])).toEqual(['ok']);
        const progress = new Map(
          (await check.execute('SELECT user_id, lesson_id, completed_at FROM lesson_progress')).rows.map((row) => [`${row[0]} ${row[1]}`, row[2] !== null]),
        );
        const lostProgress = progressAcks.filter((ack) => !progress.has(`${ack.userId} ${ack.lesson}`) || (ack.complete && progress.get(`${ack.userId} ${ack.lesson}`) !== true));
        expect(lostProgress).toEqual([]);
        const answers = new Map(
          (await check.execute('SELECT attempt_id, position, response FROM attempt_questions WHERE response IS NOT NULL')).rows.map((row) => [`${row[0]} ${row[1]}`, JSON.parse(String(row[2])) as { value?: boolean }]),
        );
        const lostAnswers = answerAcks.filter((ack) => answers.get(`${ack.attemptId} ${ack.position}`)?.value !== ack.value);
        expect(lostAnswers).toEqual([]);
        const signups = new Set((await check.execute('SELECT id, user_id, activity_id FROM activity_signups')).rows.map((row) => `${row[0]} ${row[1]} ${row[2]}`));
        const lostSignups = signupAcks.filter((ack) => !signups.has(`${ack.signupId} ${ack.userId} ${ack.activityId}`));
        expect(lostSignups).toEqual([]);
      } finally {
        check.close();
      }

      // While it serves, restore refuses (the primary's server.pid names a running cluster.mjs).
      const restore = spawnSync(process.execPath, ['db/restore.mjs', dbFile], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, encoding: 'utf8' });
      expect(restore.status).toBe(1);
      expect(restore.stderr).toMatch(/没有恢复：霞光学堂服务器正在运行（进程号 \d+）/);
    } finally {
      client.close();
      if (server.exitCode === null && server.signalCode === null) {
        process.kill(-(server.pid ?? 0), 'SIGKILL');
        await exited(server);
      }
    }
  }, 600_000);
});
