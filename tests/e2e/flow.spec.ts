import { expect, test, type Page } from './fixtures';
import { E2E_PASSWORD, E2E_USERS, signInAs } from './accounts';
import { MARKED_RULES, markedQuestions, seedContest } from './contest-fixtures';
import { PAGE_TYPES } from './pages';

const phone = (key: string): string => E2E_USERS[key]?.phone ?? '';

/** Signs in from the plain 登录 page, without asking for any page. */
async function signInPlainly(page: Page, key: string): Promise<void> {
  await page.goto('/login/');
  await page.getByLabel('手机号').fill(phone(key));
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

test('each role lands on its own home after signing in, and an instructor finds where to issue a reset code', async ({ browser, baseURL }) => {
  for (const [key, home, heading] of [
    ['flowLanding', '/studio/', '讲师工作台'],
    ['flowLandingOrganiser', '/organiser/', '组织者'],
    ['flowNoScript', '/me/', /您好/],
  ] as const) {
    const context = await browser.newContext({ baseURL: baseURL ?? '' });
    const page = await context.newPage();
    await signInPlainly(page, key);
    await page.waitForURL((url) => url.pathname === home);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    if (key === 'flowLanding') {
      await expect(page.getByRole('heading', { name: '今天有学员忘了密码？' })).toBeVisible();
      // A course's 学习情况 page offers the same way, for an instructor who went straight there.
      await page.goto('/studio/courses/red-spirit/');
      await expect(page.getByRole('heading', { name: '今天有学员忘了密码？' })).toBeVisible();
      await page.getByRole('link', { name: '给学员发重置码' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('给学员发密码重置码');
    }
    await context.close();
  }
});

test('我学完了 waits at the bottom of a long lesson once past its middle, and 继续学习 then opens the next lesson', async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
  await signInAs(page, phone('flowReader'), PAGE_TYPES.lesson);
  await expect(page.getByText(/读满 \d+ 分钟，会自动记为学完/)).toBeVisible();
  const bar = page.locator('[data-finish-bar]');
  await expect(bar).toBeHidden();
  // Scroll until the middle of the lesson has passed the bottom of the screen.
  await page.evaluate(() => {
    const body = document.getElementById('lesson-body')?.getBoundingClientRect();
    if (body) window.scrollTo(0, window.scrollY + body.top + body.height / 2 - window.innerHeight + 200);
  });
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('button', { name: '我学完了' })).toBeInViewport();
  // It steps aside when the button at the end comes on screen, so it never covers the end.
  await page.locator('#finish').scrollIntoViewIfNeeded();
  await expect(bar).toBeHidden();
  await page.evaluate(() => {
    const body = document.getElementById('lesson-body')?.getBoundingClientRect();
    if (body) window.scrollTo(0, window.scrollY + body.top + body.height / 2 - window.innerHeight + 200);
  });
  await bar.getByRole('button', { name: '我学完了' }).click();
  await expect(page.locator('[data-progress-status]')).toHaveText('已学完，学习记录已保存。');
  await expect(bar.getByRole('button')).toHaveText('✓ 已学完');
  const next = page.getByRole('link', { name: /^下一课：/ });
  const nextHref = await next.getAttribute('href');
  const nextTitle = ((await next.textContent()) ?? '').replace('下一课：', '').trim();

  await page.goto('/me/');
  const resume = page.getByRole('link', { name: /^继续学习：/ });
  await expect(resume).toHaveText(`继续学习：${nextTitle}`);
  await expect(resume).toHaveAttribute('href', nextHref ?? '');
});

test('without JavaScript, the top of a lesson leads down to 我学完了, and the page after it opens there', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL ?? '', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInPlainly(page, 'flowNoScript');
  await page.waitForURL((url) => url.pathname === '/me/');
  await page.goto(PAGE_TYPES.lesson);
  await page.getByRole('link', { name: '跳到文末的“我学完了”' }).click();
  const finish = page.locator('#finish').getByRole('button', { name: '我学完了' });
  await expect(finish).toBeInViewport();
  await finish.click();
  await page.waitForURL((url) => url.hash === '#finish');
  await expect(page.locator('#finish').getByRole('button', { name: '我学完了' })).toBeInViewport();
  await context.close();
});

test('after starting a contest or moving to the next question, the page starts at that question, focused', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const contestId = await seedContest(markedQuestions('聚焦'), { title: '聚焦答题竞赛', drawRules: MARKED_RULES });
  await signInAs(page, phone('flowContestant'), '/contests/');
  await page.getByRole('link', { name: '聚焦答题竞赛' }).click();
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page).toHaveURL(new RegExp(`/contests/${contestId}/question/1/`));
  await expect(page.locator('#contest-question')).toBeFocused();
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('第2题 / 共5题')).toBeVisible();
  await expect(page.locator('#contest-question')).toBeFocused();
  await expect(page.locator('#contest-question')).toBeInViewport();
});

test('after a form post with a mistake the error summary has the focus; after a successful change, the notice saying so', async ({ page }) => {
  // Signing in with a wrong password: the summary, not the top of the page.
  await page.goto('/login/');
  await page.getByLabel('手机号').fill(phone('flowPassword'));
  await page.getByLabel('密码', { exact: true }).fill('不是这个密码');
  await page.getByRole('button', { name: '登录' }).click();
  const loginSummary = page.locator('[data-error-summary]');
  await expect(loginSummary).toContainText('手机号或密码不正确');
  await expect(loginSummary).toBeFocused();

  // Changing the password with a wrong current one: the summary again.
  await signInAs(page, phone('flowPassword'), '/account/password/');
  await page.getByLabel('现在的密码').fill('不是现在的密码');
  await page.getByLabel('新密码').fill('门前的枣树又结果了');
  await page.getByRole('button', { name: '修改密码' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();

  // The right current password: the 密码已修改 notice has the focus, so the reader hears it first.
  await page.getByLabel('现在的密码').fill(E2E_PASSWORD);
  await page.getByLabel('新密码').fill('门前的枣树又结果了');
  await page.getByRole('button', { name: '修改密码' }).click();
  const notice = page.getByRole('status').filter({ hasText: '密码已修改' });
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
});
