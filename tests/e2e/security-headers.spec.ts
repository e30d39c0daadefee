import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import type { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import { E2E_DB_URL, E2E_SECRET_KEY } from './accounts';
import { ipKey } from '../../src/lib/server/rate-limit';

const lesson = '/courses/party-spirit/constitution-and-oath/';

function expectSecurityHeaders(response: APIResponse, kind: 'page' | 'script' | 'other'): string {
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain("'unsafe-inline'");
  if (kind === 'page') {
    // Scripts by hash, Pagefind's WebAssembly allowed.
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  } else if (kind === 'script') {
    // A script's policy binds it only as a worker: Pagefind's loads its index and WebAssembly.
    expect(csp).toContain("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  } else {
    expect(csp).toContain("default-src 'none'");
  }
  // The test server is production on plain-http loopback: HSTS there would break the next run.
  expect(headers['strict-transport-security']).toBeUndefined();
  return csp;
}

test('a prerendered lesson carries the headers and its policy as a header, not a meta tag', async ({ request }) => {
  const response = await request.get(lesson);
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response, 'page');
  expect(await response.text()).not.toMatch(/http-equiv="content-security-policy"/i);
  // The same page asked for without the trailing slash gets the same policy.
  const bare = await request.get(lesson.slice(0, -1));
  expect(bare.headers()['content-security-policy']).toBe(response.headers()['content-security-policy']);
});

test('a page rendered on request, a 404 page, an action, the health check and static files carry them', async ({ request, baseURL }) => {
  expectSecurityHeaders(await request.get('/login/'), 'page');
  const missing = await request.get('/no-such-page/');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, 'page');
  const action = await request.post('/_actions/auth.login', { form: {}, headers: { origin: baseURL ?? '', accept: 'application/json' } });
  expect(action.status()).toBe(400);
  expectSecurityHeaders(action, 'other');
  expectSecurityHeaders(await request.get('/api/health'), 'other');
  expectSecurityHeaders(await request.get('/favicon.svg'), 'other');
  const script = /src="(\/_astro\/[^"]+\.js)"/.exec(await (await request.get(lesson)).text())?.[1];
  expect(script).toBeTruthy();
  expectSecurityHeaders(await request.get(script ?? ''), 'script');
  expectSecurityHeaders(await request.get('/pagefind/pagefind-worker.js'), 'script');
});

/** The keys the sign-in throttle has counted failures under. */
async function throttleKeys(url: string): Promise<string[]> {
  const client = createClient({ url });
  try {
    return (await client.execute('SELECT key FROM login_throttle')).rows.map((row) => String(row['key']));
  } finally {
    client.close();
  }
}

const wrongPassword = (phone: string) => ({ phone, password: 'not-the-password', next: '' });

test('a client-supplied X-Forwarded-For is ignored: throttling counts the real address', async ({ request, baseURL }) => {
  await request.post('/_actions/auth.login', {
    form: wrongPassword('13911112201'),
    headers: { origin: baseURL ?? '', accept: 'application/json', 'x-forwarded-for': '203.0.113.77' },
  });
  const keys = await throttleKeys(E2E_DB_URL);
  expect(keys).toContain(ipKey('127.0.0.1'));
  expect(keys).not.toContain(ipKey('203.0.113.77'));
});

test.describe('behind our reverse proxy, over https', () => {
  const dbUrl = 'file:tests/.tmp/e2e-proxy.db';
  let server: ChildProcess | undefined;
  let base = '';
  let output = '';

  test.beforeAll(async () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`tests/.tmp/e2e-proxy.db${suffix}`, { force: true });
    server = spawn(process.execPath, ['src/cluster.mjs'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        SITE_URL: 'https://xiaguang.example.cn',
        TRUSTED_PROXY: '127.0.0.1',
        HOST: '127.0.0.1',
        PORT: '0',
        WORKERS: '1',
        DATABASE_URL: dbUrl,
        XG_SECRET_KEY: E2E_SECRET_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.once('exit', () => server?.kill());
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
      server?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      });
      server?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server?.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
    });
  });

  test.afterAll(() => {
    server?.kill();
  });

  test('HSTS is sent, and the address our proxy added is the one throttled', async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: base });
    const health = await request.get('/api/health');
    expect(health.status(), output).toBe(200);
    expect(health.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
    // The client wrote 198.51.100.1 itself; our proxy (127.0.0.1) appended the address it saw.
    await request.post('/_actions/auth.login', {
      form: wrongPassword('13911112202'),
      headers: { origin: base, accept: 'application/json', 'x-forwarded-for': '198.51.100.1, 203.0.113.78' },
    });
    const keys = await throttleKeys(dbUrl);
    expect(keys).toContain(ipKey('203.0.113.78'));
    expect(keys).not.toContain(ipKey('198.51.100.1'));
    expect(keys).not.toContain(ipKey('127.0.0.1'));
    await request.dispose();
  });
});
