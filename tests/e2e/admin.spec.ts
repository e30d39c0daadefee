import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { E2E_PASSWORD, E2E_USERS, signInAs } from './accounts';

/** Each test signs in as its own admin: an authenticator code is accepted only once. */
const admin = (who = 'admin'): string => E2E_USERS[who]?.phone ?? '';

test('bulk import: a preview lists every bad row, nothing is imported until confirmed, then codes work', async ({ page, browser, baseURL }) => {
  await signInAs(page, admin(), '/admin/branches/');
  await page.getByLabel('新党支部的名称').fill('测试第三党支部');
  await page.getByRole('button', { name: '添加党支部' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('已添加');

  const csv = [
    '姓名,手机号,党支部,角色',
    '导入甲,13500000001,测试第三党支部,学员',
    '导入乙,1350000,测试第三党支部,',
    '导入丙,13500000001,测试第三党支部,',
    '导入丁,13500000004,不存在的支部,',
    `导入戊,${E2E_USERS['signIn']?.phone ?? ''},测试第三党支部,`,
    '导入己,13500000006,测试第三党支部,学员、讲师',
  ].join('\r\n');
  await page.goto('/admin/import/');
  await page.getByLabel(/选择名单文件/).setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '上传并检查' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 2 人；有问题的 4 行不会导入');
  const problems = page.locator('table tbody tr');
  await expect(problems).toHaveCount(4);
  await expect(problems.filter({ hasText: '导入乙' })).toContainText('11位');
  await expect(problems.filter({ hasText: '导入甲' })).toContainText('重复');
  await expect(problems.filter({ hasText: '导入戊' })).toContainText('已经注册');
  // A 党支部 that does not exist yet is offered for creation, not refused; left unticked, its row waits.
  await expect(page.getByRole('group', { name: '这些党支部还没有，要新建吗？' })).toContainText('新建“不存在的支部”（1 人）');
  // A staff role in the sheet is not granted: the row becomes a learner, and the page says so.
  await expect(page.getByText('第7行的“角色”一栏')).toContainText('只建立学员账号');

  // Nothing imported yet: the valid person cannot use /reset/ with any code.
  const check = await page.request.get('/admin/users/?q=导入己');
  expect(await check.text()).not.toContain('13500000006');

  await page.getByRole('button', { name: '确认导入这 2 人' }).click();
  await expect(page.getByRole('heading', { name: '导入完成：1 人' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('导入丁：没有勾选新建党支部“不存在的支部”');
  const code = ((await page.locator('td.code').first().textContent()) ?? '').trim();
  expect(code).toMatch(/^[ACDEFHKMNPRTWXY34679]{4}-[ACDEFHKMNPRTWXY34679]{4}-[ACDEFHKMNPRTWXY34679]{2}$/);

  const learner = await browser.newContext({ baseURL: baseURL ?? '' });
  const phone = await learner.newPage();
  await phone.goto('/reset/');
  await phone.getByLabel('手机号').fill('13500000006');
  // Typed as people do: lower case, spaces instead of dashes.
  await phone.getByLabel('重置码或首次登录码').fill(code.toLowerCase().replace(/-/g, ' '));
  await phone.getByLabel('新密码', { exact: true }).fill(E2E_PASSWORD);
  await phone.getByRole('button', { name: '设置新密码' }).click();
  await expect(phone.getByText('新密码已设置好')).toBeVisible();
  // The imported person is a learner only: staff pages stay closed.
  await phone.getByLabel('手机号').fill('13500000006');
  await phone.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await phone.getByRole('button', { name: '登录' }).click();
  // Created by an import: the 个人信息保护说明 comes first, once.
  await expect(phone).toHaveURL(/\/privacy\/accept\//);
  await phone.getByRole('button', { name: '我已阅读并同意，开始使用' }).click();
  // Then who issued the code, and when (every code is shown to its owner at the next sign-in).
  await expect(phone).toHaveURL(/\/account\/notices\//);
  await expect(phone.getByRole('main')).toContainText('首次登录码');
  await phone.getByRole('link', { name: '知道了，继续' }).click();
  await expect(phone).toHaveURL(/\/me\/$/);
  expect((await phone.goto('/admin/reset-codes/'))?.status()).toBe(403);
  await learner.close();
});

test('an oversized or wrong file is refused with a clear message', async ({ page }) => {
  await signInAs(page, admin('adminImport'), '/admin/import/');
  await page.getByLabel(/选择名单文件/).setInputFiles({ name: '名单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await page.getByRole('button', { name: '上传并检查' }).click();
  await expect(page.getByRole('alert')).toContainText('只能导入 .xlsx 或 .csv 文件');
  await page.getByLabel(/选择名单文件/).setInputFiles({ name: '名单.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a spreadsheet') });
  await page.getByRole('button', { name: '上传并检查' }).click();
  await expect(page.getByRole('alert')).toContainText('xlsx');
});

test('admins manage roles and can disable an account, but not lock themselves out', async ({ page }) => {
  await signInAs(page, admin('adminUsers'), '/admin/users/');
  const target = E2E_USERS['disableMe'];
  await page.getByLabel('按姓名或手机号查找').fill(target?.phone ?? '');
  await page.getByRole('search', { name: '查找人员' }).getByRole('button', { name: '查找' }).click();
  const card = page.locator('li.panel').filter({ hasText: target?.name ?? '' });
  await card.getByLabel('讲师').check();
  await card.getByLabel(/停用这个账号/).check();
  await card.getByRole('button', { name: /^保存/ }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('已保存');
  // The page after the post starts at the notice, focused (focus after a post).
  await expect(page.getByRole('main').getByRole('status')).toBeFocused();
  await expect(page.locator('li.panel').filter({ hasText: target?.name ?? '' })).toContainText('已停用');
  // Both ticked roles were kept, not only the first.
  await page.reload();
  const saved = page.locator('li.panel').filter({ hasText: target?.name ?? '' });
  await expect(saved.getByLabel('讲师')).toBeChecked();
  await expect(saved.getByLabel('学员', { exact: true })).toBeChecked();

  await page.goto(`/admin/users/?q=${admin('adminUsers')}`);
  const self = page.locator('li.panel').first();
  await self.getByLabel('管理员').uncheck();
  await self.getByRole('button', { name: /^保存/ }).click();
  await expect(page.getByRole('alert')).toContainText('不能取消自己的管理员角色');
});

test('invitation codes can be made and used', async ({ page, browser, baseURL }) => {
  await signInAs(page, admin('adminInvites'), '/admin/invitations/');
  await page.getByLabel('可以使用的人数').fill('0');
  await page.getByRole('button', { name: '生成邀请码' }).click();
  await expect(page.getByRole('alert')).toContainText('至少1人');
  await page.getByLabel('可以使用的人数').fill('2');
  await page.getByRole('button', { name: '生成邀请码' }).click();
  const message = (await page.getByRole('main').getByRole('status').textContent()) ?? '';
  const code = /新的邀请码：([A-Z2-7]{8})/.exec(message)?.[1] ?? '';
  expect(code).not.toBe('');
  const visitor = await browser.newContext({ baseURL: baseURL ?? '' });
  const reg = await visitor.newPage();
  await reg.goto(`/register/?code=${code}`);
  await reg.getByLabel('姓名').fill('邀请来的');
  await reg.getByLabel('手机号').fill('13400000001');
  await reg.getByLabel('设置密码', { exact: true }).fill(E2E_PASSWORD);
  await reg.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await reg.getByRole('button', { name: '注册', exact: true }).click();
  await reg.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await reg.getByRole('button', { name: '登录' }).click();
  await expect(reg).toHaveURL(/welcome=1/);
  await visitor.close();
});

test('admin pages pass axe in every text size and in high contrast', async ({ page, context, baseURL }) => {
  // Eighteen full axe scans (six pages, three looks) in one signed-in session: about a minute.
  test.setTimeout(180_000);
  await signInAs(page, admin('adminA11y'), '/admin/');
  for (const path of ['/admin/', '/admin/users/', '/admin/branches/', '/admin/invitations/', '/admin/import/', '/admin/reset-codes/']) {
    for (const [size, contrast] of [['20', 'normal'], ['30', 'normal'], ['24', 'high']] as const) {
      await context.addCookies([
        { name: 'xg-size', value: size, url: baseURL ?? '' },
        { name: 'xg-contrast', value: contrast, url: baseURL ?? '' },
      ]);
      await page.goto(path);
      expect((await axeViolations(page)).map((violation) => `${path} ${size}/${contrast} ${violation}`)).toEqual([]);
    }
  }
});
