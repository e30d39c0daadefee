import { expect, test, type Page } from './fixtures';
import { axeViolations } from './axe';
import { authenticatorCode, E2E_PASSWORD, E2E_USERS, signInAs } from './accounts';


async function passwordStep(page: Page, phone: string, next = '/me/'): Promise<void> {
  await page.goto(`/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Reads the typed-in key off the set-up page, as someone without a camera would. */
async function setUpAuthenticator(page: Page): Promise<{ key: string; codes: string[] }> {
  const key = ((await page.locator('.key code').textContent()) ?? '').replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: /二维码/ })).toBeVisible();
  await page.getByLabel('验证码（6位数字）').fill('000000');
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByRole('alert').first()).toContainText('验证码不对');
  // A wrong code keeps the same key: the app already set up still works.
  expect(((await page.locator('.key code').textContent()) ?? '').replace(/\s/g, '')).toBe(key);
  await page.getByLabel('验证码（6位数字）').fill(authenticatorCode(key));
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByRole('status').filter({ hasText: '两步验证已开启' })).toBeVisible();
  const codes = (await page.locator('.code-list code').allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(8);
  for (const code of codes) expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
  return { key, codes };
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

test('a learner turns on two-step sign-in, then signs in with the code or a recovery code', async ({ page, browser, baseURL, context }) => {
  const learner = E2E_USERS['twoStep']?.phone ?? '';
  await signInAs(page, learner, '/account/');
  await page.getByRole('link', { name: '开启两步验证' }).click();
  const { key, codes } = await setUpAuthenticator(page);
  await context.addCookies([
    { name: 'xg-size', value: '30', url: baseURL ?? '' },
    { name: 'xg-contrast', value: 'high', url: baseURL ?? '' },
  ]);
  await page.goto('/account/two-factor/');
  await expect(page.getByRole('main').getByRole('status')).toContainText('还有 8 个恢复码');
  await expectNoAxeViolations(page);

  // Another phone: the password alone is not enough.
  const other = await browser.newContext({ baseURL: baseURL ?? '' });
  const phone = await other.newPage();
  await passwordStep(phone, learner, '/me/');
  await expect(phone).toHaveURL(/\/login\/two-factor\//);
  expect((await phone.request.get('/me/', { maxRedirects: 0 })).status()).toBe(302);
  await expectNoAxeViolations(phone);
  await phone.getByLabel('恢复码（12位数字）').fill(codes[0] ?? '');
  await phone.getByRole('button', { name: '用恢复码登录' }).click();
  await expect(phone).toHaveURL(/\/account\/two-factor\/\?recovered=7/);
  await expect(phone.getByRole('main').getByRole('status').first()).toContainText('还剩 7 个恢复码');
  await other.close();

  // A third: the same recovery code is refused, the authenticator's next code works.
  const third = await browser.newContext({ baseURL: baseURL ?? '' });
  const tablet = await third.newPage();
  await passwordStep(tablet, learner, '/me/');
  await tablet.getByLabel('恢复码（12位数字）').fill(codes[0] ?? '');
  await tablet.getByRole('button', { name: '用恢复码登录' }).click();
  await expect(tablet.getByRole('alert')).toContainText('恢复码不对，或已经用过了');
  await tablet.getByLabel('验证码（6位数字）').fill(authenticatorCode(key, 1));
  await tablet.getByRole('button', { name: '确认登录' }).click();
  await expect(tablet).toHaveURL(/\/me\/$/);
  await third.close();
});

test('an admin must turn on two-step sign-in before any admin page or action', async ({ page, baseURL }) => {
  await passwordStep(page, E2E_USERS['newAdmin']?.phone ?? '', '/admin/');
  await expect(page).toHaveURL(/\/account\/two-factor\/\?required=1&next=%2Fadmin%2F/);
  await expect(page.getByRole('alert')).toContainText('管理员必须开启两步验证');
  await page.goto('/admin/users/');
  await expect(page).toHaveURL(/\/account\/two-factor\/\?required=1/);
  const action = await page.request.post('/_actions/admin.createBranch', { form: { name: '不该出现的支部' }, headers: { origin: baseURL ?? '' } });
  expect(action.status()).toBe(403);
  expect(await action.text()).toContain('两步验证');

  await page.goto('/account/two-factor/?required=1&next=%2Fadmin%2F');
  await setUpAuthenticator(page);
  await expect(page.getByText('管理员账号必须使用两步验证')).toHaveCount(0);
  await page.getByRole('link', { name: '我已抄好，继续' }).click();
  await expect(page).toHaveURL(/\/admin\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/account/two-factor/');
  await expect(page.getByText('管理员账号必须使用两步验证，不能关闭。')).toBeVisible();
});

test('an admin resets two-step sign-in for someone who lost their phone', async ({ page, browser, baseURL }) => {
  const lost = E2E_USERS['lostPhone'];
  await signInAs(page, E2E_USERS['adminHelper']?.phone ?? '', '/admin/users/');
  await page.goto(`/admin/users/?q=${lost?.phone ?? ''}`);
  await page.getByRole('button', { name: `重置${lost?.name ?? ''}的两步验证` }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('已重置');
  await expect(page.getByRole('button', { name: `重置${lost?.name ?? ''}的两步验证` })).toHaveCount(0);

  const visitor = await browser.newContext({ baseURL: baseURL ?? '' });
  const phone = await visitor.newPage();
  await passwordStep(phone, lost?.phone ?? '', '/me/');
  // The password is enough again; the first page says who reset the two-step sign-in, and when.
  await expect(phone).toHaveURL(/\/account\/notices\/\?next=%2Fme%2F$/);
  await expect(phone.getByRole('main')).toContainText(`${E2E_USERS['adminHelper']?.name ?? ''}在`);
  await expect(phone.getByRole('main')).toContainText('重置了您的两步验证');
  await phone.getByRole('link', { name: '知道了，继续' }).click();
  await expect(phone).toHaveURL(/\/me\/$/);
  await visitor.close();
});
