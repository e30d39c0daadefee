import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { PAGE_TYPES, TEXT_SIZES } from './pages';
import { headerPanelButton, openHeaderPanel } from './header';
import { expectAccessibleEverywhere } from './axe';
import { MARKED_RULES, markedQuestions, seedContest } from './contest-fixtures';

/** The everyday sections, in the header's row and at the top of 菜单, for everyone. */
const EVERYDAY = ['首页', '课程', '每日一练', '知识竞赛', '活动', '智慧助老', '重温入党誓词', '我的学习'];

const PHONE = { width: 390, height: 844 };
/** Where a page's own title must start on a 390 × 844 phone (ELDER-UI.md: 300 px standard, 420 px 特大). */
const TITLE_LIMIT: Record<(typeof TEXT_SIZES)[number], number> = { '20': 300, '24': 360, '30': 420 };

async function titleTop(page: Page): Promise<number> {
  return page.locator('main h1').first().evaluate((title) => title.getBoundingClientRect().top + window.scrollY);
}

test.describe('the first screen shows the page', () => {
  test.use({ viewport: PHONE });

  for (const [name, path] of [['lesson', PAGE_TYPES.lesson], ['course', PAGE_TYPES.course], ['menu', PAGE_TYPES.menu]] as const) {
    test(`the ${name} page's title starts near the top at every text size`, async ({ page, context, baseURL }) => {
      for (const size of TEXT_SIZES) {
        await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
        await page.goto(path);
        await expect(page.locator('body')).toHaveCSS('font-size', `${size}px`);
        expect(await titleTop(page), `${path} at ${size}px`).toBeLessThanOrEqual(TITLE_LIMIT[size]);
      }
    });
  }

  test("a contest question's title and its countdown are on the first screen at every text size", async ({ page, context, baseURL }) => {
    const contestId = await seedContest(markedQuestions('标题'), { title: '量标题竞赛', drawRules: MARKED_RULES });
    await signInAs(page, E2E_USERS['navContestant']?.phone ?? '', `/contests/${contestId}/`);
    await page.getByRole('button', { name: '开始答题' }).click();
    await expect(page).toHaveURL(new RegExp(`/contests/${contestId}/question/1/#contest-question$`));
    for (const size of TEXT_SIZES) {
      await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
      await page.reload();
      await expect(page.locator('body')).toHaveCSS('font-size', `${size}px`);
      expect(await titleTop(page), `question at ${size}px`).toBeLessThanOrEqual(TITLE_LIMIT[size]);
      await expect(page.locator('[data-contest-clock]')).toBeInViewport();
    }
  });
});

test.describe('the phone header', () => {
  test.use({ viewport: PHONE });

  test('has the site name and three large buttons with words, and nothing else before the page', async ({ page }) => {
    await page.goto(PAGE_TYPES.lesson);
    const header = page.locator('.site-header');
    await expect(header.getByRole('link', { name: '霞光学堂' })).toBeVisible();
    for (const button of [header.getByRole('link', { name: '菜单' }), headerPanelButton(page, '搜索'), headerPanelButton(page, '字号')]) {
      await expect(button).toBeVisible();
      const box = await button.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(60);
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
    }
    // The size switches and the search box wait behind their buttons.
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await expect(page.getByRole('searchbox', { name: '搜索课程' })).toBeHidden();
    await expect(header.getByRole('link', { name: '课程' })).toBeHidden();
  });

  test('keyboard: Tab reaches 菜单, 搜索 and 字号 in reading order; Enter opens them; the focus is never trapped or covered', async ({ page }) => {
    await page.goto(PAGE_TYPES.course);
    const order: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (document.activeElement?.textContent ?? '').trim()));
    }
    expect(order).toEqual(['跳到正文', '霞光学堂', '菜单', '搜索', '字号']);
    // 字号 has the focus: open it, go through its switches and out the other side into the page.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '特大' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '标准' })).toBeFocused();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    // The focus left the panel, so the panel closed: it never lies over the focused link.
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await expect(page.locator('main :focus')).toBeInViewport();
    // Escape closes an open panel and returns to its button.
    await headerPanelButton(page, '字号').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '标准' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await expect(headerPanelButton(page, '字号')).toBeFocused();
    // 菜单 by keyboard.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('link', { name: '菜单' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/menu\/\?back=%2Fcourses%2Fparty-spirit%2F$/);
    await expect(page.getByRole('heading', { level: 1, name: '菜单' })).toBeVisible();
  });

  test('search opens with the box ready to type in', async ({ page }) => {
    await page.goto(PAGE_TYPES.lesson);
    await headerPanelButton(page, '搜索').click();
    await expect(page.getByRole('searchbox', { name: '搜索课程' })).toBeFocused();
    await page.keyboard.type('长征');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=%E9%95%BF%E5%BE%81$/);
  });

  test('a panel left open never hides the next page: it is closed after a link, after Back, and after a tap elsewhere', async ({ page }) => {
    await page.goto(PAGE_TYPES.course);
    await openHeaderPanel(page, '字号');
    await expect(page.getByRole('button', { name: '特大' })).toBeVisible();
    // A tap on the page below the panel closes it.
    await page.mouse.click(PHONE.width / 2, PHONE.height - 40);
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    // Opening one closes the other.
    await openHeaderPanel(page, '字号');
    await openHeaderPanel(page, '搜索');
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await openHeaderPanel(page, '字号');
    await page.getByRole('button', { name: '特大' }).click();
    await page.locator('main a[href$="/constitution-and-oath/"]').first().click();
    await expect(page).toHaveURL(/constitution-and-oath\/$/);
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await expect(page.locator('main h1')).toBeInViewport();
    await page.goBack();
    // Back where the reader was (the browser keeps the place), with nothing lying over the page.
    await expect(page).toHaveURL(/party-spirit\/$/);
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
  });

  test('the menu and the size panel work by touch', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL ?? '', viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(PAGE_TYPES.lesson);
    await headerPanelButton(page, '字号').tap();
    await page.getByRole('button', { name: '大', exact: true }).tap();
    await expect(page.locator('body')).toHaveCSS('font-size', '24px');
    await page.getByRole('link', { name: '菜单' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: '菜单' })).toBeVisible();
    await page.getByRole('list', { name: '网站的各个栏目' }).getByRole('link', { name: '知识竞赛' }).tap();
    await expect(page).toHaveURL(/\/contests\/$/);
    await context.close();
  });

  test('the menu closes back to the page it was opened on', async ({ page }) => {
    await page.goto('/courses/?theme=integrity');
    await page.getByRole('link', { name: '菜单' }).click();
    const list = page.getByRole('list', { name: '网站的各个栏目' });
    await expect(list.getByRole('link', { name: '课程' })).toHaveAttribute('aria-current', 'true');
    await page.getByRole('link', { name: '菜单' }).click();
    await expect(page).toHaveURL(/\/courses\/\?theme=integrity$/);
    await page.getByRole('link', { name: '菜单' }).click();
    await page.getByRole('link', { name: '返回刚才的页面' }).click();
    await expect(page).toHaveURL(/\/courses\/\?theme=integrity$/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test('菜单 lists the sections, 字号 opens the switches, and 搜索 searches', async ({ page }) => {
    await page.goto(PAGE_TYPES.lesson);
    await page.getByRole('link', { name: '菜单' }).click();
    const list = page.getByRole('list', { name: '网站的各个栏目' });
    await expect(list.getByRole('link')).toHaveText(EVERYDAY);
    await expect(list.getByRole('link', { name: '课程' })).toHaveAttribute('aria-current', 'true');
    await list.getByRole('link', { name: /^课程/ }).click();
    await expect(page).toHaveURL(/\/courses\/$/);
    await headerPanelButton(page, '字号').click();
    await page.getByRole('button', { name: '特大' }).click();
    await expect(page.locator('body')).toHaveCSS('font-size', '30px');
    await expect(page).toHaveURL(/\/courses\/$/);
    await headerPanelButton(page, '搜索').click();
    await page.getByRole('searchbox', { name: '搜索课程' }).fill('红船');
    await page.getByRole('search', { name: '搜索课程' }).getByRole('button', { name: '搜索' }).click();
    await expect(page).toHaveURL(/\/search\/\?q=/);
  });
});

test('on a wide screen every everyday section sits in one row of the header', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PAGE_TYPES.catalog);
  const row = page.getByRole('navigation', { name: '主导航' }).getByRole('listitem');
  await expect(row).toHaveText(EVERYDAY);
  const tops = await row.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  await expect(row.getByRole('link', { name: '课程' })).toHaveAttribute('aria-current', 'page');
});

/** What each role finds in 菜单 (and must not), each one tap further away; `desk` is one of the role's own pages. */
const ROLES = [
  { who: 'visitor', user: undefined, sees: [], never: ['讲师工作台', '组织者', '支部联络员', '管理'], desk: undefined },
  { who: 'learner', user: 'navLearner', sees: [], never: ['讲师工作台', '组织者', '支部联络员', '管理'], desk: undefined },
  { who: 'instructor', user: 'navInstructor', sees: ['讲师工作台'], never: ['组织者', '支部联络员', '管理'], desk: '/studio/courses/red-spirit/' },
  { who: 'organiser', user: 'navOrganiser', sees: ['组织者'], never: ['讲师工作台', '支部联络员', '管理'], desk: '/organiser/contests/' },
  { who: 'liaison', user: 'navLiaison', sees: ['支部联络员'], never: ['讲师工作台', '组织者', '管理'], desk: '/liaison/progress/' },
  { who: 'admin', user: 'navAdmin', sees: ['讲师工作台', '组织者', '志愿服务', '审核', '管理'], never: ['支部联络员'], desk: '/admin/users/' },
] as const;
/** “a learner”, “an instructor”. */
const someone = (who: string): string => `${/^[aeiou]/.test(who) ? 'an' : 'a'} ${who}`;
/** The staff sections' own pages, to try them as someone they are not for. */
const STAFF_PAGES = { 讲师工作台: '/studio/', 组织者: '/organiser/', 支部联络员: '/liaison/', 管理: '/admin/' } as const;

for (const role of ROLES) {
  test(`every section ${someone(role.who)} may use is two taps from the home page, a lesson, a contest, 我的学习 and the role's own pages, and no other is shown`, async ({ page }) => {
    test.slow();
    await page.setViewportSize(PHONE);
    const contestId = await seedContest(markedQuestions('两步'), { title: '两步可达竞赛', drawRules: MARKED_RULES });
    const starts: string[] = ['/', PAGE_TYPES.lesson, `/contests/${contestId}/`];
    if (role.user) starts.push('/me/');
    if (role.desk) starts.push(role.desk);
    if (role.user) await signInAs(page, E2E_USERS[role.user]?.phone ?? '', PAGE_TYPES.lesson);
    const list = page.getByRole('list', { name: '网站的各个栏目' });
    const expected = [...EVERYDAY, ...role.sees];

    // The first tap, from each kind of page: 菜单 lists the same sections, and only those.
    let hrefs: string[] = [];
    for (const start of starts) {
      const opened = await page.goto(start);
      expect(opened?.status(), `${role.who} opens ${start}`).toBe(200);
      await page.getByRole('link', { name: '菜单' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '菜单' })).toBeVisible();
      const shown = (await list.getByRole('link').locator('strong').allTextContents()).map((text) => text.trim());
      expect(shown, `菜单 opened on ${start}`).toEqual(expected);
      for (const label of role.never) expect(shown).not.toContain(label);
      const here = await list.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      if (hrefs.length > 0) expect(here, `addresses in 菜单 opened on ${start}`).toEqual(hrefs);
      hrefs = here;
    }

    // The second tap: each section arrives (from the menu opened on the pages in turn).
    for (const [index, label] of expected.entries()) {
      await page.goto(starts[index % starts.length] ?? '/');
      await page.getByRole('link', { name: '菜单' }).click();
      const link = list.getByRole('link', { name: new RegExp(`^${label}`) });
      const href = (await link.getAttribute('href')) ?? '';
      await link.click();
      await page.waitForURL((url) => url.pathname !== '/menu/');
      // The page may still be settling (a redirect, a reload): read its status once it holds still.
      let status = 0;
      await expect(async () => {
        await page.waitForLoadState('load');
        status = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStatus);
      }).toPass({ timeout: 15_000 });
      // A visitor is asked to sign in for what needs an account; everyone else arrives.
      if (role.user || !['每日一练', '我的学习'].includes(label)) {
        expect(status, `${role.who} → ${label}`).toBe(200);
        expect(new URL(page.url()).pathname, label).toBe(href);
      } else {
        expect(new URL(page.url()).pathname, label).toBe('/login/');
      }
    }
  });
}

test('a section a role may not use stays refused on the server', async ({ page, request }) => {
  await signInAs(page, E2E_USERS['navLearner']?.phone ?? '');
  for (const path of Object.values(STAFF_PAGES)) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  const anonymous = await request.get('/organiser/', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
});

for (const role of ROLES.filter((candidate) => ['instructor', 'organiser', 'liaison'].includes(candidate.who))) {
  test(`${someone(role.who)} is refused the other staff sections by the server, and 菜单 does not offer them`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL ?? '' });
    const page = await context.newPage();
    await signInAs(page, E2E_USERS[role.user ?? '']?.phone ?? '', '/me/');
    for (const label of role.never) {
      const path = STAFF_PAGES[label];
      expect((await page.goto(path))?.status(), `${role.who} → ${path}`).toBe(403);
      expect((await context.request.get(path, { maxRedirects: 0 })).status(), `${role.who} asks for ${path} directly`).toBe(403);
    }
    await page.goto(PAGE_TYPES.menu);
    const list = page.getByRole('list', { name: '网站的各个栏目' });
    for (const label of role.never) await expect(list.getByRole('link', { name: new RegExp(`^${label}`) })).toHaveCount(0);
    for (const path of role.never.map((label) => STAFF_PAGES[label])) await expect(list.locator(`a[href="${path}"]`)).toHaveCount(0);
    await context.close();
  });
}

test.describe('the home page', () => {
  test('tells a visitor what the site offers and how to get an account, without sideways scrolling', async ({ page, context, baseURL }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    for (const size of TEXT_SIZES) {
      await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
      await page.goto('/');
      await expect(page.getByRole('heading', { name: '怎样得到账号' })).toBeVisible();
      await expect(page.getByRole('link', { name: '注册账号' })).toHaveAttribute('href', '/register/');
      await expect(page.getByRole('main').getByRole('link', { name: /^每日一练/ })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `home at ${size}px`).toBeLessThanOrEqual(0);
    }
    await expect(page.getByRole('heading', { name: '继续学习' })).toHaveCount(0);
  });

  test('greets a new learner with where to start and today’s 每日一练', async ({ page }) => {
    await signInAs(page, E2E_USERS['navNew']?.phone ?? '');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${E2E_USERS['navNew']?.name}，您好`);
    await expect(page.getByText('您还没有开始学习。')).toBeVisible();
    await expect(page.getByRole('link', { name: '去选一门课' })).toHaveAttribute('href', '/courses/');
    await expect(page.getByRole('heading', { name: '今天的每日一练' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '全部栏目' })).toBeVisible();
    await expect(page.getByRole('link', { name: '注册账号' })).toHaveCount(0);
  });

  test('shows a learner with progress the next unfinished lesson (not the one just finished) and how far they got', async ({ page }) => {
    const lesson = '/courses/red-spirit/yanan-spirit/';
    await signInAs(page, E2E_USERS['navProgress']?.phone ?? '', lesson);
    await page.getByRole('button', { name: '我学完了' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');
    await page.goto('/');
    const resume = page.getByRole('link', { name: /^继续学习：/ });
    await expect(resume).toBeVisible();
    // The lesson after 延安精神 in 红色精神, the one the reader has not finished.
    await expect(resume).toHaveAttribute('href', '/courses/red-spirit/xibaipo-spirit/');
    await expect(resume).toContainText('西柏坡');
    await expect(page.getByText(/已学完 1 课，共 \d+ 课/)).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('value', '1');
  });

  test('a learner with progress sees their home without sideways scrolling at 320 px, at every text size', async ({ page, context, baseURL }) => {
    await signInAs(page, E2E_USERS['navReturning']?.phone ?? '', '/courses/red-spirit/red-boat-spirit/');
    await page.getByRole('button', { name: '我学完了' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');
    await page.setViewportSize({ width: 320, height: 700 });
    for (const size of TEXT_SIZES) {
      await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
      await page.goto('/');
      await expect(page.locator('body')).toHaveCSS('font-size', `${size}px`);
      await expect(page.getByRole('link', { name: /^继续学习：/ })).toHaveAttribute('href', '/courses/red-spirit/jinggangshan-spirit/');
      await expect(page.getByRole('heading', { name: '今天的每日一练' })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `signed-in home at ${size}px`).toBeLessThanOrEqual(0);
    }
  });

  test('is accessible for a signed-in learner at every text size and in high contrast', async ({ page, context, baseURL }) => {
    test.slow();
    await signInAs(page, E2E_USERS['navA11y']?.phone ?? '');
    await expectAccessibleEverywhere(page, context, baseURL ?? '', '/');
  });
});

test('the open 字号 and 搜索 panels are accessible in every text size and in high contrast', async ({ page, context, baseURL }) => {
  test.slow();
  await page.setViewportSize(PHONE);
  for (const panel of ['字号', '搜索'] as const) {
    await expectAccessibleEverywhere(page, context, baseURL ?? '', PAGE_TYPES.lesson, async (loaded) => {
      await openHeaderPanel(loaded, panel);
    });
  }
});
