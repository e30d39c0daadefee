// Operations as the IT person meets them, on a production cluster of its own (two workers, its own
// database, its stdout kept): a whole visit's log holds no password, code or token; the error page
// shows the request's id, which 管理 › 运行情况 lists; SIGTERM stops the real server cleanly.
import { rmSync } from 'node:fs';
import { decodeBase32 } from '@oslojs/encoding';
import { expect, test, type Page } from './fixtures';
import { authenticatorCode, E2E_PASSWORD, E2E_SECRET_KEY, E2E_TOTP_KEY } from './accounts';
import { expectAccessibleEverywhere } from './axe';
import { migrateDatabase } from '../../db/migrate.mjs';
import { openDatabase } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { installTotp } from '../../src/lib/server/two-factor';
import { startClusterServer, type ClusterServer } from '../setup/cluster-server';

const DB_URL = 'file:tests/.tmp/e2e-ops.db';
/** This spec's phones: 13900000720–739. */
const LEARNER = { phone: '13900000720', name: '运维学员' };
const ADMIN = { phone: '13900000721', name: '运维管理员' };
const FORGETFUL = { phone: '13900000722', name: '忘密码学员' };
const NEW_PASSWORD = '门前大桥下游过一群鸭';

// Many sign-ins (each an argon2 hash) on a shared two-core machine: generous time.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let server: ClusterServer | undefined;
let base = '';

test.beforeAll(async () => {
  for (const suffix of ['', '-wal', '-shm', '.pid']) rmSync(`tests/.tmp/e2e-ops.db${suffix}`, { force: true });
  await migrateDatabase(DB_URL);
  const { db, client } = await openDatabase(DB_URL);
  const passwordHash = await hashPassword(E2E_PASSWORD);
  for (const person of [LEARNER, FORGETFUL]) await insertUser(db, { phone: person.phone, displayName: person.name, branchId: null, passwordHash, roles: ['learner'], volunteer: false, privacyAcceptedAt: Date.now() });
  const admin = await insertUser(db, { phone: ADMIN.phone, displayName: ADMIN.name, branchId: null, passwordHash, roles: ['learner', 'admin'], volunteer: false, privacyAcceptedAt: Date.now() });
  await installTotp(db, admin, decodeBase32(E2E_TOTP_KEY), 0, Date.now());
  client.close();

  server = await startClusterServer({
    NODE_ENV: 'production',
    SITE_URL: 'http://127.0.0.1:4425',
    WORKERS: '2',
    DATABASE_URL: DB_URL,
    XG_SECRET_KEY: E2E_SECRET_KEY,
    // As behind nginx on the same machine.
    TRUSTED_PROXY: '127.0.0.1',
    // Every page counts as slow here, so 运行情况 has slow requests to list.
    SLOW_REQUEST_MS: '50',
  });
  base = server.base;
});

test.afterAll(() => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
});

async function signIn(page: Page, phone: string, password: string, next: string): Promise<void> {
  await page.goto(`${base}/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The admin signs in with the password and the authenticator's code; returns the code typed. */
let lastCode = '';
async function signInAdmin(page: Page, next: string): Promise<string> {
  await signIn(page, ADMIN.phone, E2E_PASSWORD, next);
  await page.waitForURL((url) => url.pathname === '/login/two-factor/');
  // A code is accepted once: when the previous test signed in within the same 30 s, wait for the next.
  let code = authenticatorCode();
  if (code === lastCode) {
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
    code = authenticatorCode();
  }
  lastCode = code;
  await page.getByLabel('验证码（6位数字）').fill(code);
  await page.getByRole('button', { name: '确认登录' }).click();
  await page.waitForURL((url) => url.pathname === next);
  return code;
}

const logLines = (): Array<Record<string, unknown>> => server?.logLines() ?? [];
const output = (): string => server?.output() ?? '';

test('a whole visit with passwords, a two-step code and a reset code leaves none of them, nor a session token, in the log', async ({ browser }) => {
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  const totpCode = await signInAdmin(adminPage, '/admin/reset-codes/');
  await adminPage.getByLabel('学员的手机号').fill(FORGETFUL.phone);
  await adminPage.getByRole('button', { name: '生成重置码' }).click();
  const resetCode = ((await adminPage.locator('.code').textContent()) ?? '').trim();
  expect(resetCode).toMatch(/^\w{4}-\w{4}-\w{2}$/);

  const learner = await browser.newContext();
  const learnerPage = await learner.newPage();
  await signIn(learnerPage, LEARNER.phone, E2E_PASSWORD, '/me/');
  await learnerPage.waitForURL((url) => url.pathname === '/me/');
  await learnerPage.goto(`${base}/courses/party-spirit/constitution-and-oath/`);

  const forgetful = await browser.newContext();
  const phone = await forgetful.newPage();
  await phone.goto(`${base}/reset/`);
  await phone.getByLabel('手机号').fill(FORGETFUL.phone);
  await phone.getByLabel('重置码或首次登录码').fill(resetCode);
  await phone.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: '设置新密码' }).click();
  await expect(phone.getByText('新密码已设置好')).toBeVisible();
  // A wrong password too: what a person mistypes is no less secret.
  await signIn(phone, FORGETFUL.phone, `${NEW_PASSWORD}错`, '/me/');
  await expect(phone.getByRole('alert')).toBeVisible();
  await signIn(phone, FORGETFUL.phone, NEW_PASSWORD, '/me/');
  await expect(phone).toHaveURL(/\/account\/notices\//);

  const tokens = [...(await admin.cookies()), ...(await learner.cookies()), ...(await forgetful.cookies())].filter((cookie) => /session/i.test(cookie.name)).map((cookie) => cookie.value);
  expect(tokens.length).toBeGreaterThanOrEqual(3);
  for (const context of [admin, learner, forgetful]) await context.close();

  // The log is written asynchronously: wait for the last sign-in's line.
  await expect.poll(() => logLines().filter((line) => line['msg'] === 'request').length, { timeout: 10_000 }).toBeGreaterThan(10);
  await new Promise((done) => setTimeout(done, 1000));
  const secrets = [E2E_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}错`, totpCode, resetCode, resetCode.replace(/-/g, ''), E2E_SECRET_KEY, E2E_TOTP_KEY, '$argon2', ...tokens];
  for (const secret of secrets) expect(output().includes(secret), `the log holds a secret (${secret.slice(0, 3)}…)`).toBe(false);

  // What it does hold: one line per request, with its id, route, status, duration and person.
  const requests = logLines().filter((line) => line['msg'] === 'request');
  for (const line of requests) expect(line).toMatchObject({ level: 'info', reqId: expect.stringMatching(/^\w{4}-\w{4}$/), status: expect.any(Number), ms: expect.any(Number), route: expect.stringMatching(/^\//) });
  expect(requests.some((line) => line['route'] === '/courses/[course]/[lesson]' || String(line['route']).startsWith('/courses/'))).toBe(true);
  expect(requests.some((line) => line['route'] === '/me' && typeof line['person'] === 'number')).toBe(true);
});

test('a failed page shows its 错误编号, the same as in the header, and 管理 › 运行情况 lists it', async ({ browser }) => {
  // A broken database table stands in for a bug: the catalog cannot be read.
  const { client } = await openDatabase(DB_URL);
  await client.execute('ALTER TABLE studio_courses RENAME TO studio_courses_hidden');
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  let response;
  try {
    response = await page.goto(`${base}/courses/`);
  } finally {
    await client.execute('ALTER TABLE studio_courses_hidden RENAME TO studio_courses');
    client.close();
  }
  expect(response?.status()).toBe(500);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网站暂时出了点问题');
  const id = (await response?.headerValue('x-request-id')) ?? '';
  expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.locator('[data-request-id]')).toHaveText(id);
  await expect(page.getByText('请念出这个错误编号')).toBeVisible();
  await visitor.close();
  // The log line of that request says what failed, by its id.
  await expect.poll(() => logLines().find((line) => line['reqId'] === id && line['msg'] === 'request failed'), { timeout: 10_000 }).toMatchObject({ level: 'error', status: 500, route: '/courses' });

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAdmin(adminPage, '/admin/ops/');
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('运行情况');
  await expect(adminPage.locator('[data-health]')).toHaveText('网站运行正常。');
  const errors = adminPage.locator('[data-ops-errors]');
  await expect(errors).toContainText(id);
  await expect(errors.locator('tr', { hasText: id })).toContainText('studio_courses');
  await expect(adminPage.locator('[data-ops-slow]')).toContainText('GET /');
  // Today's counts: the people who signed in during this run.
  await expect(adminPage.locator('[data-today]')).toContainText(/来过的人 [1-9]\d* 位/);
  // The link in the admin menu.
  await expect(adminPage.getByRole('navigation', { name: '管理' }).getByRole('link', { name: '运行情况' })).toHaveAttribute('aria-current', 'page');
  await expectAccessibleEverywhere(adminPage, admin, base, `${base}/admin/ops/`);
  await admin.close();
});

test('behind our https proxy, a form a browser posts from the https address is accepted, not refused as cross-site', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: base });
  // What nginx sends for https://xuetang.example.cn/login/: the Host, the protocol, the address.
  const post = (headers: Record<string, string>) =>
    request.post('/login/?_action=auth.login', {
      form: { phone: LEARNER.phone, password: '不是这个密码' },
      headers: { origin: 'https://xuetang.example.cn', host: 'xuetang.example.cn', 'x-forwarded-for': '203.0.113.9', ...headers },
      maxRedirects: 0,
    });
  const proxied = await post({ 'x-forwarded-proto': 'https' });
  expect(proxied.status()).toBe(200);
  expect(await proxied.text()).toContain('手机号或密码不正确');
  // Without the proxy's word that it was https, the page's address is http:// and the post is refused.
  expect((await post({})).status()).toBe(403);
  await request.dispose();
});

test('SIGTERM stops the real server: every worker and the primary say "stopped", exit 0 within 10 s', async () => {
  const started = Date.now();
  server?.child.kill('SIGTERM');
  expect((await server?.exited)?.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  const stopped = logLines().filter((line) => line['msg'] === 'stopped');
  expect(new Set(stopped.map((line) => line['pid'])).size).toBe(3);
});
