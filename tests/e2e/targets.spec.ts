import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { PAGES_BY_ACCOUNT, TEXT_SIZES } from './pages';
import { smallTargets, visiblePaths } from './targets';
import { MARKED_RULES, markedQuestions, seedContest } from './contest-fixtures';

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
    await page.setViewportSize({ width: 390, height: 844 });
    if (account !== 'visitor') await signInAs(page, E2E_USERS[account]?.phone ?? '', paths[0] ?? '/');
    for (const size of TEXT_SIZES) {
      await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
      for (const path of paths) {
        await page.goto(path);
        if (path.startsWith('/search/')) await page.locator('.results li').first().waitFor();
        expect(await smallTargets(page), `controls below size on ${path} at ${size}px`).toEqual([]);
        if (size === '20') expect(await visiblePaths(page), `internal paths shown as text on ${path}`).toEqual([]);
      }
    }
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
