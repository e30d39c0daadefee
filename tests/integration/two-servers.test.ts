// Beyond one machine (issue 14, item 5): two app servers of the production build (src/cluster.mjs
// over dist/, one process each, WORKERS=1) on one database, behind a loopback proxy that sends
// each request to the other server in turn. Sign-in (with the two-step code), progress, a contest
// attempt, an activity sign-up and a studio draft must work whichever server answers: nothing a
// person relies on lives in one process's memory. Each step's requests must have landed on both
// servers. Then one server dies (SIGKILL) and the other carries on with the same sessions and
// every acknowledged write. `npm run build` first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'devalue';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Opened } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { installTotp, newTotpKey } from '../../src/lib/server/two-factor';
import { codeAt, timeStep } from '../../src/lib/two-factor-rules';
import { startAlternatingProxy, type AlternatingProxy } from './alternating-proxy';
import { seedTrueFalseContest } from './bank-fixture';

/** The proxy's address is the site's: set once it listens (any free port, so test files may run side by side). */
let BASE = '';
const PASSWORD = 'Xiaguang-two-servers-2026';
const QUESTIONS = 4;
/** This helper's own phone numbers (13900000820–839). */
const PHONES = { learner: '13900000820', guesser: '13900000821', leaver: '13900000822', instructor: '13900000823' } as const;

const dir = (() => {
  mkdirSync('tests/.tmp', { recursive: true });
  return mkdtempSync(join('tests/.tmp', 'two-servers-'));
})();
const dbFile = join(dir, 'shared.db');
const servers: ChildProcess[] = [];
let proxy: AlternatingProxy | undefined;

afterAll(async () => {
  await proxy?.close();
  for (const server of servers) if (server.exitCode === null && server.signalCode === null) process.kill(-(server.pid ?? 0), 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** One app server as `npm run serve` runs it, on any free port; resolves with its port once it listens. */
function startServer(): Promise<{ server: ChildProcess; port: number }> {
  const { XG_DEMO: _demo, ...env } = process.env;
  const server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...env, HOST: '127.0.0.1', PORT: '0', WORKERS: '1', DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production', SITE_URL: BASE, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  servers.push(server);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(line)?.[1];
      if (port) resolve({ server, port: Number(port) });
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code} before it listened`)));
  });
}

/** A person's cookies, as a browser keeps them. */
class Visitor {
  readonly cookies = new Map<string, string>();

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string): Promise<{ status: number; text: string; location: string | null }> {
    const response = await fetch(`${BASE}${path}`, { redirect: 'manual', headers: { cookie: this.header() } });
    this.keep(response);
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
    const response = await fetch(`${BASE}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.header(), origin: BASE, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return { status: response.status, text: await response.text() };
  }

  async postJson(path: string, data: unknown): Promise<{ status: number; text: string }> {
    const response = await fetch(`${BASE}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.header(), origin: BASE, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(data),
    });
    this.keep(response);
    return { status: response.status, text: await response.text() };
  }

  /** An Astro action's Result: `{ ok: true, value }` or `{ ok: false, error }` (status 200), else the status. */
  async action(name: string, fields: Record<string, string>): Promise<Record<string, unknown>> {
    const answer = await this.post(`/_actions/${name}`, fields);
    if (answer.status !== 200) return { ok: false, status: answer.status, text: answer.text.slice(0, 300) };
    return parse(answer.text) as Record<string, unknown>;
  }

  async jsonAction(name: string, data: unknown): Promise<Record<string, unknown>> {
    const answer = await this.postJson(`/_actions/${name}`, data);
    if (answer.status !== 200) return { ok: false, status: answer.status, text: answer.text.slice(0, 300) };
    return parse(answer.text) as Record<string, unknown>;
  }
}

const value = (result: Record<string, unknown>): Record<string, unknown> => {
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return (result['value'] ?? {}) as Record<string, unknown>;
};

/** The servers that answered the named step's requests. */
function serversOf(step: string): number[] {
  return [...new Set((proxy?.hits ?? []).filter((hit) => hit.step === step).map((hit) => hit.server))].sort();
}

/** The first lesson of the real content, `<course>/<slug>`. */
function firstLesson(): string {
  const course = readdirSync('content/courses').sort()[0] as string;
  const file = readdirSync(join('content/courses', course)).filter((name) => /^\d\d-.*\.mdx$/.test(name)).sort()[0] as string;
  return `${course}/${file.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`;
}

async function seed({ db, client }: Opened): Promise<{ totpKey: Uint8Array; contestId: number; activityId: number }> {
  const now = Date.now();
  const passwordHash = await hashPassword(PASSWORD);
  const people = [
    [PHONES.learner, '双机学员', 'learner'],
    [PHONES.guesser, '双机猜测', 'learner'],
    [PHONES.leaver, '双机退出', 'learner'],
    [PHONES.instructor, '双机讲师', 'instructor'],
  ] as const;
  const ids: Record<string, number> = {};
  for (const [phone, displayName, role] of people) {
    ids[phone] = await insertUser(db, { phone, displayName, branchId: null, passwordHash, roles: [role], privacyAcceptedAt: now, demo: false }, now);
  }
  // The instructor signs in with two steps: the authenticator key sealed under the servers' secret key.
  const totpKey = newTotpKey();
  await db.transaction((tx) => installTotp(tx, ids[PHONES.instructor] as number, totpKey, timeStep(now) - 10, now));

  const contestId = await seedTrueFalseContest(client, '双机', QUESTIONS);
  const startsAt = now + 3 * 86_400_000;
  const activity = await client.execute({
    sql: `INSERT INTO activities (kind, title, film_slug, starts_at, ends_at, venue_name, venue_address, venue_room, capacity, signup_closes_at, companions_allowed, status, created_at, updated_at)
          VALUES ('film', '双机放映', 'shangganling', ?, ?, '老年大学活动中心', '区老年大学活动中心', '三楼', 50, ?, 1, 'scheduled', ?, ?) RETURNING id`,
    args: [startsAt, startsAt + 7_200_000, startsAt - 3_600_000, now, now],
  });
  return { totpKey, contestId, activityId: Number(activity.rows[0]?.['id']) };
}

describe('two app servers on one database behind an alternating proxy', () => {
  it('sign-in, progress, a contest attempt, a sign-up and a studio draft work whichever server answers, and survive one server dying', async () => {
    expect(existsSync('dist/server/entry.mjs'), 'run `npm run build` first: this test serves the production build').toBe(true);
    const migrated = spawnSync(process.execPath, ['db/migrate.mjs'], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, encoding: 'utf8' });
    expect(migrated.status, migrated.stderr).toBe(0);
    const opened = await openDatabase(`file:${dbFile}`);
    const { client } = opened;
    try {
      const { totpKey, contestId, activityId } = await seed(opened);
      proxy = await startAlternatingProxy();
      BASE = `http://127.0.0.1:${proxy.port}`;
      const [first, second] = await Promise.all([startServer(), startServer()]);
      expect(first.port).not.toBe(second.port);
      proxy.route([first.port, second.port]);

      // Sign-in: the password on one server, the session valid on both.
      proxy.step('sign-in');
      const learner = new Visitor();
      expect(value(await learner.action('auth.login', { phone: PHONES.learner, password: PASSWORD, next: '/me/' }))).toMatchObject({ next: '/me/' });
      for (let round = 0; round < 4; round++) {
        const me = await learner.get('/me/');
        expect(me.status, `我的学习, request ${round + 1}`).toBe(200);
        expect(me.text).toContain('双机学员');
      }
      // The two-step code: the password on one server, the code on the other, the new session on both.
      const instructor = new Visitor();
      expect(value(await instructor.action('auth.login', { phone: PHONES.instructor, password: PASSWORD, next: '/studio/' }))['next']).toMatch(/^\/login\/two-factor\//);
      const halfway = await instructor.get('/studio/');
      expect(halfway.status, 'half signed in: not yet the studio').not.toBe(200);
      expect(value(await instructor.action('twoFactor.verify', { code: codeAt(totpKey, Date.now()), next: '/studio/' }))).toMatchObject({ next: '/studio/' });
      for (let round = 0; round < 2; round++) expect((await instructor.get('/studio/')).status, 'studio after two steps').toBe(200);
      expect(serversOf('sign-in')).toEqual([0, 1]);

      // Throttling is counted in the database: ten wrong passwords spread over both servers use up
      // the account's tries, and the right password is refused next, whichever server hears it.
      proxy.step('throttle');
      const guesser = new Visitor();
      for (let guess = 0; guess < 10; guess++) {
        const wrong = await guesser.action('auth.login', { phone: PHONES.guesser, password: `wrong-${guess}`, next: '/me/' });
        expect(wrong['ok'], `wrong password ${guess + 1}`).toBe(false);
      }
      const refused = await guesser.action('auth.login', { phone: PHONES.guesser, password: PASSWORD, next: '/me/' });
      expect(JSON.stringify(refused)).toContain('尝试次数太多');
      expect(serversOf('throttle')).toEqual([0, 1]);

      // Signing out on one server ends the session on the other.
      proxy.step('sign-out');
      const leaver = new Visitor();
      value(await leaver.action('auth.login', { phone: PHONES.leaver, password: PASSWORD, next: '/me/' }));
      const stale = new Map(leaver.cookies);
      expect((await leaver.get('/me/')).status).toBe(200);
      value(await leaver.action('auth.logout', {}));
      const after = new Visitor();
      for (const [name, cookie] of stale) after.cookies.set(name, cookie);
      for (let round = 0; round < 2; round++) expect((await after.get('/me/')).status, 'the signed-out token, on each server').not.toBe(200);
      expect(serversOf('sign-out')).toEqual([0, 1]);

      // Progress: heartbeats and 学完了 through both servers; both then report the lesson complete.
      proxy.step('progress');
      const lesson = firstLesson();
      for (const event of ['open', 'beat', 'beat', 'complete']) {
        const sent = await learner.post('/api/progress/', { event, lesson, end: '0' });
        expect(sent.status, `progress ${event}`).toBe(200);
      }
      for (let round = 0; round < 2; round++) {
        const state = await learner.get(`/api/progress/?lesson=${encodeURIComponent(lesson)}`);
        expect(state.status).toBe(200);
        expect((JSON.parse(state.text) as { state: { completedAt: number | null } }).state.completedAt, 'completed, as each server reads it').toBeTypeOf('number');
      }
      expect(serversOf('progress')).toEqual([0, 1]);

      // A contest attempt: started on one server, resumed on the other, answered across both, handed in.
      proxy.step('contest');
      const attemptId = Number(value(await learner.action('contest.start', { contestId: String(contestId) }))['attemptId']);
      expect(attemptId).toBeGreaterThan(0);
      expect(Number(value(await learner.action('contest.start', { contestId: String(contestId) }))['attemptId']), 'resumed, not a second attempt').toBe(attemptId);
      for (let position = 1; position <= QUESTIONS; position++) {
        const saved = value(await learner.action('contest.answer', { attemptId: String(attemptId), position: String(position), type: 'truefalse', value: String(position !== 2), go: 'stay' }));
        expect(saved['saved'], `answer ${position}`).toBe(true);
      }
      value(await learner.action('contest.submit', { attemptId: String(attemptId) }));
      for (let round = 0; round < 2; round++) {
        const result = await learner.get(`/contests/${contestId}/result/`);
        expect(result.status, 'the result page on each server').toBe(200);
        expect(result.text).toContain('双机竞赛');
      }
      const answered = await client.execute({ sql: 'SELECT position, response FROM attempt_questions WHERE attempt_id = ? ORDER BY position', args: [attemptId] });
      expect(answered.rows.map((row) => (JSON.parse(String(row['response'])) as { value: boolean }).value)).toEqual([true, false, true, true]);
      expect(serversOf('contest')).toEqual([0, 1]);

      // An activity sign-up: once only, cancelled on one server and taken back (撤销) on the other.
      proxy.step('sign-up');
      const signupId = value(await learner.action('activity.signUp', { activityId: String(activityId) }))['signupId'];
      expect(signupId).toBeTypeOf('number');
      const twice = await learner.action('activity.signUp', { activityId: String(activityId) });
      expect(JSON.stringify(twice)).toContain('已经报过名了');
      value(await learner.action('activity.cancel', { activityId: String(activityId) }));
      value(await learner.action('activity.undo', { activityId: String(activityId) }));
      const signups = await client.execute({ sql: "SELECT count(*) AS n FROM activity_signups WHERE activity_id = ? AND status = 'confirmed'", args: [activityId] });
      expect(Number(signups.rows[0]?.['n'])).toBe(1);
      expect(serversOf('sign-up')).toEqual([0, 1]);

      // A studio draft: course and lesson made on different servers, saved on both; a save from a
      // stale revision is refused as a conflict whichever server gets it.
      proxy.step('studio');
      const course = value(await instructor.action('studio.createCourse', { title: '双机草稿课', theme: '党性教育', summary: '两台服务器轮流保存同一份草稿。', hours: '1' }));
      const courseId = Number(course['id']);
      const added = value(await instructor.action('studio.addLesson', { courseId: String(courseId), title: '第一课' }));
      const lessonId = Number(added['id']);
      const save = (revision: number, body: string) =>
        instructor.jsonAction('studio.saveLesson', { courseId, lessonId, revision, title: '第一课', summary: '', body, sources: [], minutes: null });
      expect(value(await save(1, '第一台服务器保存的字。'))).toMatchObject({ saved: true, revision: 2 });
      expect(value(await save(1, '旧稿'))).toMatchObject({ saved: false, conflict: { revision: 2 } });
      expect(value(await save(2, '第二次保存的字。'))).toMatchObject({ saved: true, revision: 3 });
      for (let round = 0; round < 2; round++) {
        const editor = await instructor.get(`/studio/write/${courseId}/lessons/${lessonId}/`);
        expect(editor.status, 'the lesson editor on each server').toBe(200);
        expect(editor.text).toContain('第二次保存的字。');
      }
      expect(serversOf('studio')).toEqual([0, 1]);

      // One server dies: the other serves the same people with the same state.
      proxy.step('one server left');
      process.kill(-(first.server.pid ?? 0), 'SIGKILL');
      proxy.only(1);
      expect((await learner.get('/me/')).status).toBe(200);
      expect((JSON.parse((await learner.get(`/api/progress/?lesson=${encodeURIComponent(lesson)}`)).text) as { state: { completedAt: number | null } }).state.completedAt).toBeTypeOf('number');
      expect((await instructor.get(`/studio/write/${courseId}/lessons/${lessonId}/`)).text).toContain('第二次保存的字。');
      expect(serversOf('one server left')).toEqual([1]);
      expect((await client.execute('PRAGMA integrity_check')).rows.map((row) => row[0])).toEqual(['ok']);
      const tally = new Map<string, number[]>();
      for (const hit of proxy.hits) {
        const counts = tally.get(hit.step) ?? [0, 0];
        counts[hit.server] = (counts[hit.server] ?? 0) + 1;
        tally.set(hit.step, counts);
      }
      console.log(`two-servers: requests per step (first server, second server): ${[...tally].map(([step, counts]) => `${step} ${counts.join('/')}`).join(', ')}`);
    } finally {
      client.close();
    }
  }, 300_000);
});
