import { type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { E2E_USERS, signInAs } from './accounts';
import { ACTION_ACCESS, actionAccess, routeRule } from '../../src/lib/access-map';
import { verdict, type Access, type Caller } from '../../src/lib/permissions';

/**
 * Everything here is read from the code itself: every action defined in src/actions and every page
 * and endpoint file under src/pages, with the rule the one permission map gives it. A new action or
 * route without a rule fails the first test; every rule is then tried signed out and as a learner.
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/** 'auth.login', … : each `name: guardedAction(` / `guardedJsonOrFormAction(` / `formAction(` / `defineAction(` in src/actions/<domain>.ts. */
function definedActions(): string[] {
  const index = readFileSync('src/actions/index.ts', 'utf8');
  return [...index.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)'/g)].flatMap(([, domain, file]) => {
    const source = readFileSync(`src/actions/${file}.ts`, 'utf8');
    return [...source.matchAll(/^ {2}(\w+): (?:guardedAction|guardedJsonOrFormAction|formAction|defineAction)\(/gm)].map(([, name]) => `${domain}.${name}`);
  });
}

interface Route {
  /** Astro's route pattern ('/organiser/banks/[id]'). */
  pattern: string;
  /** A concrete address for it: the rule is checked before anything is looked up, so any id will do. */
  path: string;
  endpoint: boolean;
  methods: Array<'GET' | 'POST'>;
}

function definedRoutes(): Route[] {
  return sourceFiles('src/pages').map((file) => {
    const name = relative('src/pages', file);
    const segments = name.replace(/\.(astro|ts)$/, '').split('/');
    if (segments.at(-1) === 'index') segments.pop();
    const pattern = `/${segments.join('/')}`;
    const concrete = pattern.replace(/\[course\]/g, 'red-spirit').replace(/\[[a-z]+\]/g, '1');
    const endpoint = name.endsWith('.ts');
    const source = readFileSync(file, 'utf8');
    const methods = endpoint ? (['GET', 'POST'] as const).filter((method) => source.includes(`export const ${method}`)) : (['GET'] as const);
    return { pattern, path: endpoint || concrete === '/' ? concrete : `${concrete}/`, endpoint, methods: [...methods] };
  });
}

const ACTIONS = definedActions();
const ROUTES = definedRoutes();
const ruleOf = (route: Route): Access => routeRule(route.pattern)?.access ?? 'public';

test('every action and every route in the code has a rule in the permission map', () => {
  expect(ACTIONS.length).toBeGreaterThan(20);
  expect(ROUTES.length).toBeGreaterThan(40);
  for (const name of ACTIONS) expect(actionAccess(name), `action ${name} has no rule`).toBeDefined();
  expect(Object.keys(ACTION_ACCESS).sort()).toEqual([...ACTIONS].sort());
  for (const route of ROUTES) {
    expect(routeRule(route.pattern), `route ${route.pattern} has no rule`).toBeDefined();
    expect(routeRule(route.pattern)?.endpoint, route.pattern).toBe(route.endpoint);
  }
});

const signedOut: Caller = { user: null, withheldRoles: [], secondStep: false };
const learner: Caller = { user: { id: 0, roles: ['learner'], branchId: null }, withheldRoles: [], secondStep: false };

async function callRoute(request: APIRequestContext, route: Route, method: 'GET' | 'POST', origin: string): Promise<{ status: number; location: string | undefined }> {
  const response =
    method === 'GET'
      ? await request.get(route.path, { maxRedirects: 0 })
      : await request.post(route.path, { form: {}, headers: { origin, accept: 'application/json' }, maxRedirects: 0 });
  return { status: response.status(), location: response.headers()['location'] };
}

/** What each outcome looks like: pages redirect or show the 403 page; scripts get 401 or 403. */
function expectRefusal(what: string, outcome: ReturnType<typeof verdict>, answer: { status: number; location: string | undefined }, page: string | null): void {
  if (outcome === 'sign-in' && page !== null) {
    expect(answer.status, what).toBe(302);
    expect(answer.location, what).toBe(`/login/?next=${encodeURIComponent(page)}`);
  } else expect(answer.status, what).toBe(outcome === 'sign-in' ? 401 : 403);
}

test('signed out: every rule other than public sends pages to sign in and answers scripts 401', async ({ request, baseURL }) => {
  const origin = baseURL ?? '';
  for (const route of ROUTES) {
    const outcome = verdict(signedOut, ruleOf(route));
    if (outcome === 'allow') continue;
    for (const method of route.methods) expectRefusal(`${method} ${route.path}`, outcome, await callRoute(request, route, method, origin), route.endpoint ? null : route.path);
  }
  for (const name of ACTIONS) {
    const outcome = verdict(signedOut, ACTION_ACCESS[name] ?? 'public');
    if (outcome === 'allow') continue;
    const response = await request.post(`/_actions/${name}`, { form: {}, headers: { origin } });
    expect(response.status(), name).toBe(401);
  }
  // A plain form posted while signed out leads to the sign-in page, not to a JSON message.
  const form = await request.post('/practice/daily/?_action=practice.answer', {
    form: { versionId: '1', type: 'single', option: '0' },
    headers: { origin },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(303);
  expect(form.headers()['location']).toBe(`/login/?next=${encodeURIComponent('/practice/daily/')}`);
  // So does the 我学完了 button without JavaScript, back to the lesson it was pressed on.
  const lesson = '/courses/red-spirit/red-boat-spirit/';
  const done = await request.post('/api/progress/', {
    form: { event: 'complete', lesson: 'red-spirit/red-boat-spirit', back: lesson },
    headers: { origin, accept: 'text/html', referer: `${origin}${lesson}` },
    maxRedirects: 0,
  });
  expect(done.status()).toBe(303);
  expect(done.headers()['location']).toBe(`/login/?next=${encodeURIComponent(lesson)}`);
});

test('an action or route without a rule is refused for everyone', async ({ request, baseURL }) => {
  const response = await request.post('/_actions/admin.dropEverything', { form: {}, headers: { origin: baseURL ?? '' } });
  expect(response.status()).toBe(403);
});

test('a learner is refused every staff page, endpoint and action, and reaches their own', async ({ page, baseURL }) => {
  const origin = baseURL ?? '';
  await signInAs(page, E2E_USERS['signIn']?.phone ?? '');
  for (const route of ROUTES) {
    const outcome = verdict(learner, ruleOf(route));
    if (ruleOf(route) === 'public') continue;
    for (const method of route.methods) {
      if (outcome === 'allow' && method === 'POST') continue;
      const answer = await callRoute(page.request, route, method, origin);
      if (outcome === 'allow') {
        expect([401, 403], `${method} ${route.path}`).not.toContain(answer.status);
        expect(answer.location ?? '', `${method} ${route.path}`).not.toMatch(/^\/login\//);
      } else expectRefusal(`${method} ${route.path}`, outcome, answer, route.endpoint ? null : route.path);
    }
  }
  for (const name of ACTIONS) {
    const outcome = verdict(learner, ACTION_ACCESS[name] ?? 'public');
    // Actions a learner may call are left alone here (logout would end this very session).
    if (outcome === 'allow') continue;
    const response = await page.request.post(`/_actions/${name}`, { form: {}, headers: { origin } });
    expect(response.status(), name).toBe(outcome === 'sign-in' ? 401 : 403);
  }
  // A refused staff page is the Chinese 403 page.
  await page.goto('/admin/users/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有权限查看这个页面');
});

test('an instructor issues reset codes for learners only', async ({ page, baseURL }) => {
  await signInAs(page, E2E_USERS['instructor']?.phone ?? '');
  const forStaff = await page.request.post('/_actions/auth.issueResetCode', {
    form: { phone: E2E_USERS['organiser']?.phone ?? '' },
    headers: { origin: baseURL ?? '' },
  });
  expect(forStaff.status()).toBe(200);
  expect(await forStaff.text()).toContain('重置码只能由管理员发');
});

test("nobody can read or change another learner's progress or sessions", async ({ browser, baseURL }) => {
  const lesson = 'party-spirit/political-birthday';
  const owner = await browser.newContext({ baseURL: baseURL ?? '' });
  const ownerPage = await owner.newPage();
  await signInAs(ownerPage, E2E_USERS['devices']?.phone ?? '');
  await ownerPage.request.post('/api/progress/', { form: { event: 'complete', lesson }, headers: { origin: baseURL ?? '', accept: 'application/json' } });
  await ownerPage.goto('/account/');

  const intruder = await browser.newContext({ baseURL: baseURL ?? '' });
  const intruderPage = await intruder.newPage();
  await signInAs(intruderPage, E2E_USERS['a11y']?.phone ?? '');
  // Progress is always the caller's own: there is no user id to tamper with.
  const state = await intruderPage.request.get(`/api/progress/?lesson=${lesson}&user=1&userId=1`);
  expect((await state.json()) as unknown).toEqual({ state: null });
  // Signing out someone else's device by its id fails and leaves it signed in.
  const ownerSessions = await owner.cookies();
  const token = ownerSessions.find((cookie) => cookie.name === '__Host-xg_session')?.value ?? '';
  const response = await intruderPage.request.post('/_actions/auth.signOutDevice', {
    form: { sessionId: token.split('.')[0] ?? '' },
    headers: { origin: baseURL ?? '' },
  });
  expect(response.status()).toBe(404);
  const stillIn = await ownerPage.goto('/me/');
  expect(stillIn?.url()).toContain('/me/');
  await owner.close();
  await intruder.close();
});
