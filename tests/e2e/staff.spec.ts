import type { Cookie } from '@playwright/test';
import { expect, test } from './fixtures';
import { eq, inArray } from 'drizzle-orm';
import { branches, users } from '../../db/schema';
import { expectAccessibleEverywhere } from './axe';
import { authenticatorCode, E2E_PASSWORD, E2E_USERS, signInAs } from './accounts';
import { withDb } from './contest-fixtures';

const user = (key: string): { phone: string; name: string } => {
  const found = E2E_USERS[key];
  if (!found) throw new Error(`missing test account ${key}`);
  return found;
};

test('a signed-in person changes their password: the current one is needed, other devices are signed out', async ({ page, browser, baseURL, context }) => {
  test.setTimeout(240_000);
  const person = user('passwordChanger');
  const other = await browser.newContext({ baseURL: baseURL ?? '' });
  const tablet = await other.newPage();
  await signInAs(tablet, person.phone);
  await signInAs(page, person.phone, '/account/');
  await page.getByRole('link', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/account\/password\/$/);

  await page.getByLabel('现在的密码').fill('不是我的密码啊');
  await page.getByLabel('新密码', { exact: true }).fill('换一句新的好记的话');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('alert')).toContainText('现在的密码不对');
  await page.getByLabel('现在的密码').fill(E2E_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill('换一句新的好记的话');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('密码已修改');
  // This device stays signed in; the tablet is signed out.
  await page.goto('/me/');
  await expect(page).toHaveURL(/\/me\/$/);
  await tablet.goto('/me/');
  await expect(tablet).toHaveURL(/\/login\//);
  await other.close();
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/account/password/');
});

test('a 支部联络员 issues invitation and reset codes for their own branch and sees its progress', async ({ page, context, baseURL }) => {
  test.setTimeout(300_000);
  const liaison = user('liaison');
  const member = user('liaisonMember');
  const outsider = user('otherBranchMember');
  await withDb(async (db) => {
    const [mine, theirs] = await db.insert(branches).values([{ name: '联络测试一支部', createdAt: Date.now() }, { name: '联络测试二支部', createdAt: Date.now() }]).returning({ id: branches.id });
    await db.update(users).set({ branchId: mine?.id ?? null }).where(inArray(users.phone, [liaison.phone, member.phone]));
    await db.update(users).set({ branchId: theirs?.id ?? null }).where(eq(users.phone, outsider.phone));
  });
  await signInAs(page, liaison.phone, '/me/');
  await page.getByRole('main').getByRole('link', { name: '支部联络员', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('支部联络员');
  await page.getByLabel('可以使用的人数').fill('5');
  await page.getByRole('button', { name: '生成邀请码' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(/新的邀请码：[A-Z2-7]{8}/);
  await expect(page.locator('table')).toContainText('0 / 5');

  await page.getByRole('link', { name: '本支部学习情况' }).click();
  await expect(page.locator('table')).toContainText(member.name);
  await expect(page.locator('table')).not.toContainText(outsider.name);
  await expect(page.locator('table')).toContainText(`${member.phone.slice(0, 3)}****${member.phone.slice(7)}`);
  expect(await page.content()).not.toContain(member.phone);

  await page.goto('/admin/reset-codes/');
  await page.getByLabel('学员的手机号').fill(outsider.phone);
  await page.getByRole('button', { name: '生成重置码' }).click();
  await expect(page.getByRole('alert').first()).toContainText('只能为本支部的学员发重置码');
  await page.getByLabel('学员的手机号').fill(member.phone);
  await page.getByRole('button', { name: '生成重置码' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`已为 ${member.name} 生成重置码`);

  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/liaison/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/liaison/progress/');
});

test('the second sign-in step issues a new session token', async ({ page, context }) => {
  const person = user('rotator');
  await page.goto('/login/?next=/me/');
  await page.getByLabel('手机号').fill(person.phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login/two-factor/');
  const cookie = async (): Promise<Cookie | undefined> => (await context.cookies()).find((found) => found.name.endsWith('xg_session'));
  const session = async (): Promise<string> => (await cookie())?.value ?? '';
  const before = await cookie();
  const halfway = await session();
  expect(halfway).not.toBe('');
  await page.getByLabel('验证码（6位数字）').fill(authenticatorCode());
  await page.getByRole('button', { name: '确认登录' }).click();
  await page.waitForURL((url) => url.pathname === '/me/');
  const signedIn = await session();
  expect(signedIn).not.toBe(halfway);
  // The token from before the code is worthless now.
  const stolen = await context.browser()?.newContext({ baseURL: new URL(page.url()).origin });
  if (!stolen) throw new Error('no browser');
  // The same cookie as it was (name, path and Secure as the server set them: __Host- in production).
  if (!before) throw new Error('no session cookie');
  await stolen.addCookies([{ ...before, value: halfway }]);
  const thief = await stolen.newPage();
  await thief.goto('/me/');
  await expect(thief).toHaveURL(/\/login\//);
  await stolen.close();
});

test('an admin reads the security events, newest first, in plain Chinese', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const admin = user('auditAdmin');
  await signInAs(page, admin.phone, '/admin/invitations/');
  await page.getByLabel('可以使用的人数').fill('3');
  await page.getByRole('button', { name: '生成邀请码' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('新的邀请码');
  await page.getByRole('link', { name: '安全记录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('安全记录');
  await expect(page.locator('tbody tr').first()).toContainText(`${admin.name}生成了邀请码（不指定支部，可用 3 人）`);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/admin/audit/');
});
