// The progress fast lane (src/lib/server/fast-lane.ts, progress-lane.ts) answers a lesson page's
// heartbeat as POST /api/progress/ does through Astro, and leaves everything but the plain case to
// Astro. The production cluster (src/cluster.mjs over the build in dist/, so `npm run build`
// first) serves every case twice: at /api/progress/ (the lane's address) and at
// /api/progress/?via=astro (a query: never the lane's, the same endpoint). Both answers must be
// the same; the request's log line says which of them the lane answered.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../bench/server.mjs';

const PORT = Number(process.env['E2E_PORT'] ?? 4427) + 40;
const BASE = `http://127.0.0.1:${PORT}`;
const LESSON = 'party-spirit/constitution-and-oath';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  lane: string | undefined;
}

let dir = '';
let server: ChildProcess | undefined;
let client: Client | undefined;
/** The server's JSON log lines by request id. */
const logLines = new Map<string, Record<string, unknown>>();
let people: Array<{ userId: number; cookie: string }> = [];

function post(path: string, body: string, headers: Record<string, string>): Promise<Omit<Answer, 'lane'>> {
  return new Promise((done, failed) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port: PORT, path, method: 'POST', agent: false, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    outgoing.on('error', failed);
    outgoing.end(body);
  });
}

/** The log line of an answer (written when the answer is sent: a moment after it arrives). */
async function laneOf(answer: Omit<Answer, 'lane'>): Promise<string | undefined> {
  const id = String(answer.headers['x-request-id']);
  for (let wait = 0; wait < 50 && !logLines.has(id); wait++) await new Promise((resolve) => setTimeout(resolve, 40));
  const line = logLines.get(id);
  if (!line) throw new Error(`no log line for request ${id}`);
  return line['lane'] as string | undefined;
}

/** A script's heartbeat as a lesson page sends it, with `overrides` to the headers. */
function heartbeatHeaders(cookie: string | undefined, overrides: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, accept: 'application/json', ...(cookie ? { cookie } : {}), ...overrides };
}

async function send(path: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Answer> {
  const answer = await post(path, new URLSearchParams(fields).toString(), headers);
  return { ...answer, lane: await laneOf(answer) };
}

/** What must be equal between the lane's answer and Astro's. */
function comparable(answer: Answer, body: (text: string) => unknown = (text) => text) {
  const { headers } = answer;
  return {
    status: answer.status,
    type: headers['content-type'],
    cache: headers['cache-control'],
    csp: headers['content-security-policy'],
    nosniff: headers['x-content-type-options'],
    // Each person's own token: whether it is sent again, and how, is compared.
    cookies: (headers['set-cookie'] ?? []).map((cookie) => cookie.replace(/expires=[^;]+/i, 'expires=…').replace(/^(__Host-xg_session=)[^;]+/, '$1<token>')),
    location: headers.location,
    body: body(answer.body),
  };
}

beforeAll(async () => {
  expect(existsSync('dist/server/entry.mjs'), 'run `npm run build` first: this test serves the production build').toBe(true);
  mkdirSync('tests/.tmp', { recursive: true });
  dir = mkdtempSync(join('tests/.tmp', 'progress-lane-'));
  const dbFile = join(dir, 'lane.db');
  const migrated = spawnSync(process.execPath, ['db/migrate.mjs'], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, encoding: 'utf8' });
  expect(migrated.status, migrated.stderr).toBe(0);
  client = createClient({ url: `file:${dbFile}` });
  people = await seedAccounts(client, { count: 6, role: 'learner', namePrefix: '快速通道' });
  const { XG_DEMO: _demo, ...env } = process.env;
  server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(PORT), WORKERS: '1', DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production', SITE_URL: BASE, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  await new Promise<void>((ready, failed) => {
    server?.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('listening on')) ready();
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (typeof entry['reqId'] === 'string') logLines.set(entry['reqId'], entry);
      }
    });
    server?.once('exit', (code) => failed(new Error(`server exited with ${code}`)));
  });
  // The built server registers the lane when it first loads its middleware.
  expect((await fetch(`${BASE}/api/health`)).status).toBe(200);
}, 120_000);

afterAll(() => {
  server?.kill('SIGTERM');
  client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the progress fast lane', () => {
  it('answers a heartbeat, an unknown lesson and a malformed event as the endpoint does, and records the heartbeat', async () => {
    const [person] = people;
    if (!person) throw new Error('no people');
    const cases: Array<[Record<string, string>, number]> = [
      [{ event: 'beat', lesson: LESSON, end: '0' }, 200],
      [{ event: 'open', lesson: LESSON }, 200],
      [{ event: 'beat', lesson: 'party-spirit/no-such-lesson', end: '0' }, 404],
      [{ event: 'jump', lesson: LESSON }, 400],
      [{ event: 'beat', lesson: '../etc' }, 400],
    ];
    for (const [fields, status] of cases) {
      const lane = await send('/api/progress/', fields, heartbeatHeaders(person.cookie));
      const astro = await send('/api/progress/?via=astro', fields, heartbeatHeaders(person.cookie));
      // A state's times differ between two answers: its shape and lesson are compared.
      const shape = (text: string) => {
        const parsed = JSON.parse(text) as { state?: Record<string, unknown> };
        return parsed.state ? { state: Object.keys(parsed.state).sort(), lesson: parsed.state['lessonId'] } : parsed;
      };
      expect(comparable(lane, shape), JSON.stringify(fields)).toEqual(comparable(astro, shape));
      expect(lane.status).toBe(status);
      expect(lane.lane, JSON.stringify(fields)).toBe('progress');
      expect(astro.lane).toBeUndefined();
    }
    const stored = await client?.execute({ sql: 'SELECT count(*) AS n FROM lesson_progress WHERE user_id = ? AND lesson_id = ?', args: [person.userId, LESSON] });
    expect(Number(stored?.rows[0]?.['n'])).toBe(1);
  });

  it('leaves to Astro, with the same answer, a page’s form, anyone signed out or forged, another site, and an over-long body', async () => {
    const [person] = people;
    if (!person) throw new Error('no people');
    const beat = { event: 'beat', lesson: LESSON, end: '0' };
    const cases: Array<[string, Record<string, string>, Record<string, string>, number]> = [
      ['a plain form (我学完了 without JavaScript)', { event: 'complete', lesson: LESSON, back: `/courses/${LESSON}/` }, heartbeatHeaders(person.cookie, { accept: 'text/html' }), 303],
      ['nobody signed in', beat, heartbeatHeaders(undefined), 401],
      ['a forged session', beat, heartbeatHeaders('__Host-xg_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'), 401],
      ['another site', beat, heartbeatHeaders(person.cookie, { origin: 'https://evil.example' }), 403],
      ['no Origin', beat, heartbeatHeaders(person.cookie, { origin: '' }), 403],
      ['a body too long for a heartbeat', { ...beat, back: 'x'.repeat(3000) }, heartbeatHeaders(person.cookie), 200],
    ];
    for (const [label, fields, headers, status] of cases) {
      const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
      const lane = await send('/api/progress/', fields, clean);
      const astro = await send('/api/progress/?via=astro', fields, clean);
      const shape = (text: string) => (text.startsWith('{"state"') ? 'state' : text);
      expect(comparable(lane, shape), label).toEqual(comparable(astro, shape));
      expect(lane.status, label).toBe(status);
      expect(lane.lane, label).toBeUndefined();
    }
  });

  it('leaves to Astro a session due for renewal (Astro sends its cookie again), a disabled person, and a sign-in waiting for its second step', async () => {
    const [, renewing, renewingToo, disabled, halfway] = people;
    if (!renewing || !renewingToo || !disabled || !halfway) throw new Error('no people');
    const beat = { event: 'beat', lesson: LESSON, end: '0' };
    const twoDaysAgo = Date.now() - 2 * 24 * 3_600_000;
    await client?.execute({ sql: 'UPDATE sessions SET last_active_at = ? WHERE user_id IN (?, ?)', args: [twoDaysAgo, renewing.userId, renewingToo.userId] });
    await client?.execute({ sql: 'UPDATE users SET disabled_at = ? WHERE id = ?', args: [Date.now(), disabled.userId] });
    await client?.execute({ sql: 'INSERT INTO totp_credentials (user_id, encrypted_key, last_used_step, created_at) VALUES (?, ?, 0, ?)', args: [halfway.userId, Buffer.alloc(44), Date.now()] });

    const shape = (text: string) => (text.startsWith('{"state"') ? 'state' : text);
    const renewed = await send('/api/progress/', beat, heartbeatHeaders(renewing.cookie));
    const renewedByAstro = await send('/api/progress/?via=astro', beat, heartbeatHeaders(renewingToo.cookie));
    expect(comparable(renewed, shape)).toEqual(comparable(renewedByAstro, shape));
    expect(renewed.status).toBe(200);
    expect(renewed.headers['set-cookie']?.some((cookie) => cookie.startsWith('__Host-xg_session='))).toBe(true);
    expect(renewed.lane).toBeUndefined();
    // Renewed now: the next heartbeat is the plain case again.
    expect((await send('/api/progress/', beat, heartbeatHeaders(renewing.cookie))).lane).toBe('progress');

    for (const person of [disabled, halfway]) {
      const lane = await send('/api/progress/', beat, heartbeatHeaders(person.cookie));
      const astro = await send('/api/progress/?via=astro', beat, heartbeatHeaders(person.cookie));
      expect(lane.status).toBe(401);
      expect(comparable(lane)).toEqual(comparable(astro));
      expect(lane.lane).toBeUndefined();
    }
  });
});
