import { expect, test } from './fixtures';
import { E2E_INVITATION, E2E_PASSWORD, E2E_USERS, signInAs } from './accounts';

test.use({ viewport: { width: 320, height: 700 } });

test('registering with an invitation code on a phone', async ({ page }) => {
  await page.goto('/register/');
  await page.getByLabel('邀请码').fill(E2E_INVITATION.toLowerCase());
  await page.getByLabel('姓名').fill('新学员');
  await page.getByLabel('手机号').fill('137 0000 1234');
  await page.getByLabel('设置密码', { exact: true }).fill('12345678');
  await page.getByRole('button', { name: '注册', exact: true }).click();
  // A common password is refused next to the field and in the summary; what was typed stays.
  await expect(page.getByRole('alert')).toContainText('太常见');
  await expect(page.getByLabel('姓名')).toHaveValue('新学员');
  await expect(page.getByLabel('设置密码', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('设置密码', { exact: true }).fill(E2E_PASSWORD);
  // PIPL: no account without agreeing to the 个人信息保护说明.
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('个人信息保护说明');
  await page.getByLabel('设置密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  // Not signed in yet: the same page whether or not the number had an account (see below).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请登录');
  await expect(page.getByLabel('手机号')).toHaveValue('13700001234');
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me\/\?welcome=1$/);
  await expect(page.getByText('注册成功')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('新学员');
});

test('registering a number that already has an account looks the same, and changes nothing', async ({ page }) => {
  const owner = E2E_USERS['signIn']!;
  const register = async (phone: string): Promise<string> => {
    await page.goto('/register/');
    await page.getByLabel('邀请码').fill(E2E_INVITATION);
    await page.getByLabel('姓名').fill('冒名的人');
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('设置密码', { exact: true }).fill('另外一个新密码呀');
    await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请登录');
    return (await page.getByRole('main').innerText()).replace(phone, '');
  };
  expect(await register(owner.phone)).toBe(await register('13700005678'));
  await expect(page.getByRole('main')).toContainText('忘记了原来的密码？');
  // The existing account keeps its password and name.
  await page.getByLabel('手机号').fill(owner.phone);
  await page.getByLabel('密码', { exact: true }).fill('另外一个新密码呀');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('手机号或密码不正确');
});

test('signing in on a 320 px phone, with the same message for any wrong detail', async ({ page }) => {
  await page.goto('/login/');
  await page.getByLabel('手机号').fill(E2E_USERS['signIn']!.phone);
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('手机号或密码不正确');
  await expect(page.getByLabel('手机号')).toHaveValue(E2E_USERS['signIn']!.phone);
  await page.getByRole('button', { name: '显示密码' }).click();
  await expect(page.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'text');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(E2E_USERS['signIn']!.name);
});

test('a finished lesson stays finished after a reload and on another device', async ({ page, browser, baseURL }) => {
  const lesson = '/courses/integrity/family-tradition/';
  await signInAs(page, E2E_USERS['progress']!.phone, lesson);
  await page.getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');
  await page.reload();
  await expect(page.getByRole('button', { name: '✓ 已学完' })).toBeVisible();
  // 继续学习 goes on to the next lesson, not the one just finished.
  const next = await page.getByRole('link', { name: /^下一课：/ }).getAttribute('href');
  expect(next).not.toBe(lesson);

  const other = await browser.newContext({ baseURL: baseURL ?? '', viewport: { width: 320, height: 700 } });
  const phone = await other.newPage();
  await signInAs(phone, E2E_USERS['progress']!.phone);
  await expect(phone.getByRole('link', { name: /^继续学习：/ })).toHaveAttribute('href', next ?? '');
  await expect(phone.getByText('已学完 1 课，共 6 课（17%）')).toBeVisible();
  await phone.goto('/');
  await expect(phone.getByRole('link', { name: /^继续学习：/ })).toHaveAttribute('href', next ?? '');
  await other.close();
});

test('progress made while signed out is merged at sign-in', async ({ page }) => {
  await page.goto('/courses/red-spirit/yanan-spirit/');
  await page.getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('登录后');
  await signInAs(page, E2E_USERS['merge']!.phone, '/me/');
  await expect(page).toHaveURL(/merged=1/);
  await expect(page.getByText('已把您登录前的学习记录合并到账号里')).toBeVisible();
  await expect(page.getByText('已学完 1 课，共 6 课')).toBeVisible();
});

test('the device list, and signing out', async ({ page }) => {
  await signInAs(page, E2E_USERS['devices']!.phone, '/account/');
  await expect(page.getByText('就是现在这台')).toBeVisible();
  // The person sees their own number in full, and how others see it: masked.
  await expect(page.getByText(E2E_USERS['devices']!.phone)).toBeVisible();
  await expect(page.getByText('139****0014')).toBeVisible();
  await page.getByRole('button', { name: '退出登录', exact: true }).click();
  await expect(page).toHaveURL(/\/login\//);
  await page.goto('/me/');
  await expect(page).toHaveURL(/\/login\/\?next=%2Fme%2F/);
});

test('finishing every lesson issues a certificate anyone can verify', async ({ page, browser, baseURL }) => {
  const lessons = ['red-boat-spirit', 'jinggangshan-spirit', 'long-march-spirit', 'yanan-spirit', 'xibaipo-spirit'];
  await signInAs(page, E2E_USERS['certificate']!.phone);
  for (const lesson of lessons) {
    const response = await page.request.post('/api/progress/', {
      form: { event: 'complete', lesson: `red-spirit/${lesson}` },
      headers: { origin: baseURL ?? '', accept: 'application/json' },
    });
    expect(response.status()).toBe(200);
  }
  await page.goto('/courses/red-spirit/resist-us-aid-korea-spirit/');
  await page.getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toBeVisible();
  await page.goto('/me/');
  await page.getByRole('link', { name: /结业证书/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('结业证书');
  await expect(page.getByText(E2E_USERS['certificate']!.name)).toBeVisible();
  const url = page.url();

  const anonymous = await browser.newContext({ baseURL: baseURL ?? '' });
  const visitor = await anonymous.newPage();
  await visitor.goto(url);
  await expect(visitor.getByText('这是一张有效的结业证书')).toBeVisible();
  await expect(visitor.getByText(/红色教育/).first()).toBeVisible();
  await expect(visitor.locator('body')).not.toContainText(E2E_USERS['certificate']!.phone);
  const fake = await visitor.goto('/certificates/XG-AAAA-BBBB-CC/');
  expect(fake?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('没有找到这张证书');
  await anonymous.close();
});

test('a forgotten password: an instructor issues a code, the learner sets a new password', async ({ page, browser, baseURL }) => {
  const learner = E2E_USERS['forgetful'];
  const instructor = E2E_USERS['instructor'];
  if (!learner || !instructor) throw new Error('missing test accounts');
  await signInAs(page, instructor.phone, '/admin/reset-codes/');
  // Staff who forget a password ask an admin: an instructor cannot give a code to an organiser.
  await page.getByLabel('学员的手机号').fill(E2E_USERS['organiser']!.phone);
  await page.getByRole('button', { name: '生成重置码' }).click();
  await expect(page.getByRole('alert')).toContainText('重置码只能由管理员发');
  await expect(page.locator('.code')).toHaveCount(0);
  await page.getByLabel('学员的手机号').fill(learner.phone);
  await page.getByRole('button', { name: '生成重置码' }).click();
  const shown = (await page.locator('.code').textContent()) ?? '';
  const code = shown.trim();
  expect(code).toMatch(/^[ACDEFHKMNPRTWXY34679]{4}-[ACDEFHKMNPRTWXY34679]{4}-[ACDEFHKMNPRTWXY34679]{2}$/);

  const other = await browser.newContext({ baseURL: baseURL ?? '', viewport: { width: 320, height: 700 } });
  const phone = await other.newPage();
  await phone.goto('/login/');
  await phone.getByRole('link', { name: '用重置码设置密码' }).click();
  await phone.getByLabel('手机号').fill(learner.phone);
  await phone.getByLabel('重置码或首次登录码').fill('123456');
  await phone.getByLabel('新密码', { exact: true }).fill('我的新密码是一句话');
  await phone.getByRole('button', { name: '设置新密码' }).click();
  await expect(phone.getByRole('alert')).toContainText('10个字母和数字');
  await phone.getByLabel('重置码或首次登录码').fill(code === 'ACDE-FHKM-NP' ? 'ACDE-FHKM-NR' : 'ACDE-FHKM-NP');
  await phone.getByLabel('新密码', { exact: true }).fill('我的新密码是一句话');
  await phone.getByRole('button', { name: '设置新密码' }).click();
  await expect(phone.getByRole('alert')).toContainText('手机号或重置码不正确');
  await phone.getByLabel('重置码或首次登录码').fill(code);
  await phone.getByLabel('新密码', { exact: true }).fill('我的新密码是一句话');
  await phone.getByRole('button', { name: '设置新密码' }).click();
  await expect(phone.getByText('新密码已设置好')).toBeVisible();
  await phone.getByLabel('手机号').fill(learner.phone);
  await phone.getByLabel('密码', { exact: true }).fill('我的新密码是一句话');
  await phone.getByRole('button', { name: '登录' }).click();
  // The first page after signing in says who issued the code, and when; once.
  await expect(phone).toHaveURL(/\/account\/notices\/\?next=%2Fme%2F$/);
  await expect(phone.getByRole('main')).toContainText(`${instructor.name}在`);
  await expect(phone.getByRole('main')).toContainText('为您发了密码重置码');
  await phone.getByRole('link', { name: '知道了，继续' }).click();
  await expect(phone).toHaveURL(/\/me\/$/);
  await phone.goto('/courses/');
  await expect(phone).toHaveURL(/\/courses\/$/);
  await other.close();
});

test('learners cannot reach staff pages', async ({ page }) => {
  const learner = E2E_USERS['signIn'];
  if (!learner) throw new Error('missing test account');
  await signInAs(page, learner.phone);
  const response = await page.goto('/admin/reset-codes/');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有权限查看这个页面');
});

test('a person downloads their record and closes their account', async ({ page }) => {
  const closer = E2E_USERS['closer'];
  if (!closer) throw new Error('missing test account');
  await signInAs(page, closer.phone, '/account/');
  const download = await page.request.get('/api/me/record.csv');
  expect(download.headers()['content-type']).toContain('text/csv');
  const csv = await download.text();
  expect(csv).toContain(closer.name);
  expect(csv).toContain('课文,第一次打开,学完日期,阅读时间');
  await page.getByRole('link', { name: '注销账号' }).click();
  await page.getByLabel('请输入密码，确认是您本人').fill('not-my-password');
  await page.getByRole('button', { name: '确认注销我的账号' }).click();
  await expect(page.getByRole('alert')).toContainText('密码不对，账号没有注销');
  await page.getByLabel('请输入密码，确认是您本人').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '确认注销我的账号' }).click();
  await expect(page).toHaveURL(/\/\?closed=1$/);
  await page.goto('/login/');
  await page.getByLabel('手机号').fill(closer.phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('手机号或密码不正确');
});
