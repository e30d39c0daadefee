import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { CONTEST_PAGES, PAGES_BY_ACCOUNT, SCREENING_PAGES, TEXT_SIZES } from './pages';
import { seedActivity } from './screening-fixtures';
import { measureTargets, smallTargets, visiblePaths } from './targets';
import { MARKED_RULES, markedQuestions, seedContest, withDb } from './contest-fixtures';
import { contests } from '../../db/schema';
import { eq } from 'drizzle-orm';
import type { Page } from './fixtures';
import type { BrowserContext } from '@playwright/test';

/**
 * 管理 › 运行情况 is the IT person's page: which address was slow or failed is its information, so
 * it is the one page allowed to show addresses as text.
 */
const SHOWS_ADDRESSES: ReadonlySet<string> = new Set(['/admin/ops/']);

/** Every path at every text size: no control below its size, and no internal path shown (all reported at once). */
async function expectLargeEnough(page: Page, context: BrowserContext, baseURL: string, paths: readonly string[]): Promise<void> {
  const small: string[] = [];
  for (const size of TEXT_SIZES) {
    await context.addCookies([{ name: 'xg-size', value: size, url: baseURL }]);
    for (const path of paths) {
      await page.goto(path);
      if (path.startsWith('/search/')) await page.locator('.results li').first().waitFor();
      for (const target of await smallTargets(page)) small.push(`${path} at ${size}px: ${target.label} ${target.width}×${target.height}${target.primary ? ' (primary)' : ''}`);
      if (size === '20' && !SHOWS_ADDRESSES.has(path)) expect(await visiblePaths(page), `internal paths shown as text on ${path}`).toEqual([]);
    }
  }
  expect(small, 'controls below size').toEqual([]);
}

// ELDER-UI.md: no control below 44 × 44 px (primary ones 60), on every page and at every text
// size; and people are told where to click, never shown an internal address such as “网址 /reset/”.
for (const [account, paths] of Object.entries(PAGES_BY_ACCOUNT)) {
  test(`${account === 'visitor' ? 'signed out' : account}: every link and button is large enough at every text size, and no page shows an internal path`, async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    // Lists show their items' links: a bank and a contest are there whatever ran before.
    if (account === 'visitor' || account === 'flowOrganiser') await seedContest(markedQuestions('尺寸'), { title: '尺寸检查竞赛', drawRules: MARKED_RULES });
    // The schedule lists an activity's link, its past ones too.
    if (account === 'visitor') await Promise.all([seedActivity(), seedActivity({ startsAt: Date.now() - 3 * 86_400_000, signupClosesAt: Date.now() - 4 * 86_400_000 })]);
    await page.setViewportSize({ width: 390, height: 844 });
    if (account !== 'visitor') await signInAs(page, E2E_USERS[account]?.phone ?? '', paths[0] ?? '/');
    await expectLargeEnough(page, context, baseURL ?? '', paths);
  });
}

test('the sign-in and registration pages offer their ways forward as real buttons', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login/');
  for (const name of ['用邀请码注册', '用重置码设置密码', '用首次登录码设置密码']) {
    const box = await page.getByRole('link', { name, exact: true }).boundingBox();
    expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(60);
  }
  await page.goto('/register/');
  expect((await page.getByRole('link', { name: '直接登录', exact: true }).boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(60);
});

test("a contest's own pages, a bank and a contest's set-up page have large enough links and buttons at every text size", async ({ page, context, baseURL, browser }) => {
  test.setTimeout(240_000);
  const contestId = await seedContest(markedQuestions('量尺寸'), { title: '量尺寸竞赛', drawRules: MARKED_RULES, answersVisible: 'after_submit', attemptsAllowed: 2 });
  const bankId = await withDb(async (db) => (await db.select({ bankId: contests.bankId }).from(contests).where(eq(contests.id, contestId)))[0]?.bankId);
  const fill = (path: string): string => path.replace('{contest}', String(contestId)).replace('{bank}', String(bankId));
  await page.setViewportSize({ width: 390, height: 844 });

  // The contestant: the contest before starting, a question, the review; then hands in.
  const [before, question, review, result] = CONTEST_PAGES.contestant.map(fill);
  await signInAs(page, E2E_USERS['targetsContestant']?.phone ?? '', before);
  await expectLargeEnough(page, context, baseURL ?? '', [before ?? '']);
  await page.getByRole('button', { name: '开始答题' }).click();
  await page.locator('.option').first().click();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
  await expectLargeEnough(page, context, baseURL ?? '', [question ?? '', review ?? '']);
  await page.goto(review ?? '');
  await page.getByRole('button', { name: '确认交卷' }).click();
  await expect(page).toHaveURL(/\/result\//);
  // After handing in: the result, and the contest page listing 查看这次成绩.
  await expectLargeEnough(page, context, baseURL ?? '', [result ?? '', before ?? '']);

  // The organiser: the bank, the contest's set-up page (listing the attempt), and the standings.
  const organiser = await browser.newContext({ baseURL: baseURL ?? '', viewport: { width: 390, height: 844 } });
  const organiserPage = await organiser.newPage();
  await signInAs(organiserPage, E2E_USERS['flowOrganiser']?.phone ?? '', '/organiser/');
  await expectLargeEnough(organiserPage, organiser, baseURL ?? '', CONTEST_PAGES.organiser.map(fill));
  await organiser.close();
});

test("an activity's page has large enough links and buttons at every text size: signed out, before and after signing up, and while cancelling", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const id = await seedActivity({ lessonId: 'party-spirit/constitution-and-oath' });
  const [activity, confirmCancel] = [SCREENING_PAGES.activity, SCREENING_PAGES.confirmCancel].map((path) => path.replace('{activity}', String(id)));
  await page.setViewportSize({ width: 390, height: 844 });
  await expectLargeEnough(page, context, baseURL ?? '', [activity ?? '']);
  await signInAs(page, E2E_USERS['screeningTargets']?.phone ?? '', activity);
  await expectLargeEnough(page, context, baseURL ?? '', [activity ?? '']);
  await page.getByRole('button', { name: '报名', exact: true }).click();
  await expect(page.locator('#signup-result')).toBeVisible();
  await expectLargeEnough(page, context, baseURL ?? '', [activity ?? '', confirmCancel ?? '']);
  await page.getByRole('button', { name: '确认取消报名' }).click();
  await expectLargeEnough(page, context, baseURL ?? '', [activity ?? '', '/me/']);
});

test('the size check measures card and list links, and leaves out only links inside a sentence', async ({ page }) => {
  await page.setContent(`<main>
    <ul class="card-list"><li class="panel"><p>第 1 次：8 分，答对 4 题</p><a href="/a">查看这次成绩</a></li></ul>
    <ul><li><a href="/b">一门学完的课</a>（已学完）</li></ul>
    <p><a href="/c">张三（138****0000）第 1 次</a></p>
    <p>请先读一读<a href="/d">个人信息保护说明</a>，同意后就可以开始学习。</p>
  </main>`);
  const measured = (await measureTargets(page)).map((target) => target.label);
  expect(measured).toHaveLength(3);
  expect(measured.join()).toContain('查看这次成绩');
  expect(measured.join()).toContain('一门学完的课');
  expect(measured.join()).not.toContain('个人信息保护说明');
});
