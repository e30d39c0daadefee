import { expect, test } from './fixtures';
import { axeViolations, expectAccessibleEverywhere } from './axe';
import { E2E_USERS, signInAs } from './accounts';
import { smallTargets, visiblePaths } from './targets';
import { TEXT_SIZES } from './pages';
import { FRAUD_CORNER_PATH } from '../../src/lib/anti-fraud';
import { ANTI_FRAUD_QUESTIONS } from '../../src/lib/anti-fraud-questions';

const SCAMS = ['冒充公检法', '冒充子女借钱', '保健品与养生讲座', '养老投资与以房养老', '中奖与退税链接', '冒充客服退款'];

test('the anti-fraud corner teaches six scams, each how it sounds, its warning signs and what to do', async ({ page }) => {
  await page.goto(FRAUD_CORNER_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('防诈骗专区');
  const four = page.locator('section', { has: page.getByRole('heading', { name: '记住四件事' }) });
  await expect(four.locator('ol > li')).toHaveCount(4);
  await expect(four).toContainText('96110');
  await expect(four).toContainText('国家反诈中心');
  await expect(four).toContainText('110 报警');
  for (const scam of SCAMS) {
    const section = page.locator('section.scam', { has: page.getByRole('heading', { level: 2, name: scam }) });
    for (const part of ['骗子常这样说', '警惕这些信号', '这样做']) await expect(section.getByRole('heading', { level: 3, name: part })).toBeVisible();
    await expect(section.locator('ol > li').first()).toBeVisible();
    await expect(section).toContainText('要记住：');
  }
  // The list of scams leads to each one on the page.
  await page.getByRole('navigation', { name: '六种常见骗局' }).getByRole('link', { name: '冒充客服退款' }).click();
  await expect(page).toHaveURL(/#fake-customer-service$/);
  await expect(page.getByRole('heading', { level: 2, name: '冒充客服退款' })).toBeInViewport();
  // Where the facts come from.
  await expect(page.locator('.sources')).toContainText('公安部刑事侦查局');
});

test('the corner reflows at 320 px with targets a finger can press, and its quiz draws the 防诈骗 questions', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL ?? '', viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  for (const size of TEXT_SIZES) {
    await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
    await page.goto(FRAUD_CORNER_PATH);
    await expect(page.locator('html')).toHaveAttribute('data-size', size);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `字号 ${size}`).toBeLessThanOrEqual(320);
    expect(await smallTargets(page), `字号 ${size}`).toEqual([]);
  }
  expect(await visiblePaths(page)).toEqual([]);
  await expect(page.getByRole('link', { name: '做课后小测' })).toHaveAttribute('href', /tag=%E9%98%B2%E8%AF%88%E9%AA%97/);
  await context.close();
});

test('an organiser adds the anti-fraud set to a bank in one step, and adding it again adds nothing', async ({ page }) => {
  await signInAs(page, E2E_USERS['fraudOrganiser']?.phone ?? '', '/organiser/');
  await page.getByLabel('题库名称').fill('防诈骗题库（网页测试）');
  await page.getByRole('button', { name: '建立题库' }).click();
  const add = page.getByRole('button', { name: '把防诈骗练习题加入这个题库' });
  await add.click();
  const notice = page.getByRole('main').getByRole('status').first();
  await expect(notice).toContainText(`已加入“防诈骗练习题” ${ANTI_FRAUD_QUESTIONS.length} 道题。`);
  // Not opened for practice yet: the organiser is told what 每日一练 needs.
  await expect(notice).toContainText('还没有用于日常练习');
  await expect(page.getByRole('main')).toContainText(`共 ${ANTI_FRAUD_QUESTIONS.length} 道题`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '把防诈骗练习题加入这个题库' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('都已经在这个题库里了，没有重复加入');
  await expect(page.getByRole('main')).toContainText(`共 ${ANTI_FRAUD_QUESTIONS.length} 道题`);
  // The long button wraps on a 320 px phone at the largest text size instead of pushing the page sideways.
  await page.context().addCookies([{ name: 'xg-size', value: '30', url: page.url() }]);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(new URL(page.url()).pathname);
  await expect(page.getByRole('button', { name: '把防诈骗练习题加入这个题库' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('the corner passes axe at every text size and in high contrast', async ({ page, context, baseURL }) => {
  // Six long axe runs on the site's longest help page: about 35 s on a quiet machine.
  test.setTimeout(180_000);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', FRAUD_CORNER_PATH);
});
