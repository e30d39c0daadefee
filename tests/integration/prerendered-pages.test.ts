import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrerenderedPages } from '../../src/lib/server/prerendered-pages';
import { readPageCsp, withSecurityHeaders } from '../../src/lib/server/security-headers';
import { freshDb, type TestDb } from './fixture';

/**
 * Prerendered pages sent from memory before Astro (src/lib/server/prerendered-pages.ts) answer
 * exactly as the node adapter's static handler did: the production entry over the real build
 * (`npm run build` first) on 127.0.0.1:4431, beside the adapter's own handler wired as before
 * (adapter-static-server.mjs) on 4432. Same status, same bytes, same headers but the per-answer
 * ones (Date, X-Request-Id), for GET, HEAD, 304s, a Range and a missing page. A third server
 * in this process (4433) has the memory layer alone, in front of a handler that answers 599: what
 * it sends equal to the adapter's proves the page came from memory, not from the adapter behind.
 */

const PORT = 4431;
const OLD_PORT = 4432;
const MEMORY_PORT = 4433;
const BASE = `http://127.0.0.1:${PORT}`;
const ENTRY = resolve('dist/server/entry.mjs');
/** Differ between any two answers, whoever sends them. */
const PER_ANSWER = new Set(['date', 'x-request-id']);

let t: TestDb;
const servers: ChildProcess[] = [];
let memoryOnly: Server | undefined;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw http (fetch would hide Content-Length on HEAD and decode nothing we need). */
function ask(port: number, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

function comparable(answer: Answer): { status: number; headers: Record<string, unknown>; body: string } {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name)));
  return { status: answer.status, headers, body: answer.body.toString('base64') };
}

/** The production server's answer equals the adapter's; a page also equals the memory layer's own. */
async function same(path: string, method = 'GET', headers: Record<string, string> = {}, fromMemory = true): Promise<Answer> {
  const [now, before, memory] = await Promise.all([ask(PORT, path, method, headers), ask(OLD_PORT, path, method, headers), ask(MEMORY_PORT, path, method, headers)]);
  const label = `${method} ${path} ${JSON.stringify(headers)}`;
  expect(comparable(now), label).toEqual(comparable(before));
  if (fromMemory) expect(comparable(memory), label).toEqual(comparable(before));
  else expect(memory.status, label).toBe(599);
  return now;
}

function started(child: ChildProcess, line: string): Promise<void> {
  servers.push(child);
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(line)) done();
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

/** A lesson page of the build: `/courses/<course>/<lesson>/`. */
function aLesson(): string {
  const root = resolve('dist/client/courses');
  for (const course of readdirSync(root)) {
    for (const lesson of readdirSync(join(root, course), { withFileTypes: true })) {
      if (lesson.isDirectory() && existsSync(join(root, course, lesson.name, 'index.html'))) return `/courses/${course}/${lesson.name}/`;
    }
  }
  throw new Error('no lesson page in dist/client/courses');
}

beforeAll(async () => {
  if (!existsSync(ENTRY)) throw new Error('prerendered-pages.test needs the production build: run `npm run build` first');
  t = await freshDb('prerendered-pages');
  const { XG_DEMO: _demo, ...env } = process.env;
  await Promise.all([
    started(
      spawn(process.execPath, ['src/cluster.mjs'], {
        env: { ...env, HOST: '127.0.0.1', PORT: String(PORT), WORKERS: '1', NODE_ENV: 'production', SITE_URL: BASE, DATABASE_URL: t.url, XG_SECRET_KEY: 'prerendered-pages-secret-key-0123456789ab' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
      'listening on',
    ),
    new Promise<void>((done) => {
      const client = resolve('dist/client');
      const adapterUnreachable = withPrerenderedPages((_req, res) => res.writeHead(599).end(), { client });
      memoryOnly = createServer(withSecurityHeaders(adapterUnreachable, { hsts: false, pageCsp: readPageCsp(resolve('dist/_headers.json')) }));
      memoryOnly.listen(MEMORY_PORT, '127.0.0.1', done);
    }),
    started(spawn(process.execPath, ['tests/integration/adapter-static-server.mjs', ENTRY, String(OLD_PORT)], { env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] }), 'listening'),
  ]);
}, 120_000);

afterAll(() => {
  for (const server of servers) if (server.pid) server.kill('SIGTERM');
  memoryOnly?.close();
  t?.close();
});

describe('a prerendered page sent from memory', () => {
  it('is the same page with the same headers as the adapter sent, at every spelling of its address', async () => {
    const lesson = aLesson();
    const page = await same(lesson);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('</html>');
    expect(page.headers['content-security-policy']).toContain("'sha256-");
    expect(page.headers['etag']).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    await same(lesson.slice(0, -1));
    await same(`${lesson}index.html`);
    await same(`${lesson}?from=poster`);
    await same(lesson, 'GET', { cookie: '__Host-xg_session=abc.def', accept: 'text/html' });
    await same('/help/font-size/');
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await same(aLesson(), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('answers 304 to a fresh conditional GET, and 200 to a stale one or a reload', async () => {
    const lesson = aLesson();
    const { headers } = await ask(PORT, lesson);
    const etag = String(headers['etag']);
    const modified = String(headers['last-modified']);
    expect((await same(lesson, 'GET', { 'if-none-match': etag })).status).toBe(304);
    expect((await same(lesson, 'GET', { 'if-none-match': `"other", ${etag.slice(2)}` })).status).toBe(304);
    expect((await same(lesson, 'HEAD', { 'if-none-match': etag })).status).toBe(304);
    expect((await same(lesson, 'GET', { 'if-modified-since': modified })).status).toBe(304);
    expect((await same(lesson, 'GET', { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await same(lesson, 'GET', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
    expect((await same(lesson, 'GET', { 'if-none-match': etag, 'cache-control': 'no-cache' })).status).toBe(200);
  });

  it('leaves ranges, preconditions, other methods and missing pages as they were', async () => {
    const lesson = aLesson();
    expect((await same(lesson, 'GET', { range: 'bytes=0-99' }, false)).status).toBe(206);
    expect((await same(lesson, 'GET', { 'if-match': '"other"' }, false)).status).toBe(412);
    // Astro's 404 page, rendered on request (with its request id): not compared byte for byte.
    expect((await ask(PORT, '/courses/no-such-course/no-such-lesson/')).status).toBe(404);
    expect((await same(`${lesson}?bad=%E0%A4%A`, 'GET', {}, false)).status).toBe(400);
    // Rendered on request by Astro behind (a 404 page, the POST's answer): left to it.
    expect((await ask(MEMORY_PORT, lesson.replace(/\/([^/]+)\/$/, '/%2E%2E/$1/'))).status).toBe(599);
    expect((await ask(MEMORY_PORT, lesson, 'POST')).status).toBe(599);
  });
});

/** A file of the build under dist/client/<folder> whose name matches. */
function aFile(folder: string, pattern: RegExp): string {
  const name = readdirSync(resolve('dist/client', folder)).find((file) => pattern.test(file));
  if (!name) throw new Error(`no ${pattern} in dist/client/${folder}`);
  return `/${folder}/${name}`;
}

describe("the build's other files (static-files.ts)", () => {
  it('are sent as the adapter sent them: stylesheets cached for a year, pictures, the search files, conditional and partial reads', async () => {
    const stylesheet = aFile('_astro', /\.css$/);
    const css = await same(stylesheet, 'GET', {}, false);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-type']).toContain('text/css');
    await same(stylesheet, 'HEAD', {}, false);
    expect((await same(stylesheet, 'GET', { 'if-none-match': String(css.headers['etag']) }, false)).status).toBe(304);
    expect((await same(stylesheet, 'GET', { range: 'bytes=0-9' }, false)).status).toBe(206);
    expect((await same(`${stylesheet}?v=1`, 'GET', {}, false)).status).toBe(200);
    expect((await same('/pagefind/pagefind.js', 'GET', {}, false)).status).toBe(200);
    expect((await same(aFile('images', /\.(svg|jpg|png|webp)$/), 'GET', {}, false)).status).toBe(200);
  });

  it('sends a page named with escapes or without its slash as the adapter did, and leaves what is not a file to Astro', async () => {
    const lesson = aLesson();
    // An escaped letter is not the plain case of the memory layer: the file handler sends it.
    const escaped = lesson.replace('/courses/', '/%63ourses/');
    expect((await same(escaped, 'GET', {}, false)).status).toBe(200);
    expect((await same(escaped.slice(0, -1), 'GET', {}, false)).status).toBe(200);
    // Nothing on disk, a dotfile, a path out of the folder: Astro answers (its 404 page, with a request id).
    for (const path of ['/_astro/no-such-file.css', '/.env', '/images/../../package.json']) {
      const [now, before] = await Promise.all([ask(PORT, path), ask(OLD_PORT, path)]);
      expect(now.status, path).toBe(before.status);
      expect(now.status, path).toBe(404);
    }
    // An endpoint reaches Astro (the old server here has no database to answer it with).
    const health = await ask(PORT, '/api/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toContain('application/json');
  });
});
