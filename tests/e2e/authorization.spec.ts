import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { E2E_USERS, signInAs } from './accounts';

/** Every page that needs a signed-in person, and the roles it admits (empty: any signed-in person). */
const PROTECTED_PAGES: Record<string, string[]> = {
  '/me/': [],
  '/account/': [],
  '/account/close/': [],
  '/account/two-factor/': [],
  '/account/password/': [],
  '/account/notices/': [],
  '/privacy/accept/': [],
  '/practice/': [],
  '/practice/daily/': [],
  '/practice/wrong/': [],
  '/practice/quiz/': [],
  '/admin/reset-codes/': ['admin', 'instructor', 'liaison'],
  '/admin/audit/': ['admin'],
  '/liaison/': ['liaison'],
  '/liaison/progress/': ['liaison'],
  '/studio/': ['instructor', 'admin'],
  // The route itself: the guard answers before the course is looked up, so any name will do.
  '/studio/courses/[course]/': ['instructor', 'admin'],
  '/admin/': ['admin'],
  '/admin/users/': ['admin'],
  '/admin/branches/': ['admin'],
  '/admin/invitations/': ['admin'],
  '/admin/import/': ['admin'],
  '/organiser/': ['organiser', 'admin'],
  '/organiser/banks/[id]/': ['organiser', 'admin'],
  '/organiser/banks/[id]/import/': ['organiser', 'admin'],
  '/organiser/banks/[id]/questions/[question]/': ['organiser', 'admin'],
  '/organiser/contests/': ['organiser', 'admin'],
  '/organiser/contests/new/': ['organiser', 'admin'],
  '/organiser/contests/[id]/': ['organiser', 'admin'],
  '/organiser/contests/[id]/edit/': ['organiser', 'admin'],
  '/organiser/contests/[id]/attempts/[attempt]/': ['organiser', 'admin'],
  '/contests/[id]/question/[n]/': [],
  '/contests/[id]/review/': [],
  '/contests/[id]/result/': [],
  '/contests/[id]/results/': [],
};
/** Every endpoint that needs a signed-in person, with how to call it. */
const PROTECTED_ENDPOINTS: Array<{ method: 'GET' | 'POST'; path: string; form?: Record<string, string> }> = [
  { method: 'GET', path: '/api/progress/?lesson=red-spirit/red-boat-spirit' },
  { method: 'POST', path: '/api/progress/', form: { event: 'open', lesson: 'red-spirit/red-boat-spirit' } },
  { method: 'POST', path: '/api/progress/merge', form: { items: '[]' } },
  { method: 'GET', path: '/api/me/record.csv' },
  { method: 'GET', path: '/studio/courses/[course]/export?format=csv' },
  { method: 'GET', path: '/admin/import/template.csv' },
  { method: 'GET', path: '/organiser/banks/[id]/export?format=csv' },
  { method: 'GET', path: '/organiser/template?format=csv' },
  { method: 'GET', path: '/organiser/contests/[id]/results.xlsx' },
];
const PROTECTED_ACTIONS = [
  'auth.logout',
  'auth.signOutDevice',
  'auth.closeAccount',
  'auth.issueResetCode',
  'auth.acceptPrivacy',
  'auth.changePassword',
  'liaison.createInvitation',
  'admin.updateUser',
  'admin.createBranch',
  'admin.renameBranch',
  'admin.createInvitation',
  'admin.previewImport',
  'admin.confirmImport',
  'admin.resetTwoFactor',
  'questionBank.createBank',
  'questionBank.previewImport',
  'questionBank.confirmImport',
  'questionBank.retire',
  'questionBank.saveQuestion',
  'questionBank.setPractice',
  'practice.answer',
  'contest.start',
  'contest.answer',
  'contest.submit',
  'contestSetup.save',
  'contestSetup.extraTime',
  'twoFactor.enable',
  'twoFactor.regenerateRecoveryCodes',
  'twoFactor.disable',
];
/** Actions for the second sign-in step: they need a half-finished sign-in, not a full one. */
const SECOND_STEP_ACTIONS = ['twoFactor.verify', 'twoFactor.recover', 'twoFactor.cancel'];
/** Public pages that only look at who is signed in (to greet them or skip the form). */
const PERSONALISED_PUBLIC_PAGES = ['/login/', '/login/two-factor/', '/', '/contests/', '/contests/[id]/'];

function routeOf(file: string): string {
  return `/${file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '')}/`.replace(/\/+/g, '/').replace(/\.(csv|xlsx)\/$/, '.$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

test('the lists below name every protected page and endpoint in the source', () => {
  const guarded = sourceFiles('src/pages')
    .filter((file) => /requireUser\(|requireRole\(|locals\.user/.test(readFileSync(file, 'utf8')))
    .map((file) => routeOf(relative('src/pages', file)));
  const listed = [
    ...Object.keys(PROTECTED_PAGES),
    ...PROTECTED_ENDPOINTS.map((e) => e.path.split('?')[0] ?? ''),
    ...PERSONALISED_PUBLIC_PAGES,
  ];
  const normalise = (path: string): string => path.replace(/\/$/, '');
  for (const route of guarded) expect(listed.map(normalise), `${route} is protected but not tested`).toContain(normalise(route));
  for (const name of PROTECTED_ACTIONS) {
    const [file, action] = name.split('.');
    const fileName = (file ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    expect(readFileSync(`src/actions/${fileName}.ts`, 'utf8')).toContain(`${action}: defineAction`);
  }
});

test('signed out: pages send you to sign in, endpoints and actions answer 401', async ({ request, baseURL }) => {
  for (const path of Object.keys(PROTECTED_PAGES)) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers()['location'], path).toBe(`/login/?next=${encodeURIComponent(path)}`);
  }
  for (const endpoint of PROTECTED_ENDPOINTS) {
    const response =
      endpoint.method === 'GET'
        ? await request.get(endpoint.path)
        : await request.post(endpoint.path, { form: endpoint.form ?? {}, headers: { origin: baseURL ?? '', accept: 'application/json' } });
    expect(response.status(), endpoint.path).toBe(401);
  }
  for (const action of PROTECTED_ACTIONS) {
    const response = await request.post(`/_actions/${action}`, {
      form: { scope: 'this', sessionId: 'a'.repeat(32), password: 'x', phone: '13900000011' },
      headers: { origin: baseURL ?? '' },
    });
    expect(response.status(), action).toBe(401);
  }
  // A plain form posted while signed out leads to the sign-in page, not to a JSON message.
  const form = await request.post('/practice/daily/?_action=practice.answer', {
    form: { versionId: '1', type: 'single', option: '0' },
    headers: { origin: baseURL ?? '' },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(303);
  expect(form.headers()['location']).toBe(`/login/?next=${encodeURIComponent('/practice/daily/')}`);
  for (const action of SECOND_STEP_ACTIONS) {
    const response = await request.post(`/_actions/${action}`, {
      form: { code: '123456', recoveryCode: '123456789012' },
      headers: { origin: baseURL ?? '' },
    });
    expect(response.status(), action).toBe(401);
  }
});

test('a learner gets 403 from staff pages and actions', async ({ page, baseURL }) => {
  await signInAs(page, E2E_USERS['signIn']?.phone ?? '');
  for (const [path, roles] of Object.entries(PROTECTED_PAGES)) {
    if (roles.length === 0) continue;
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  const action = await page.request.post('/_actions/auth.issueResetCode', {
    form: { phone: E2E_USERS['progress']?.phone ?? '' },
    headers: { origin: baseURL ?? '' },
  });
  expect(action.status()).toBe(403);
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
  const token = ownerSessions.find((cookie) => cookie.name === 'xg_session')?.value ?? '';
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
