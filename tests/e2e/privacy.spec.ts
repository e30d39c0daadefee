import { expect, test } from './fixtures';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { expectAccessibleEverywhere } from './axe';
import { E2E_PASSWORD, E2E_USERS } from './accounts';
import { withDb } from './contest-fixtures';

test('every page links to the 个人信息保护说明, which passes axe in every look', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  for (const path of ['/', '/courses/', '/login/']) {
    await page.goto(path);
    await expect(page.locator('footer').getByRole('link', { name: '个人信息保护说明' })).toHaveAttribute('href', '/privacy/');
  }
  await page.locator('footer').getByRole('link', { name: '个人信息保护说明' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个人信息保护说明');
  for (const heading of ['我们保存哪些信息，为什么保存', '保存多久', '谁能看到', '怎样拿到一份副本、怎样注销']) {
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/privacy/');
});

test('someone created by an import acknowledges the notice at the first sign-in, once', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const person = E2E_USERS['imported'];
  if (!person) throw new Error('missing test account');
  await page.goto('/login/?next=/me/');
  await page.getByLabel('手机号').fill(person.phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/privacy\/accept\/\?next=%2Fme%2F$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请先阅读个人信息保护说明');
  // Any other page waits until it is acknowledged.
  await page.goto('/courses/');
  await expect(page).toHaveURL(/\/privacy\/accept\//);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/privacy/accept/?next=%2Fme%2F');
  const before = Date.now();
  await page.getByRole('button', { name: '我已阅读并同意，开始使用' }).click();
  await expect(page).toHaveURL(/\/me\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(person.name);
  const stored = await withDb(async (db) => (await db.select({ at: users.privacyAcceptedAt }).from(users).where(eq(users.phone, person.phone)))[0]?.at);
  expect(stored).toBeGreaterThanOrEqual(before - 60_000);
  await page.goto('/courses/');
  await expect(page).toHaveURL(/\/courses\/$/);
});
